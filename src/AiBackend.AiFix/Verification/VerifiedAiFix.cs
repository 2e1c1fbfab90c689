using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Client;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Prompt;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Formatting;

namespace AiBackend.AiFix.Verification;

/// <summary>
/// Asks the model for a fix of one diagnostic and keeps it only if it is verified: the answer parses into the same kind
/// of member, the project compiles with no new error, the diagnostic is gone from the member and no AIB rule reports
/// more than before. A rejected answer gets one more request with the reason; then the code stays as it was.
/// </summary>
internal static class VerifiedAiFix
{
    private const int MaxAttempts = 2;

    public static async Task<AiFixOutcome> RunAsync(Document document, Diagnostic diagnostic, AiFixSettings settings, RequestBudget budget, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || FixTarget.Find(root, diagnostic) is not { } target)
            return AiFixOutcome.NotApplied("the finding is not inside a method, property, field or top-level statement", 0);

        var analyzers = AibAnalysis.AnalyzersOf(document.Project);
        if (analyzers.IsEmpty)
            return AiFixOutcome.NotApplied("the project does not load the AiBackendAnalyzers analyzers, so a fix could not be verified", 0);

        var baseline = await AibAnalysis.RunAsync(document.Project, analyzers, cancellationToken).ConfigureAwait(false);
        var targetBefore = baseline.CountIn(diagnostic.Id, root.SyntaxTree, target.Member.Span);

        var redactor = new SecretRedactor();
        var messages = FixPrompt.Build(target, diagnostic, root, redactor);
        var client = new ChatCompletionsClient(settings);
        var requests = 0;
        string reason = "no answer";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (!budget.TryTake())
                return AiFixOutcome.NotApplied(attempt == 0 ? "the request cap is reached" : reason + " (no request left for a retry)", requests);

            requests++;
            var answer = await client.CompleteAsync(messages, FixPrompt.AnswerSchema, FixPrompt.SchemaName, cancellationToken).ConfigureAwait(false);
            if (!answer.Succeeded)
                return AiFixOutcome.NotApplied(answer.Failure!, requests); // transport failures are not the model's to correct

            var verdict = await CheckAsync(document, root, target, diagnostic, answer.Content!, redactor, analyzers, baseline, targetBefore, cancellationToken).ConfigureAwait(false);
            if (verdict.Fixed is not null)
                return AiFixOutcome.Applied(verdict.Fixed, requests);

            reason = verdict.Reason!;
            messages.Add(ChatMessage.Assistant(answer.Content!));
            messages.Add(FixPrompt.Feedback(verdict.Reason!, verdict.Details));
        }

        return AiFixOutcome.NotApplied(reason, requests);
    }

    private static async Task<Verdict> CheckAsync(Document document, SyntaxNode root, FixTarget target, Diagnostic diagnostic, string answer, SecretRedactor redactor,
        ImmutableArray<DiagnosticAnalyzer> analyzers, AibAnalysis baseline, int targetBefore, CancellationToken cancellationToken)
    {
        var proposal = FixProposal.Parse(answer, out var problem);
        if (proposal is null)
            return Verdict.Rejected(problem!);

        // Placeholders go back to the real literals only here, in code the model never sees again.
        var code = redactor.Restore(proposal.Member.Replace(FixPrompt.StartMarker, "").Replace(FixPrompt.EndMarker, ""));
        var options = (CSharpParseOptions)root.SyntaxTree.Options;
        if (target.Parse(code, options) is not { } parsed)
            return Verdict.Rejected($"the answer is not one syntactically valid C# {target.KindName}");
        if (!target.HasSameShape(parsed))
            return Verdict.Rejected($"the answer is not a replacement for the {target.KindName}{(target.Name is null ? "" : " '" + target.Name + "'")} (a different kind or name)");

        var changed = await ApplyAsync(document, root, target.Member, parsed, proposal.Usings, cancellationToken).ConfigureAwait(false);
        var after = await AibAnalysis.RunAsync(changed.Project, analyzers, cancellationToken).ConfigureAwait(false);

        var newErrors = after.NewErrorsSince(baseline);
        if (newErrors.Count > 0)
            return Verdict.Rejected($"the fixed code does not compile ({newErrors.Count} new error{(newErrors.Count == 1 ? "" : "s")})", Describe(newErrors));

        var changedRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var member = changedRoot!.GetAnnotatedNodes(ReplacementAnnotation).First();
        if (after.CountIn(diagnostic.Id, changedRoot.SyntaxTree, member.Span) >= targetBefore)
        {
            var still = after.Findings.Where(d => d.Id == diagnostic.Id && d.Location.SourceTree == changedRoot.SyntaxTree && member.Span.Contains(d.Location.SourceSpan)).ToList();
            return Verdict.Rejected($"{diagnostic.Id} is still reported", Describe(still));
        }

        var newFindings = after.NewFindingsSince(baseline);
        if (newFindings.Count > 0)
            return Verdict.Rejected($"the fix introduces {string.Join(", ", newFindings.Select(d => d.Id).Distinct())}", Describe(newFindings));

        return Verdict.Accepted(changed.Project.Solution);
    }

    private static readonly SyntaxAnnotation ReplacementAnnotation = new("AiBackend.AiFix.Replacement");

    private static async Task<Document> ApplyAsync(Document document, SyntaxNode root, MemberDeclarationSyntax original, MemberDeclarationSyntax proposal,
        IReadOnlyList<string> usings, CancellationToken cancellationToken)
    {
        // The original's trivia (doc comment, indentation) stays; the formatter re-indents the new body to the file's style.
        var replacement = proposal
            .WithLeadingTrivia(original.GetLeadingTrivia())
            .WithTrailingTrivia(original.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation, ReplacementAnnotation);
        var newRoot = root.ReplaceNode(original, replacement);

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

        return await Formatter.FormatAsync(document.WithSyntaxRoot(newRoot), Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Take(10).Select(d => $"{d.Id} at line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}").ToList();

    private sealed class Verdict
    {
        private Verdict(Solution? fixedSolution, string? reason, IReadOnlyList<string> details)
        {
            Fixed = fixedSolution;
            Reason = reason;
            Details = details;
        }

        public Solution? Fixed { get; }

        public string? Reason { get; }

        public IReadOnlyList<string> Details { get; }

        public static Verdict Accepted(Solution solution) => new(solution, null, new string[0]);

        public static Verdict Rejected(string reason, IReadOnlyList<string>? details = null) => new(null, reason, details ?? new string[0]);
    }
}
