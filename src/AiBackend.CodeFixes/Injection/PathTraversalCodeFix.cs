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

namespace AiBackend.CodeFixes.Injection;

/// <summary>
/// AIB1003: keeps only the file name of the client's part of a path: <c>Path.Combine(root, name)</c> →
/// <c>Path.Combine(root, Path.GetFileName(name))</c>, <c>"/srv/" + name</c> → <c>"/srv/" + Path.GetFileName(name)</c>.
/// Offered only when the path is a base folder plus one client-chosen part; anything else needs a decision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PathTraversalCodeFix)), Shared]
public sealed class PathTraversalCodeFix : CodeFixProvider
{
    private const string Title = "Keep only the file name (Path.GetFileName)";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.PathTraversal);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.FileNameOnly)
                continue;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var path = node is ArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
            if (path is null || ClientPart(model, path, context.CancellationToken) is not { } clientPart)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => WrapAsync(context.Document, clientPart, ct), equivalenceKey: nameof(PathTraversalCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The one non-constant part of a combined or concatenated path, when the rest is constant.</summary>
    private static ExpressionSyntax? ClientPart(SemanticModel model, ExpressionSyntax path, CancellationToken cancellationToken)
    {
        ExpressionSyntax[] parts = path switch
        {
            InvocationExpressionSyntax invocation
                when model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "Combine", ContainingType: var type }
                     && type.ToDisplayString() == "System.IO.Path"
                => invocation.ArgumentList.Arguments.Select(a => a.Expression).ToArray(),
            BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) && binary.Left is not BinaryExpressionSyntax
                => new[] { binary.Left, binary.Right },
            _ => new ExpressionSyntax[0],
        };

        if (parts.Length < 2)
            return null;
        var variable = parts.Where(p => !model.GetConstantValue(p, cancellationToken).HasValue && !IsBaseFolder(model, p, cancellationToken)).ToList();
        return variable.Count == 1 && variable[0] == parts[parts.Length - 1] && !IsFileNameAlready(variable[0]) ? variable[0] : null;
    }

    /// <summary>Readonly fields and properties named like a folder are the base, not client data.</summary>
    private static bool IsBaseFolder(SemanticModel model, ExpressionSyntax part, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(part, cancellationToken).Symbol is IFieldSymbol { IsReadOnly: true } or IFieldSymbol { IsConst: true };

    private static bool IsFileNameAlready(ExpressionSyntax part) =>
        part is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetFileName" } };

    private static async Task<Document> WrapAsync(Document document, ExpressionSyntax clientPart, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var wrapped = Simplified.Parse($"global::System.IO.Path.GetFileName({clientPart.WithoutTrivia().ToFullString()})").WithTriviaFrom(clientPart);
        return document.WithSyntaxRoot(root!.ReplaceNode(clientPart, wrapped));
    }
}
