using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.CodeFixes.Auth;

/// <summary>AIB3002: turns a disabled validation switch back on (<c>false</c> → <c>true</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TokenValidationDisabledCodeFix)), Shared]
public sealed class TokenValidationDisabledCodeFix : CodeFixProvider
{
    private const string Title = "Turn the validation back on";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.TokenValidationDisabled);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            // Only where the analyzer saw a literal 'false': a constant from elsewhere is the user's to change.
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.TurnOn)
                continue;

            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AssignmentExpressionSyntax { Right: LiteralExpressionSyntax literal } assignment
                || !literal.IsKind(SyntaxKind.FalseLiteralExpression))
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => TurnOnAsync(context.Document, assignment, ct), equivalenceKey: nameof(TokenValidationDisabledCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> TurnOnAsync(Document document, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var literal = assignment.Right;
        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root!.ReplaceNode(literal, replacement));
    }
}
