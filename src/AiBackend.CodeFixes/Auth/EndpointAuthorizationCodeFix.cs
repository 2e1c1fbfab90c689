using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AiBackend.CodeFixes.Auth;

/// <summary>
/// AIB3001: requires authorization where nothing was decided: <c>app.MapGet(…)</c> → <c>app.MapGet(…).RequireAuthorization()</c>,
/// and <c>[Authorize]</c> on a controller action.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EndpointAuthorizationCodeFix)), Shared]
public sealed class EndpointAuthorizationCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.EndpointWithoutAuthorization);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix))
                continue;
            var node = root.FindNode(diagnostic.Location.SourceSpan);
            if (fix == DiagnosticProperties.RequireAuthorization && node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } map)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Require authorization", ct => RequireAsync(context.Document, map, ct), equivalenceKey: nameof(EndpointAuthorizationCodeFix)),
                    diagnostic);
            }
            else if (fix == DiagnosticProperties.AddAuthorize && node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } action)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Add [Authorize]", ct => AuthorizeAsync(context.Document, action, ct), equivalenceKey: nameof(EndpointAuthorizationCodeFix)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> RequireAsync(Document document, InvocationExpressionSyntax map, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var required = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, map.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName("RequireAuthorization")))
            .WithTrailingTrivia(map.GetTrailingTrivia());
        return document.WithSyntaxRoot(root!.ReplaceNode(map, required));
    }

    private static async Task<Document> AuthorizeAsync(Document document, MethodDeclarationSyntax action, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::Microsoft.AspNetCore.Authorization.Authorize").WithAdditionalAnnotations(Simplifier.Annotation));
        var indentation = action.GetLeadingTrivia();
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(SyntaxFactory.ElasticLineFeed);
        var updated = action.WithoutLeadingTrivia().WithAttributeLists(action.AttributeLists.Insert(0, list));
        if (action.AttributeLists.Count > 0)
            updated = action.WithAttributeLists(action.AttributeLists.Add(SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
                .WithLeadingTrivia(Indentation(action.AttributeLists[0].GetLeadingTrivia())).WithTrailingTrivia(action.AttributeLists[0].GetTrailingTrivia())));
        else
            updated = updated.WithLeadingTrivia(SyntaxFactory.TriviaList());
        return document.WithSyntaxRoot(root!.ReplaceNode(action, updated));
    }

    /// <summary>The indentation of a line: what follows the last line break (blank lines and comments above stay where they are).</summary>
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var lastBreak = -1;
        for (var i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
                lastBreak = i;
        }

        return SyntaxFactory.TriviaList(leading.Skip(lastBreak + 1).Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
    }
}
