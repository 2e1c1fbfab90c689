using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix;

/// <summary>
/// Asks the model only when chosen: registering and previewing make no request. A verified fix replaces the member; a
/// rejected one leaves the code as it was and puts the reason in a comment above the member, the one place an IDE user
/// is sure to see it (one undo removes it).
/// </summary>
internal sealed class AiFixCodeAction : CodeAction
{
    private readonly Document _document;
    private readonly Diagnostic _diagnostic;
    private readonly AiFixSettings _settings;
    private readonly FixTarget _target;

    public AiFixCodeAction(Document document, Diagnostic diagnostic, AiFixSettings settings, FixTarget target)
    {
        _document = document;
        _diagnostic = diagnostic;
        _settings = settings;
        _target = target;
    }

    public override string Title => $"Ask {_settings.Model}; apply only a fix that compiles and clears {_diagnostic.Id}";

    public override string EquivalenceKey => AiFixCodeFixProvider.EquivalenceKey;

    /// <summary>The preview says what would be sent where; it never runs the model.</summary>
    protected override Task<IEnumerable<CodeActionOperation>> ComputePreviewOperationsAsync(CancellationToken cancellationToken)
    {
        var what = _target.Name is null ? $"this {_target.KindName}" : $"the {_target.KindName} '{_target.Name}'";
        var text = $"Sends {what} ({_target.Member.ToString().Split('\n').Length} lines, secret-looking strings redacted) and the {_diagnostic.Id} finding "
                   + $"to {_settings.Endpoint.Authority} (model {_settings.Model}). The answer is applied only if the project still compiles, "
                   + $"{_diagnostic.Id} is gone and no other AIB rule reports something new.";
        return Task.FromResult<IEnumerable<CodeActionOperation>>(new CodeActionOperation[] { new DescriptionPreview(text) });
    }

    protected override async Task<Solution?> GetChangedSolutionAsync(CancellationToken cancellationToken)
    {
        var outcome = await VerifiedAiFix.RunAsync(_document, _diagnostic, _settings, RequestBudget.Unlimited, cancellationToken).ConfigureAwait(false);
        if (outcome.FixedSolution is not null)
            return outcome.FixedSolution;

        var root = await _document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return _document.WithSyntaxRoot(WithReasonComment(root!, _target.Member, _diagnostic.Id, outcome.Reason!)).Project.Solution;
    }

    internal static SyntaxNode WithReasonComment(SyntaxNode root, MemberDeclarationSyntax member, string id, string reason)
    {
        var indentation = member.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var oneLine = reason.Replace("\r", " ").Replace("\n", " ");
        var comment = SyntaxFactory.Comment($"// AI fix for {id} not applied: {oneLine}");
        var leading = member.GetLeadingTrivia().AddRange(new[] { comment, SyntaxFactory.EndOfLine("\n"), indentation });
        return root.ReplaceNode(member, member.WithLeadingTrivia(leading));
    }

    private sealed class DescriptionPreview : PreviewOperation
    {
        private readonly string _text;

        public DescriptionPreview(string text)
        {
            _text = text;
        }

        public override Task<object?> GetPreviewAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(_text);
    }
}
