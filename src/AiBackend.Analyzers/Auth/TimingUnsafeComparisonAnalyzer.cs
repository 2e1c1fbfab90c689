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
        DiagnosticSeverity.Info, // a suggestion until precise on real code (docs/severity.md, docs/real-world.md)
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
        Check(context, binary.LeftOperand, binary.RightOperand, binary.OperatorKind == BinaryOperatorKind.Equals ? "==" : "!=", ignoresCase: false);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Equals" or "SequenceEqual"))
            return;
        var ignoresCase = invocation.Arguments.Any(a => a.Value.ConstantValue is { HasValue: true, Value: int mode } && IgnoresCase(a.Value.Type, mode));
        var operands = (invocation.Instance is null ? invocation.Arguments.Select(a => a.Value) : new[] { invocation.Instance }.Concat(invocation.Arguments.Select(a => a.Value)))
            .Where(o => o.Type?.Name != "StringComparison")
            .ToList();
        if (operands.Count == 2)
            Check(context, operands[0], operands[1], method.Name, ignoresCase);
    }

    private static void Check(OperationAnalysisContext context, IOperation left, IOperation right, string comparison, bool ignoresCase)
    {
        if (!IsSecretShaped(left.Type) || !IsSecretShaped(right.Type) || IsConstantOrEmpty(left) || IsConstantOrEmpty(right))
            return;
        var secret = new[] { left, right }.Select(SensitiveNames.NameOf).FirstOrDefault(n => n is not null && SensitiveNames.IsComparedSecret(n));
        if (secret is null
            || IsValueEquality(context.ContainingSymbol)
            || IsSameObjectsData(left, right)
            || (NamesOnlyAToken(secret) && (ignoresCase || IsCharSpan(left.Type) || IsCharSpan(right.Type)))
            || ReadsUnprotectedPayload(left) || ReadsUnprotectedPayload(right))
            return;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.FixedTimeEquals);
        context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), properties, secret, comparison));
    }

    /// <summary>
    /// Equals, GetHashCode and == / != of a data type compare two instances' fields for value equality; nobody guesses
    /// a secret through them, and a fixed-time compare there would change nothing.
    /// </summary>
    private static bool IsValueEquality(ISymbol? containing) =>
        containing is IMethodSymbol { Name: "Equals" or "GetHashCode" or "op_Equality" or "op_Inequality" };

    /// <summary>
    /// Both sides read from the same object (a request model checking that two of its own copies agree, e.g.
    /// <c>model.Hash != model.Data.Hash</c>, or a model's own settable properties in its Validate method): neither is
    /// a stored or configured secret, so the time the comparison takes tells the caller only what it sent.
    /// </summary>
    private static bool IsSameObjectsData(IOperation left, IOperation right)
    {
        var leftRoot = RootOf(left, out var leftFirst);
        var rightRoot = RootOf(right, out var rightFirst);
        if (leftRoot is null || rightRoot is null || leftFirst is null || rightFirst is null)
            return false;
        return (leftRoot, rightRoot) switch
        {
            (IParameterReferenceOperation l, IParameterReferenceOperation r) => SymbolEqualityComparer.Default.Equals(l.Parameter, r.Parameter),
            (ILocalReferenceOperation l, ILocalReferenceOperation r) => SymbolEqualityComparer.Default.Equals(l.Local, r.Local),
            // On this, only data the object carries (publicly settable properties, as a bound model has), not injected
            // options or services (fields, get-only or privately set properties).
            (IInstanceReferenceOperation, IInstanceReferenceOperation) => IsBoundData(leftFirst) && IsBoundData(rightFirst),
            _ => false,
        };
    }

    /// <summary>The object a chain of property/field reads starts from, and the first member read from it.</summary>
    private static IOperation? RootOf(IOperation operation, out ISymbol? firstMember)
    {
        firstMember = null;
        operation = Unwrap(operation);
        while (operation is IMemberReferenceOperation { Instance: { } instance } member)
        {
            firstMember = member.Member;
            operation = Unwrap(instance);
        }

        return operation is IParameterReferenceOperation or ILocalReferenceOperation or IInstanceReferenceOperation ? operation : null;
    }

    private static bool IsBoundData(ISymbol member) =>
        member is IPropertySymbol { SetMethod.DeclaredAccessibility: Accessibility.Public, IsStatic: false };

    /// <summary>"Token" alone is also a lexical token: parsers compare slices of text with their rules' tokens.</summary>
    private static bool NamesOnlyAToken(string name) =>
        name.IndexOf("token", System.StringComparison.OrdinalIgnoreCase) >= 0
        && !SensitiveNames.IsComparedSecret(System.Text.RegularExpressions.Regex.Replace(name, "token", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

    /// <summary>
    /// Security tokens are case-sensitive and are strings or bytes; a case-insensitive compare or a char span slice is
    /// a parser matching text.
    /// </summary>
    private static bool IsCharSpan(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span" or "ReadOnlyMemory", TypeArguments.Length: 1 } named && named.TypeArguments[0].SpecialType == SpecialType.System_Char;

    private static bool IgnoresCase(ITypeSymbol? type, int mode) =>
        type?.Name == "StringComparison" && mode is 1 or 3 or 5; // CurrentCultureIgnoreCase, InvariantCultureIgnoreCase, OrdinalIgnoreCase

    /// <summary>
    /// A part of a payload that IDataProtector.Unprotect returned: the payload is already authenticated (a forged one
    /// fails to unprotect), so the fields inside are labels and ids, not secrets to guess.
    /// </summary>
    private static bool ReadsUnprotectedPayload(IOperation operation)
    {
        operation = Unwrap(operation);
        if (operation is IArrayElementReferenceOperation element)
            operation = Unwrap(element.ArrayReference);
        for (var hops = 0; hops < 6; hops++)
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Unprotect" })
                return true;
            if (operation is IInvocationOperation { TargetMethod.Name: "Split", Instance: { } splitOf })
                operation = Unwrap(splitOf);
            else if (operation is ILocalReferenceOperation { Local: var local } && InitializerOf(operation, local) is { } init)
                operation = Unwrap(init);
            else
                return false;
        }

        return false;
    }

    private static IOperation? InitializerOf(IOperation reference, ILocalSymbol local) =>
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value }
        && value.SyntaxTree == reference.Syntax.SyntaxTree
            ? reference.SemanticModel?.GetOperation(value)
            : null;

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation;
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
