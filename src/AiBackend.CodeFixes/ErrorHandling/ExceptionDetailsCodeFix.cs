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

/// <summary>AIB2002: replaces exception text sent to the client with a generic message (status and shape unchanged).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExceptionDetailsCodeFix)), Shared]
public sealed class ExceptionDetailsCodeFix : CodeFixProvider
{
    public const string GenericMessage = "An unexpected error occurred.";
    private const string Title = "Send a generic message instead";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ExceptionDetailsExposed);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.GenericMessage)
                continue;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var expression = node is ArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
            if (expression is null && node is AssignmentExpressionSyntax assignment)
                expression = assignment.Right;
            if (expression is null || model.GetTypeInfo(expression, context.CancellationToken).Type?.SpecialType != SpecialType.System_String)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => ReplaceAsync(context.Document, expression, ct), equivalenceKey: nameof(ExceptionDetailsCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(GenericMessage)).WithTriviaFrom(expression);
        return document.WithSyntaxRoot(root!.ReplaceNode(expression, literal));
    }
}
