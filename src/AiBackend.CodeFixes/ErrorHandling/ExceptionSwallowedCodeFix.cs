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
/// AIB2001: logs the swallowed exception with the <c>ILogger</c> already in scope (a parameter, or a field or property of
/// the type): <c>catch { }</c> → <c>catch (Exception ex) { logger.LogError(ex, "Save failed."); }</c>. Offered only
/// when a logger is there; inventing one means changing constructors, which is the author's call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExceptionSwallowedCodeFix)), Shared]
public sealed class ExceptionSwallowedCodeFix : CodeFixProvider
{
    private const string Title = "Log the exception";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ExceptionSwallowed);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<CatchClauseSyntax>() is not { } clause
                || LoggerInScope(model, clause, context.CancellationToken) is not { } logger)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => AddLoggingAsync(context.Document, clause, logger, ct), equivalenceKey: nameof(ExceptionSwallowedCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The name of an ILogger usable at the catch: enclosing lambda or method parameters, then the type's members.</summary>
    private static string? LoggerInScope(SemanticModel model, CatchClauseSyntax clause, CancellationToken cancellationToken)
    {
        var symbols = model.LookupSymbols(clause.Block.SpanStart);
        var isStatic = model.GetEnclosingSymbol(clause.SpanStart, cancellationToken) is { IsStatic: true };
        return symbols
            .Where(s => s is IParameterSymbol or ILocalSymbol || (s is IFieldSymbol or IPropertySymbol && (!isStatic || s.IsStatic)))
            .Where(s => IsLogger(TypeOf(s)))
            .Select(s => s.Name)
            .FirstOrDefault();
    }

    private static ITypeSymbol? TypeOf(ISymbol symbol) =>
        symbol switch
        {
            IParameterSymbol p => p.Type,
            ILocalSymbol l => l.Type,
            IFieldSymbol f => f.Type,
            IPropertySymbol p => p.Type,
            _ => null,
        };

    private static bool IsLogger(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "ILogger" } named && named.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Logging";

    private static async Task<Document> AddLoggingAsync(Document document, CatchClauseSyntax clause, string logger, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

        // The exception needs a name to be logged.
        var declaration = clause.Declaration;
        string variable;
        if (declaration is null)
        {
            variable = "ex";
            declaration = SyntaxFactory.CatchDeclaration(SyntaxFactory.ParseTypeName("Exception"), SyntaxFactory.Identifier(variable));
        }
        else if (declaration.Identifier.IsKind(SyntaxKind.None))
        {
            variable = "ex";
            declaration = declaration.WithIdentifier(SyntaxFactory.Identifier(variable));
        }
        else
        {
            variable = declaration.Identifier.ValueText;
        }

        var operation = model!.GetEnclosingSymbol(clause.SpanStart, cancellationToken) is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
            ? method.Name
            : "The request";
        var log = SyntaxFactory.ParseStatement($"{logger}.LogError({variable}, \"{operation} failed.\");");
        var block = clause.Block;
        var text = block.SyntaxTree.GetText(cancellationToken);
        if (text.Lines.GetLineFromPosition(block.OpenBraceToken.SpanStart).LineNumber == text.Lines.GetLineFromPosition(block.CloseBraceToken.SpanStart).LineNumber)
        {
            // { } stays on one line: { logger.LogError(…); }
            log = log.WithTrailingTrivia(SyntaxFactory.Space);
        }
        else
        {
            // One level deeper than the closing brace, on its own line; the brace's indentation is the last whitespace
            // before it (an explaining comment inside the block comes first, indented deeper).
            var indentation = block.CloseBraceToken.LeadingTrivia.Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Select(t => t.ToString()).LastOrDefault() ?? "";
            var endOfLine = block.OpenBraceToken.TrailingTrivia.FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            log = log.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation + "    ")).WithTrailingTrivia(endOfLine);
        }

        var newDeclaration = clause.Declaration is null ? declaration.WithLeadingTrivia(SyntaxFactory.Space) : declaration;
        var newClause = clause
            .WithCatchKeyword(clause.Declaration is null ? clause.CatchKeyword.WithTrailingTrivia() : clause.CatchKeyword)
            .WithDeclaration(newDeclaration.WithTrailingTrivia(clause.Declaration?.GetTrailingTrivia() ?? clause.CatchKeyword.TrailingTrivia))
            .WithBlock(block.WithStatements(block.Statements.Insert(0, log)));
        var newRoot = root.ReplaceNode(clause, newClause);

        newRoot = AddUsing(newRoot, "Microsoft.Extensions.Logging", model);
        if (clause.Declaration is null)
            newRoot = AddUsing(newRoot, "System", model);
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>Adds a using unless the file or a global using already imports the namespace.</summary>
    private static CompilationUnitSyntax AddUsing(CompilationUnitSyntax root, string ns, SemanticModel model)
    {
        if (root.Usings.Any(u => u.Name?.ToString() == ns))
            return root;
        var globalImports = model.Compilation.SyntaxTrees
            .Select(t => t.GetRoot())
            .OfType<CompilationUnitSyntax>()
            .SelectMany(r => r.Usings)
            .Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && u.Name?.ToString() == ns);
        if (globalImports)
            return root;
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).NormalizeWhitespace()
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
        return root.AddUsings(directive);
    }
}
