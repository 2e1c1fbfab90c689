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

/// <summary>
/// Shared shape of the small auth fixes: each finds the node at the diagnostic, decides whether it can rewrite it,
/// and replaces it. One provider per rule keeps Fix-All and equivalence keys per rule.
/// </summary>
public abstract class ReplaceNodeCodeFix : CodeFixProvider
{
    protected abstract string Title { get; }

    protected abstract string RequiredFix { get; }

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != RequiredFix)
                continue;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is ArgumentSyntax argument)
                node = argument.Expression;
            if (Rewrite(node, model, diagnostic, context.CancellationToken) is not { } replacement)
                continue;

            var (oldNode, newNode) = replacement;
            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode))), equivalenceKey: GetType().Name),
                diagnostic);
        }
    }

    /// <summary>The node to replace and its replacement, or null when no safe rewrite exists.</summary>
    protected abstract (SyntaxNode Old, SyntaxNode New)? Rewrite(SyntaxNode node, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);
}
