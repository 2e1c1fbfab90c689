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

/// <summary>
/// AIB2005: after <c>var todo = await db.Todos.FindAsync(id);</c> inserts <c>if (todo is null) return …NotFound();</c> in
/// the handler's own style: <c>NotFound()</c> in controllers, <c>TypedResults.NotFound()</c> where the handler declares
/// <c>Results&lt;…, NotFound&gt;</c>, <c>Results.NotFound()</c> where it returns <c>IResult</c>. Elsewhere the return type
/// would not accept it, so no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingNotFoundCodeFix)), Shared]
public sealed class MissingNotFoundCodeFix : CodeFixProvider
{
    private const string Title = "Return 404 Not Found when the lookup finds nothing";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.MissingNotFound);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.AddNotFoundCheck)
                continue;
            var use = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var identifier = use.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .FirstOrDefault(i => model.GetSymbolInfo(i, context.CancellationToken).Symbol is ILocalSymbol);
            if (identifier is null
                || model.GetSymbolInfo(identifier, context.CancellationToken).Symbol is not ILocalSymbol local
                || local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not VariableDeclaratorSyntax declarator
                || declarator.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { Parent: BlockSyntax } declaration
                || NotFoundFor(model, declaration, context.CancellationToken) is not { } notFound)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => InsertAsync(context.Document, declaration, local.Name, notFound, ct), equivalenceKey: nameof(MissingNotFoundCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The not-found expression the enclosing handler can return, or null.</summary>
    private static string? NotFoundFor(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        var function = node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax);
        var symbol = function is null ? null : (function is AnonymousFunctionExpressionSyntax
            ? model.GetSymbolInfo(function, cancellationToken).Symbol
            : model.GetDeclaredSymbol(function, cancellationToken)) as IMethodSymbol;
        if (symbol is null)
            return null;

        var returnType = symbol.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task ? task.TypeArguments[0] : symbol.ReturnType;
        if (returnType.Name is "IActionResult" or "ActionResult")
            return "NotFound()";
        if (returnType.Name == "Results" && returnType is INamedTypeSymbol union && union.TypeArguments.Any(t => t.Name == "NotFound"))
            return "TypedResults.NotFound()";
        if (returnType.Name == "IResult")
            return "Results.NotFound()";
        return null;
    }

    private static async Task<Document> InsertAsync(Document document, LocalDeclarationStatementSyntax declaration, string local, string notFound, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var indentation = declaration.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToList();
        var endOfLine = declaration.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToList();
        var check = SyntaxFactory.ParseStatement($"if ({local} is null)")
            .WithLeadingTrivia(indentation);
        var body = SyntaxFactory.ParseStatement($"return {notFound};")
            .WithLeadingTrivia(indentation.Concat(new[] { SyntaxFactory.Whitespace("    ") }))
            .WithTrailingTrivia(endOfLine);
        var statement = ((IfStatementSyntax)check)
            .WithCloseParenToken(SyntaxFactory.Token(SyntaxKind.CloseParenToken).WithTrailingTrivia(endOfLine))
            .WithStatement(body);
        return document.WithSyntaxRoot(root!.InsertNodesAfter(declaration, new[] { statement }));
    }
}
