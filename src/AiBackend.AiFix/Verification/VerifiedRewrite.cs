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
using Microsoft.CodeAnalysis.Formatting;

namespace AiBackend.AiFix.Verification;

/// <summary>
/// Asks the model for one member and keeps the answer only if it is verified: it parses into the expected member, the
/// project compiles with no new error, and the rewrite's own checks pass (AIB findings, warnings). A rejected answer gets
/// one more request with the reason; then the code stays as it was. The AI fix and "Implement with AI" both run here.
/// </summary>
internal static class VerifiedRewrite
{
    private const int MaxAttempts = 2;

    public static async Task<AiFixOutcome> RunAsync(MemberRewrite rewrite, AiFixSettings settings, RequestBudget budget, CancellationToken cancellationToken)
    {
        var project = rewrite.Document.Project;
        var analyzers = AibAnalysis.AnalyzersOf(project);
        if (analyzers.IsEmpty)
            return AiFixOutcome.Failed("the project does not load the AiBackendAnalyzers analyzers, so the code could not be verified", 0);

        var baseline = await AibAnalysis.RunAsync(await rewrite.ForAnalysisAsync(project, cancellationToken).ConfigureAwait(false), analyzers, cancellationToken).ConfigureAwait(false);
        var redactor = new SecretRedactor();
        var messages = rewrite.BuildPrompt(redactor);
        var client = new ChatCompletionsClient(settings);
        var requests = 0;
        var reason = "no answer";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (!budget.TryTake())
                return attempt == 0 ? AiFixOutcome.NotAttempted("the request cap is reached") : AiFixOutcome.Rejected(reason + " (no request left for a retry)", requests);

            requests++;
            var answer = await client.CompleteAsync(messages, AnswerFormat.Schema, rewrite.SchemaName, cancellationToken).ConfigureAwait(false);
            if (!answer.Succeeded)
                return AiFixOutcome.Failed(answer.Failure!, requests); // transport failures are not the model's to correct

            var (accepted, rejection) = await CheckAsync(rewrite, answer.Content!, redactor, analyzers, baseline, cancellationToken).ConfigureAwait(false);
            if (accepted is not null)
                return AiFixOutcome.Applied(accepted, requests);

            reason = rejection!.Reason;
            messages.Add(ChatMessage.Assistant(answer.Content!));
            messages.Add(AnswerFormat.Feedback(rejection.Reason, rejection.Details));
        }

        return AiFixOutcome.Rejected(reason, requests);
    }

    private static async Task<(Solution? Accepted, Rejection? Rejection)> CheckAsync(MemberRewrite rewrite, string answer, SecretRedactor redactor,
        System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> analyzers, AibAnalysis baseline, CancellationToken cancellationToken)
    {
        var proposal = FixProposal.Parse(answer, out var problem);
        if (proposal is null)
            return (null, new Rejection(problem!));

        // Placeholders go back to the real literals only here, in code the model never sees again.
        var code = redactor.Restore(rewrite.Clean(proposal.Member));
        var options = (CSharpParseOptions)rewrite.Root.SyntaxTree.Options;
        if (rewrite.Parse(code, options) is not { } parsed)
            return (null, new Rejection($"the answer is not one syntactically valid C# {rewrite.KindName}"));
        if (rewrite.Shape(parsed, out var shapeProblem) is not { } shaped)
            return (null, new Rejection(shapeProblem!));

        // A fresh mark each time: a member an earlier Fix-All step replaced still carries the previous one.
        var replacement = new SyntaxAnnotation("AiBackend.AiFix.Replacement");
        var changed = await ApplyAsync(rewrite, shaped, proposal.Usings, replacement, cancellationToken).ConfigureAwait(false);
        var after = await AibAnalysis.RunAsync(await rewrite.ForAnalysisAsync(changed.Project, cancellationToken).ConfigureAwait(false), analyzers, cancellationToken).ConfigureAwait(false);

        var newErrors = after.NewErrorsSince(baseline);
        if (newErrors.Count > 0)
            return (null, new Rejection($"{rewrite.CodeName} does not compile ({Count(newErrors.Count, "new error")})", Describe(newErrors)));

        var changedRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var member = changedRoot!.GetAnnotatedNodes(replacement).First();
        var rejection = rewrite.Check(baseline, after, changedRoot.SyntaxTree, member);
        return rejection is null ? (changed.Project.Solution, null) : (null, rejection);
    }

    private static async Task<Document> ApplyAsync(MemberRewrite rewrite, MemberDeclarationSyntax proposal, IReadOnlyList<string> usings, SyntaxAnnotation replacement, CancellationToken cancellationToken)
    {
        // The rewrite keeps the original's trivia (doc comment, indentation); the formatter re-indents statements, and
        // continuation lines (an expression body on its own line) move with the member's indentation.
        var indentation = rewrite.Member.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var indented = indentation.Span.Length == 0 ? proposal : Indent(proposal, indentation);
        var newRoot = rewrite.Place(indented.WithAdditionalAnnotations(Formatter.Annotation, replacement));
        if (newRoot is CompilationUnitSyntax unit)
        {
            var existing = new HashSet<string>(unit.Usings.Select(u => u.Name?.ToString() ?? ""));
            var added = usings
                .Where(u => !existing.Contains(u) && SyntaxFactory.ParseName(u) is { ContainsDiagnostics: false })
                .Distinct()
                .Select(u => SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(u)).WithAdditionalAnnotations(Formatter.Annotation))
                .ToArray();
            if (added.Length > 0)
                newRoot = unit.AddUsings(added);
        }

        return await Formatter.FormatAsync(rewrite.Document.WithSyntaxRoot(newRoot), Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="indentation"/> to every line of the member after its first, through trivia only (string contents stay).</summary>
    private static MemberDeclarationSyntax Indent(MemberDeclarationSyntax member, SyntaxTrivia indentation)
    {
        var first = member.GetFirstToken();
        return member.ReplaceTokens(member.DescendantTokens(), (original, token) =>
        {
            if (original == first)
                return token;
            var leading = token.LeadingTrivia;
            var lastLineEnd = -1;
            for (var i = 0; i < leading.Count; i++)
            {
                if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
                    lastLineEnd = i;
            }

            var startsLine = lastLineEnd >= 0 || original.GetPreviousToken().TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            return startsLine ? token.WithLeadingTrivia(leading.Insert(lastLineEnd + 1, indentation)) : token;
        });
    }

    public static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    public static IReadOnlyList<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Take(10).Select(d => $"{d.Id} at line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}").ToList();
}
