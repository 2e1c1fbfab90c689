using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Client;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Prompt;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix.Verification;

/// <summary>
/// The AI fix of one diagnostic: the enclosing member is rewritten, and the answer is kept only if the diagnostic is gone
/// from it and no AIB rule reports more than before (on top of <see cref="VerifiedRewrite"/>'s parse and compile checks).
/// </summary>
internal static class VerifiedAiFix
{
    public static async Task<AiFixOutcome> RunAsync(Document document, Diagnostic diagnostic, AiFixSettings settings, RequestBudget budget, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || FixTarget.Find(root, diagnostic) is not { } target)
            return AiFixOutcome.Failed("the finding is not inside a method, property, field or top-level statement", 0);

        return await VerifiedRewrite.RunAsync(new FixRewrite(document, root, target, diagnostic), settings, budget, cancellationToken).ConfigureAwait(false);
    }

    private sealed class FixRewrite : MemberRewrite
    {
        private readonly FixTarget _target;
        private readonly Diagnostic _diagnostic;
        private int _targetBefore = -1;

        public FixRewrite(Document document, SyntaxNode root, FixTarget target, Diagnostic diagnostic)
            : base(document, root, target.Member)
        {
            _target = target;
            _diagnostic = diagnostic;
        }

        public override string KindName => _target.KindName;

        public override string? Name => _target.Name;

        public override string SchemaName => FixPrompt.SchemaName;

        public override string CodeName => "the fixed code";

        public override List<ChatMessage> BuildPrompt(SecretRedactor redactor) => FixPrompt.Build(_target, _diagnostic, Root, redactor);

        public override string Clean(string code) => code.Replace(FixPrompt.StartMarker, "").Replace(FixPrompt.EndMarker, "");

        public override MemberDeclarationSyntax? Parse(string code, CSharpParseOptions options) => _target.Parse(code, options);

        public override MemberDeclarationSyntax? Shape(MemberDeclarationSyntax parsed, out string? problem)
        {
            problem = _target.HasSameShape(parsed) ? null : $"the answer is not a replacement for the {KindName}{(Name is null ? "" : " '" + Name + "'")} (a different kind or name)";
            return problem is null ? parsed : null;
        }

        public override Rejection? Check(AibAnalysis baseline, AibAnalysis after, SyntaxTree changedTree, SyntaxNode newMember)
        {
            if (_targetBefore < 0)
                _targetBefore = baseline.CountIn(_diagnostic.Id, Root.SyntaxTree, Member.Span);
            var still = after.FindingsIn(changedTree, newMember.Span).Where(d => d.Id == _diagnostic.Id).ToList();
            if (still.Count >= _targetBefore)
                return new Rejection($"{_diagnostic.Id} is still reported", VerifiedRewrite.Describe(still));

            var newFindings = after.NewFindingsSince(baseline);
            return newFindings.Count > 0
                ? new Rejection($"the fix introduces {string.Join(", ", newFindings.Select(d => d.Id).Distinct())}", VerifiedRewrite.Describe(newFindings))
                : null;
        }
    }
}
