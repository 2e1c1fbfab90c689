using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3006: tokens, signatures, hashes, MACs or API keys compared with <c>==</c>, <c>Equals</c> or <c>SequenceEqual</c>,
/// which stop at the first differing character and so leak, through timing, how much of a guess was right.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TimingUnsafeComparisonAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.TimingUnsafeComparison,
        title: "Timing-unsafe secret comparison",
        messageFormat: "'{0}' is compared with '{1}', which returns early on the first difference: use CryptographicOperations.FixedTimeEquals",
        RuleCategories.Auth,
        DiagnosticSeverity.Warning,
        description: "An early-exit comparison takes longer the more leading bytes match, so an attacker can recover a signature or API key byte by byte from response times. Compare secrets with CryptographicOperations.FixedTimeEquals.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeBinary, OperationKind.Binary);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeBinary(OperationAnalysisContext context)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
            return;
        Check(context, binary.LeftOperand, binary.RightOperand, binary.OperatorKind == BinaryOperatorKind.Equals ? "==" : "!=");
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Equals" or "SequenceEqual"))
            return;
        var operands = (invocation.Instance is null ? invocation.Arguments.Select(a => a.Value) : new[] { invocation.Instance }.Concat(invocation.Arguments.Select(a => a.Value)))
            .Where(o => o.Type?.Name != "StringComparison")
            .ToList();
        if (operands.Count == 2)
            Check(context, operands[0], operands[1], method.Name);
    }

    private static void Check(OperationAnalysisContext context, IOperation left, IOperation right, string comparison)
    {
        if (!IsSecretShaped(left.Type) || !IsSecretShaped(right.Type) || IsConstantOrEmpty(left) || IsConstantOrEmpty(right))
            return;
        var secret = new[] { left, right }.Select(SensitiveNames.NameOf).FirstOrDefault(n => n is not null && SensitiveNames.IsComparedSecret(n));
        if (secret is null)
            return;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.FixedTimeEquals);
        context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), properties, secret, comparison));
    }

    /// <summary>Strings and byte sequences; comparing numbers or enums is not a secret comparison.</summary>
    private static bool IsSecretShaped(ITypeSymbol? type) =>
        type is not null && (type.SpecialType == SpecialType.System_String
            || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }
            || type.Name is "ReadOnlySpan" or "Span" or "ReadOnlyMemory" or "IEnumerable");

    private static bool IsConstantOrEmpty(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation.ConstantValue.HasValue || operation is IFieldReferenceOperation { Field.Name: "Empty" };
    }
}
