using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3005: <c>System.Random</c> (or <c>Guid.NewGuid()</c>) produces a token, code, salt, key or session id, judged by
/// where the value goes (the variable, property, parameter or method it ends up in). Shuffling, sampling and jitter
/// are fine and stay quiet.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureRandomnessAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.InsecureRandomness,
        title: "Insecure randomness for secrets",
        messageFormat: "{0} produces '{1}', which must be unguessable: use RandomNumberGenerator",
        RuleCategories.Auth,
        DiagnosticSeverity.Info, // a suggestion until precise on real code (docs/severity.md, docs/real-world.md)
        description: "System.Random is predictable: a few outputs reveal its state, and then every future token, reset code or salt. GUIDs are identifiers, not secrets. Use System.Security.Cryptography.RandomNumberGenerator for anything an attacker must not guess.");

    private const int MaxClimb = 8;

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
        var method = invocation.TargetMethod;
        // Names first: the type-name check builds a string and this runs for every call.
        var isRandom = (method.Name.StartsWith("Next", System.StringComparison.Ordinal) || method.Name == "GetItems")
            && method.ContainingType?.Name == "Random" && TypeNames.Is(method.ContainingType, "System.Random");
        var isGuid = method.Name == "NewGuid" && method.ContainingType?.Name == "Guid" && TypeNames.Is(method.ContainingType, "System.Guid");
        if (!isRandom && !isGuid)
            return;

        // NextBytes fills a buffer: its name, or the method it is built in (CreateToken), says what it is for.
        var destination = method.Name == "NextBytes" && invocation.Arguments.Length > 0
            ? new[] { SensitiveNames.NameOf(invocation.Arguments[0].Value), context.ContainingSymbol.Name }.FirstOrDefault(n => n is not null && SensitiveNames.IsSecretDestination(n))
            : Destination(invocation, context.ContainingSymbol);
        if (destination is null || !SensitiveNames.IsSecretDestination(destination))
            return;
        if (isGuid && !IsTokenLike(destination))
            return;

        var properties = isRandom
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.UseRandomNumberGenerator)
            : null;
        var source = isRandom ? $"System.Random.{method.Name}" : "Guid.NewGuid()";
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), properties, source, destination));
    }

    /// <summary>Where the value ends up: through string building and conversions to a variable, member, parameter or return.</summary>
    private static string? Destination(IOperation operation, ISymbol containingSymbol)
    {
        var current = operation;
        for (var i = 0; i < MaxClimb && current.Parent is { } parent; i++, current = parent)
        {
            switch (parent)
            {
                case IVariableDeclaratorOperation declarator:
                    return declarator.Symbol.Name;
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                    return SensitiveNames.NameOf(assignment.Target);
                case IPropertyInitializerOperation property:
                    return property.InitializedProperties.Length > 0 ? property.InitializedProperties[0].Name : null;
                case IFieldInitializerOperation field:
                    return field.InitializedFields.Length > 0 ? field.InitializedFields[0].Name : null;
                case IReturnOperation:
                    return containingSymbol.Name;
                case IArgumentOperation { Parameter: { } parameter } argument when argument.Parent is IInvocationOperation { TargetMethod.DeclaringSyntaxReferences.Length: > 0 }
                                                                              || argument.Parent is IObjectCreationOperation:
                    return parameter.Name;
                case IAnonymousFunctionOperation or IBlockOperation or IExpressionStatementOperation:
                    return null;
            }
        }

        return null;
    }

    private static bool IsTokenLike(string name) =>
        name.IndexOf("token", System.StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("secret", System.StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("apikey", System.StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("code", System.StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("password", System.StringComparison.OrdinalIgnoreCase) >= 0;
}
