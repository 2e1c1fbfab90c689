using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Verification;
using Microsoft.CodeAnalysis;

namespace AiBackend.AiFix;

/// <summary>The headless AI fix: the project's AIB findings of the requested IDs, each fixed by <see cref="VerifiedAiFix"/>.</summary>
internal sealed class AiFixWork : HeadlessWork
{
    public static readonly AiFixWork Instance = new();

    private AiFixWork()
        : base("AI fix", "fixed", "findings")
    {
    }

    public override async Task<IReadOnlyList<HeadlessCandidate>> CandidatesAsync(Project project, ImmutableHashSet<string> ids, CancellationToken cancellationToken)
    {
        var analyzers = AibAnalysis.AnalyzersOf(project);
        if (analyzers.IsEmpty)
            return Array.Empty<HeadlessCandidate>();

        var analysis = await AibAnalysis.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
        var candidates = new List<HeadlessCandidate>();
        foreach (var diagnostic in analysis.Findings
                     .Where(d => ids.Contains(d.Id) && d.Location.IsInSource)
                     .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                     .ThenBy(d => d.Location.SourceSpan.Start))
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || FixTarget.Find(root, diagnostic) is not { } target || RepositorySwitch.IsDisabled(document!, root.SyntaxTree, diagnostic.Id))
                continue;

            candidates.Add(new HeadlessCandidate(document!, diagnostic, $"{diagnostic.Id}|{document!.FilePath}|{diagnostic.GetMessage()}|{target.Member}"));
        }

        return candidates;
    }

    public override Task<AiFixOutcome> RunAsync(HeadlessCandidate candidate, AiFixSettings settings, RequestBudget budget, CancellationToken cancellationToken) =>
        VerifiedAiFix.RunAsync(candidate.Document, candidate.Diagnostic, settings, budget, cancellationToken);
}
