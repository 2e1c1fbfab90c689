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
/// AIB1010 (backtracking pattern on request data): gives the match a one-second timeout, on the static call or on the
/// <c>new Regex(…)</c> that created the instance. A pattern from the request is not fixed here: escaping it changes
/// what it means.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RegexTimeoutCodeFix)), Shared]
public sealed class RegexTimeoutCodeFix : CodeFixProvider
{
    private const string Title = "Add a match timeout";
    private const string Timeout = "global::System.TimeSpan.FromSeconds(1)";
    private const string NoOptions = "global::System.Text.RegularExpressions.RegexOptions.None";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.RegexDenialOfService);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.AddRegexTimeout)
                continue;
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
                || model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method)
                continue;

            var target = method.IsStatic ? invocation.ArgumentList : CreationOf(model, invocation, context.CancellationToken);
            if (target is null)
                continue;

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => AddTimeoutAsync(context.Document, target, ct), equivalenceKey: nameof(RegexTimeoutCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The argument list of the <c>new Regex(…)</c> a local receiver was initialised with.</summary>
    private static ArgumentListSyntax? CreationOf(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { Expression: var receiver }
            || model.GetSymbolInfo(receiver, cancellationToken).Symbol is not ILocalSymbol local
            || local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax creation }
            || creation.SyntaxTree != invocation.SyntaxTree)
            return null;
        return creation.ArgumentList;
    }

    private static async Task<Document> AddTimeoutAsync(Document document, ArgumentListSyntax arguments, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

        // Regex overloads put options before the timeout: add RegexOptions.None when the call has none.
        var hasOptions = arguments.Arguments.Any(a => model!.GetTypeInfo(a.Expression, cancellationToken).Type?.Name == "RegexOptions");
        var added = arguments.Arguments;
        if (!hasOptions)
            added = added.Add(Argument(NoOptions));
        added = added.Add(Argument(Timeout));
        return document.WithSyntaxRoot(root!.ReplaceNode(arguments, arguments.WithArguments(added)));
    }

    private static ArgumentSyntax Argument(string expression) =>
        SyntaxFactory.Argument(Simplified.Parse(expression));
}
