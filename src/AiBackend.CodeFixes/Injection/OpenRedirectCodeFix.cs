using System.Collections.Generic;
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

/// <summary>
/// AIB1004: <c>Redirect(url)</c> → <c>LocalRedirect(url)</c> (controllers, <c>Results</c>, <c>TypedResults</c>), which
/// refuses any URL that would leave the site.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OpenRedirectCodeFix)), Shared]
public sealed class OpenRedirectCodeFix : CodeFixProvider
{
    private const string Title = "Redirect only to local URLs (LocalRedirect)";

    private static readonly Dictionary<string, string> LocalCounterparts = new()
    {
        ["Redirect"] = "LocalRedirect",
        ["RedirectPermanent"] = "LocalRedirectPermanent",
        ["RedirectPreserveMethod"] = "LocalRedirectPreserveMethod",
        ["RedirectPermanentPreserveMethod"] = "LocalRedirectPermanentPreserveMethod",
    };

    private static readonly string[] Owners =
    {
        "Microsoft.AspNetCore.Http.Results", "Microsoft.AspNetCore.Http.TypedResults", "Microsoft.AspNetCore.Mvc.ControllerBase",
    };

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.OpenRedirect);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.LocalRedirect)
                continue;
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                || model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method
                || !LocalCounterparts.TryGetValue(method.Name, out var local)
                || !IsOwnedByKnownType(method))
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => RenameAsync(context.Document, invocation, local, ct), equivalenceKey: nameof(OpenRedirectCodeFix)),
                diagnostic);
        }
    }

    private static bool IsOwnedByKnownType(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (System.Array.IndexOf(Owners, type.ToDisplayString()) >= 0)
                return true;
        }

        return false;
    }

    private static async Task<Document> RenameAsync(Document document, InvocationExpressionSyntax invocation, string newName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var renamedExpression = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => (ExpressionSyntax)member.WithName(SyntaxFactory.IdentifierName(newName).WithTriviaFrom(member.Name)),
            IdentifierNameSyntax name => SyntaxFactory.IdentifierName(newName).WithTriviaFrom(name),
            var other => other,
        };

        // The local variants call their URL parameter 'localUrl'.
        var arguments = invocation.ArgumentList;
        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameColon?.Name.Identifier.ValueText == "url")
                arguments = arguments.ReplaceNode(argument, argument.WithNameColon(SyntaxFactory.NameColon("localUrl").WithTriviaFrom(argument.NameColon)));
        }

        return document.WithSyntaxRoot(root!.ReplaceNode(invocation, invocation.WithExpression(renamedExpression).WithArgumentList(arguments)));
    }
}
