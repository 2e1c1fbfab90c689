using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3008: a CORS policy that accepts any origin (<c>SetIsOriginAllowed(_ =&gt; true)</c>, <c>AllowAnyOrigin()</c>,
/// <c>WithOrigins("*")</c>) and also allows credentials: any website can then call the API with the user's cookies.
/// Public any-origin policies without credentials are fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PermissiveCorsAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.PermissiveCors,
        title: "Permissive CORS with credentials",
        messageFormat: "'{0}' accepts any origin in a policy that also allows credentials: every website can call this API as the signed-in user",
        RuleCategories.Auth,
        DiagnosticSeverity.Warning,
        description: "With credentials allowed, the browser sends the user's cookies on cross-origin requests. If any origin is accepted, any website the user visits can read and change their data through your API. List the allowed origins explicitly.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(Analyze, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!IsAnyOrigin(invocation) || invocation.TargetMethod.ContainingType?.Name != "CorsPolicyBuilder")
            return;

        // The builder the policy is configured on: the root of the fluent chain (a lambda parameter or a local).
        var root = invocation.Instance;
        while (root is IInvocationOperation { Instance: { } inner })
            root = inner;
        var builder = SensitiveNames.NameOf(root ?? invocation);
        var scope = invocation.Syntax.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or BaseMethodDeclarationSyntax or GlobalStatementSyntax) ?? invocation.Syntax;
        var allowsCredentials = scope.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
            i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AllowCredentials" } member
            && (builder is null || Root(member.Expression) == builder));
        if (allowsCredentials)
        {
            var location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax name } ? name.Name.GetLocation() : invocation.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(Rule, location, invocation.TargetMethod.Name));
        }
    }

    private static bool IsAnyOrigin(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name switch
        {
            "AllowAnyOrigin" => true,
            "WithOrigins" => invocation.Arguments.SelectMany(a => a.Value.DescendantsAndSelf()).Any(v => v.ConstantValue.Value is "*"),
            "SetIsOriginAllowed" => invocation.Arguments.Any(a => AlwaysTrue(a.Value)),
            _ => false,
        };

    /// <summary><c>_ =&gt; true</c>, <c>origin =&gt; true</c>.</summary>
    private static bool AlwaysTrue(IOperation value)
    {
        while (value is IConversionOperation or IDelegateCreationOperation)
            value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
        return value is IAnonymousFunctionOperation { Body.Operations.Length: 1 } lambda
            && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue.ConstantValue.Value: true };
    }

    private static string? Root(ExpressionSyntax expression)
    {
        while (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member })
            expression = member.Expression;
        return expression is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : null;
    }
}
