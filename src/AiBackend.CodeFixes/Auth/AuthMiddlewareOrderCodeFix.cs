using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.CodeFixes.Auth;

/// <summary>AIB3007: moves the misplaced middleware statement to just before the one it must precede.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AuthMiddlewareOrderCodeFix)), Shared]
public sealed class AuthMiddlewareOrderCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.AuthMiddlewareOrder);

    // Moving statements one at a time is the safe granularity; Fix-All could move the same statement twice.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.MoveBefore, out var before) || before is null)
                continue;
            var statement = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<StatementSyntax>();
            if (statement?.Parent is not { } container)
                continue;
            var target = container.ChildNodes().OfType<StatementSyntax>().FirstOrDefault(s =>
                s.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(m => m.Name.Identifier.ValueText == before));
            if (target is null || target.SpanStart > statement.SpanStart)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create($"Move before {before}", ct => MoveAsync(context.Document, statement, target, ct), equivalenceKey: nameof(AuthMiddlewareOrderCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> MoveAsync(Document document, StatementSyntax statement, StatementSyntax target, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var moved = statement.WithLeadingTrivia(target.GetLeadingTrivia());
        var tracked = root!.TrackNodes(statement, target);
        tracked = tracked.RemoveNode(tracked.GetCurrentNode(statement)!, SyntaxRemoveOptions.KeepNoTrivia)!;
        tracked = tracked.InsertNodesBefore(tracked.GetCurrentNode(target)!, new[] { moved });
        return document.WithSyntaxRoot(tracked);
    }
}
