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

/// <summary>AIB3009: a literal that weakens a framework cookie → its secure value.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsecureCookieCodeFix)), Shared]
public sealed class InsecureCookieCodeFix : ReplaceNodeCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.InsecureCookie);

    protected override string Title => "Make the cookie Secure/HttpOnly";

    protected override string RequiredFix => DiagnosticProperties.SecureCookie;

    protected override (SyntaxNode Old, SyntaxNode New)? Rewrite(SyntaxNode node, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node is not AssignmentExpressionSyntax assignment)
            return null;
        ExpressionSyntax? value = assignment.Right switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.FalseLiteralExpression) => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
            MemberAccessExpressionSyntax member when member.Name.Identifier.ValueText is "None" or "SameAsRequest" => member.WithName(SyntaxFactory.IdentifierName("Always")),
            _ => null,
        };
        return value is null ? null : (assignment.Right, value.WithTriviaFrom(assignment.Right));
    }
}
