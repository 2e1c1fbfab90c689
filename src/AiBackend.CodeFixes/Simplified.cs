using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AiBackend.CodeFixes;

/// <summary>
/// Parses a fully qualified expression (<c>global::System.TimeSpan.FromSeconds(1)</c>) and marks every qualified
/// name in it for simplification, so the result reads <c>TimeSpan.FromSeconds(1)</c> where a using allows it.
/// </summary>
internal static class Simplified
{
    public static ExpressionSyntax Parse(string expression)
    {
        var parsed = SyntaxFactory.ParseExpression(expression);
        return parsed.ReplaceNodes(
            parsed.DescendantNodesAndSelf().Where(n => n is MemberAccessExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax),
            (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation));
    }
}
