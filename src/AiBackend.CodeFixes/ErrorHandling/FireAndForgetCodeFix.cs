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

namespace AiBackend.CodeFixes.ErrorHandling;

/// <summary>AIB2003: <c>SendAsync();</c> or <c>_ = SendAsync();</c> → <c>await SendAsync();</c> in async code.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FireAndForgetCodeFix)), Shared]
public sealed class FireAndForgetCodeFix : CodeFixProvider
{
    private const string Title = "Await the task";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.FireAndForget);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.AddAwait)
                continue;
            if (root.FindNode(diagnostic.Location.SourceSpan) is not ExpressionStatementSyntax statement)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => AwaitAsync(context.Document, statement, ct), equivalenceKey: nameof(FireAndForgetCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> AwaitAsync(Document document, ExpressionStatementSyntax statement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var task = statement.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard
            ? discard.Right
            : statement.Expression;
        var awaited = SyntaxFactory.AwaitExpression(task.WithoutLeadingTrivia())
            .WithLeadingTrivia(statement.Expression.GetLeadingTrivia());
        return document.WithSyntaxRoot(root!.ReplaceNode(statement, statement.WithExpression(awaited)));
    }
}
