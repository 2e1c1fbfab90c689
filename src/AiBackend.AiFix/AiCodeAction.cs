using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix;

/// <summary>
/// Asks the model only when chosen: registering and previewing make no request. A verified rewrite is applied; a rejected
/// one leaves the code as it was and puts the reason in a comment above the member, the one place an IDE user is sure to
/// see it (one undo removes it). Used by the AI fix and by "Implement with AI".
/// </summary>
internal sealed class AiCodeAction : CodeAction
{
    private readonly string _title;
    private readonly string _equivalenceKey;
    private readonly string _preview;
    private readonly Document _document;
    private readonly MemberDeclarationSyntax _member;
    private readonly string _notAppliedPrefix;
    private readonly Func<CancellationToken, Task<AiFixOutcome>> _run;

    /// <param name="notAppliedPrefix">Starts the comment that says why nothing was applied ("AI fix for AIB1001").</param>
    public AiCodeAction(string title, string equivalenceKey, string preview, Document document, MemberDeclarationSyntax member, string notAppliedPrefix,
        Func<CancellationToken, Task<AiFixOutcome>> run)
    {
        _title = title;
        _equivalenceKey = equivalenceKey;
        _preview = preview;
        _document = document;
        _member = member;
        _notAppliedPrefix = notAppliedPrefix;
        _run = run;
    }

    public override string Title => _title;

    public override string EquivalenceKey => _equivalenceKey;

    /// <summary>The preview says what would be sent where; it never runs the model.</summary>
    protected override Task<IEnumerable<CodeActionOperation>> ComputePreviewOperationsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IEnumerable<CodeActionOperation>>(new CodeActionOperation[] { new DescriptionPreview(_preview) });

    protected override async Task<Solution?> GetChangedSolutionAsync(CancellationToken cancellationToken)
    {
        var outcome = await _run(cancellationToken).ConfigureAwait(false);
        if (outcome.FixedSolution is not null)
            return outcome.FixedSolution;

        var root = await _document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return _document.WithSyntaxRoot(WithReasonComment(root!, _member, $"{_notAppliedPrefix} not applied: {outcome.Reason}")).Project.Solution;
    }

    private static SyntaxNode WithReasonComment(SyntaxNode root, MemberDeclarationSyntax member, string text)
    {
        var indentation = member.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var oneLine = text.Replace("\r", " ").Replace("\n", " ");
        var comment = SyntaxFactory.Comment("// " + oneLine);
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
