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

/// <summary>AIB2007: passes the handler's token: <c>ToListAsync()</c> → <c>ToListAsync(ct)</c>, named when the parameter is optional.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CancellationNotPassedCodeFix)), Shared]
public sealed class CancellationNotPassedCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.CancellationNotPassed);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Token, out var token) || token is null
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.TokenParameter, out var parameter)
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create($"Pass '{token}'", ct => PassAsync(context.Document, invocation, token, parameter, ct), equivalenceKey: nameof(CancellationNotPassedCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> PassAsync(Document document, InvocationExpressionSyntax invocation, string token, string? parameter, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var argument = SyntaxFactory.Argument(SyntaxFactory.ParseExpression(token));

        // A named argument is valid for an optional token parameter wherever it sits in the list.
        if (!string.IsNullOrEmpty(parameter))
            argument = argument.WithNameColon(SyntaxFactory.NameColon(parameter!));
        var arguments = invocation.ArgumentList.Arguments.Add(argument);
        return document.WithSyntaxRoot(root!.ReplaceNode(invocation, invocation.WithArgumentList(invocation.ArgumentList.WithArguments(arguments))));
    }
}
