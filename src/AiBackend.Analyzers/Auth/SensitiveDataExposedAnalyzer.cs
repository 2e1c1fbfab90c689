using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3011: passwords, secrets and tokens flowing into logs or responses (the taint engine with
/// <see cref="SensitiveDataPolicy"/>), and responses that serialise an object whose properties hold credentials
/// (<c>Results.Ok(user)</c> where <c>User.PasswordHash</c> is not <c>[JsonIgnore]</c>d).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SensitiveDataExposedAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.SensitiveDataExposed,
        title: "Sensitive data exposed",
        messageFormat: "{0} reaches {1}",
        RuleCategories.Auth,
        DiagnosticSeverity.Warning,
        description: "Logs are copied to many systems and kept for a long time; responses are cached, logged by proxies and shown in browsers. A password, token or key written there is a credential leak. Log identifiers instead, and return DTOs that leave credentials out.");

    private static readonly string[] ResponseFactories = { "Ok", "Json", "Created", "Accepted", "CreatedAtRoute", "CreatedAtAction" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var engine = new TaintEngine(start.Compilation, new SensitiveDataPolicy());
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, engine));
            start.RegisterOperationAction(AnalyzeResponse, OperationKind.Invocation);
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, TaintEngine engine)
    {
        var owner = context.OwningSymbol as IMethodSymbol;
        foreach (var (block, root) in BodyBlocks.Of(context))
        {
            if (!MaySeeSecrets(root, owner, engine.Policy))
                continue;

            var hits = engine.AnalyzeBody(context.GetControlFlowGraph(block), owner, context.CancellationToken);
            foreach (var group in hits.GroupBy(h => h.Location.SourceSpan))
            {
                var hit = group.First();
                var source = hit.Origin.DescriptionWithLine();
                context.ReportDiagnostic(Diagnostic.Create(Rule, hit.Location, group.Select(h => h.Origin.Location).Where(l => l.IsInSource).Distinct(),
                    "Credential " + source, hit.SinkDescription));
            }
        }
    }

    private static bool MaySeeSecrets(IOperation root, IMethodSymbol? owner, TaintPolicy policy)
    {
        if (owner is not null && policy.IsHandlerMethod(owner, out _))
            return true;
        foreach (var operation in root.Descendants())
        {
            if (operation is IMemberReferenceOperation member && policy.GetMemberSource(member.Member, member) is not null
                || operation is IAnonymousFunctionOperation lambda && policy.IsHandlerMethod(lambda.Symbol, out _))
                return true;
        }

        return false;
    }

    /// <summary><c>Results.Ok(user)</c>: the serializer writes every public property, credentials included.</summary>
    private static void AnalyzeResponse(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (System.Array.IndexOf(ResponseFactories, method.Name) < 0 || method.ContainingType is not { } type
            || !(type.Name is "Results" or "TypedResults" || TypeNames.DerivesFrom(type, "Microsoft.AspNetCore.Mvc.ControllerBase")))
            return;

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation conversion)
                value = conversion.Operand;
            if (ExposedProperty(value.Type) is { } property)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Syntax.GetLocation(),
                    $"'{value.Type!.Name}.{property}' (serialised with the object)", $"the response ('{method.Name}')"));
            }
        }
    }

    /// <summary>A public credential-named property the JSON serializer would write; looks into collection elements.</summary>
    private static string? ExposedProperty(ITypeSymbol? type)
    {
        if (type is IArrayTypeSymbol array)
            type = array.ElementType;
        else if (type is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Length == 1 && generic.AllInterfaces.Any(i => i.Name == "IEnumerable"))
            type = generic.TypeArguments[0];
        if (type is null || type.SpecialType != SpecialType.None || type.ContainingNamespace?.ToDisplayString().StartsWith("System", System.StringComparison.Ordinal) == true)
            return null;

        return type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && p.GetMethod is not null)
            .Where(p => (SensitiveDataPolicy.IsSensitive(p.Name) || p.Name.EndsWith("PasswordHash", System.StringComparison.Ordinal))
                        && !p.GetAttributes().Any(a => a.AttributeClass?.Name is "JsonIgnoreAttribute"))
            .Select(p => p.Name)
            .FirstOrDefault();
    }
}
