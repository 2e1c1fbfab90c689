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

namespace AiBackend.CodeFixes.ErrorHandling;

/// <summary>AIB2004: inserts <c>response.EnsureSuccessStatusCode();</c> before the statement that reads the content.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UncheckedHttpResponseCodeFix)), Shared]
public sealed class UncheckedHttpResponseCodeFix : CodeFixProvider
{
    private const string Title = "Call EnsureSuccessStatusCode() first";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UncheckedHttpResponse);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.EnsureSuccess)
                continue;
            var read = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var response = read.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>()
                .FirstOrDefault(m => m.Name.Identifier.ValueText == "Content" && m.Expression is IdentifierNameSyntax)?.Expression as IdentifierNameSyntax;
            var statement = read.FirstAncestorOrSelf<StatementSyntax>();
            if (response is null || statement?.Parent is not BlockSyntax)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => InsertAsync(context.Document, statement, response.Identifier.ValueText, ct), equivalenceKey: nameof(UncheckedHttpResponseCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> InsertAsync(Document document, StatementSyntax statement, string response, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var indentation = statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var endOfLine = statement.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var check = SyntaxFactory.ParseStatement($"{response}.EnsureSuccessStatusCode();")
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(endOfLine);
        return document.WithSyntaxRoot(root!.InsertNodesBefore(statement, new[] { check }));
    }
}
