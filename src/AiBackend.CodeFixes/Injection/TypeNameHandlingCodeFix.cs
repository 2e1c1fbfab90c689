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

namespace AiBackend.CodeFixes.Injection;

/// <summary>AIB1008: <c>TypeNameHandling = TypeNameHandling.All</c> → <c>TypeNameHandling.None</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TypeNameHandlingCodeFix)), Shared]
public sealed class TypeNameHandlingCodeFix : CodeFixProvider
{
    private const string Title = "Do not read type names from the payload (TypeNameHandling.None)";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UnsafeDeserialization);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.TypeNameHandlingNone)
                continue;
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AssignmentExpressionSyntax { Right: MemberAccessExpressionSyntax value })
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => SetNoneAsync(context.Document, value, ct), equivalenceKey: nameof(TypeNameHandlingCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> SetNoneAsync(Document document, MemberAccessExpressionSyntax value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var none = value.WithName(SyntaxFactory.IdentifierName("None").WithTriviaFrom(value.Name));
        return document.WithSyntaxRoot(root!.ReplaceNode(value, none));
    }
}
