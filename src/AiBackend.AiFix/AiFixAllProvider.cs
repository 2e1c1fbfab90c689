using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AiBackend.AiFix;

/// <summary>
/// Headless Fix-All (<c>dotnet format analyzers --diagnostics AIB1001</c>): one finding at a time, re-analyzing after each
/// applied fix (positions move, and one fix can clear others), until no finding is left to try or the request cap
/// (<c>AIBACKEND_AI_FIX_ALL_MAX_REQUESTS</c>) is reached. Each outcome is written to standard error, the output
/// <c>dotnet format</c> shows; rejected findings stay unchanged, with no comment added.
/// </summary>
internal sealed class AiFixAllProvider : FixAllProvider
{
    private readonly AiFixSettings _settings;

    public AiFixAllProvider(AiFixSettings settings)
    {
        _settings = settings;
    }

    /// <summary>For the log lines; tests replace it to capture them.</summary>
    internal static Action<string> Log { get; set; } = line => Console.Error.WriteLine(line);

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (fixAllContext.Scope != FixAllScope.Solution)
            return Task.FromResult<CodeAction?>(null);

        var ids = fixAllContext.DiagnosticIds.ToImmutableHashSet();
        var solution = fixAllContext.Solution;
        return Task.FromResult<CodeAction?>(CodeAction.Create(
            $"Fix all with AI via {_settings.Endpoint.Authority} (at most {_settings.FixAllMaxRequests} requests)",
            cancellationToken => FixSolutionAsync(solution, ids, cancellationToken),
            AiFixCodeFixProvider.EquivalenceKey));
    }

    private async Task<Solution> FixSolutionAsync(Solution solution, ImmutableHashSet<string> ids, CancellationToken cancellationToken)
    {
        var budget = new RequestBudget(_settings.FixAllMaxRequests);
        var attempted = new HashSet<string>();
        foreach (var projectId in solution.ProjectIds)
        {
            while (!budget.IsExhausted)
            {
                var project = solution.GetProject(projectId)!;
                var next = await NextFindingAsync(project, ids, attempted, cancellationToken).ConfigureAwait(false);
                if (next is null)
                    break;

                var (document, diagnostic, key) = next.Value;
                attempted.Add(key);
                var outcome = await VerifiedAiFix.RunAsync(document, diagnostic, _settings, budget, cancellationToken).ConfigureAwait(false);
                var where = $"{document.FilePath ?? document.Name}({diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1})";
                if (outcome.FixedSolution is not null)
                {
                    solution = outcome.FixedSolution;
                    Log($"{where}: {diagnostic.Id}: AI fix applied ({outcome.Requests} request{(outcome.Requests == 1 ? "" : "s")}).");
                }
                else
                {
                    Log($"{where}: {diagnostic.Id}: AI fix not applied: {outcome.Reason}.");
                }
            }
        }

        if (budget.IsExhausted)
            Log($"AI fix: the cap of {_settings.FixAllMaxRequests} requests is reached; remaining findings were not attempted.");
        return solution;
    }

    /// <summary>The first finding (by file and position) that has not been tried yet, found on the current code.</summary>
    private static async Task<(Document Document, Diagnostic Diagnostic, string Key)?> NextFindingAsync(
        Project project, ImmutableHashSet<string> ids, HashSet<string> attempted, CancellationToken cancellationToken)
    {
        var analyzers = AibAnalysis.AnalyzersOf(project);
        if (analyzers.IsEmpty)
            return null;

        var analysis = await AibAnalysis.RunAsync(project, analyzers, cancellationToken).ConfigureAwait(false);
        var candidates = analysis.Findings
            .Where(d => ids.Contains(d.Id) && d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start);
        foreach (var diagnostic in candidates)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || FixTarget.Find(root, diagnostic) is not { } target || RepositorySwitch.IsDisabled(document!, root.SyntaxTree, diagnostic.Id))
                continue;

            // The member's text identifies it across fixes elsewhere (its position moves; its text only if it was fixed).
            var key = $"{diagnostic.Id}|{document!.FilePath}|{diagnostic.GetMessage()}|{target.Member}";
            if (!attempted.Contains(key))
                return (document, diagnostic, key);
        }

        return null;
    }
}
