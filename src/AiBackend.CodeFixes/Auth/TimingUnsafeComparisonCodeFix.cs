using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.CodeFixes.Auth;

/// <summary>AIB3006: <c>a == b</c> / <c>a.SequenceEqual(b)</c> → <c>CryptographicOperations.FixedTimeEquals(…)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TimingUnsafeComparisonCodeFix)), Shared]
public sealed class TimingUnsafeComparisonCodeFix : ReplaceNodeCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.TimingUnsafeComparison);

    protected override string Title => "Compare in constant time (CryptographicOperations.FixedTimeEquals)";

    protected override string RequiredFix => DiagnosticProperties.FixedTimeEquals;

    protected override (SyntaxNode Old, SyntaxNode New)? Rewrite(SyntaxNode node, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        ExpressionSyntax? left = null, right = null;
        var negate = false;
        switch (node)
        {
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                (left, right, negate) = (binary.Left, binary.Right, binary.IsKind(SyntaxKind.NotEqualsExpression));
                break;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call when call.ArgumentList.Arguments.Count == 1:
                (left, right) = (member.Expression, call.ArgumentList.Arguments[0].Expression);
                break;
            case InvocationExpressionSyntax call when call.ArgumentList.Arguments.Count == 2:
                (left, right) = (call.ArgumentList.Arguments[0].Expression, call.ArgumentList.Arguments[1].Expression);
                break;
        }

        if (left is null || right is null)
            return null;
        var isText = model.GetTypeInfo(left, cancellationToken).Type?.SpecialType == SpecialType.System_String;
        string Bytes(ExpressionSyntax e) => isText ? $"global::System.Text.Encoding.UTF8.GetBytes({e.WithoutTrivia()})" : e.WithoutTrivia().ToString();
        var text = $"{(negate ? "!" : "")}global::System.Security.Cryptography.CryptographicOperations.FixedTimeEquals({Bytes(left)}, {Bytes(right)})";
        return (node, Simplified.Parse(text).WithTriviaFrom(node));
    }
}
