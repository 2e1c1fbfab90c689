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
/// Headless Fix-All (<c>dotnet format analyzers --diagnostics AIB1001</c>): one place at a time, re-analyzing after each
/// applied rewrite (positions move, and one fix can clear others), until no place is left to try or the request cap
/// (<c>AIBACKEND_AI_FIX_ALL_MAX_REQUESTS</c>, for the whole run) is reached. Each outcome and a closing summary go to
/// standard error, the output <c>dotnet format</c> shows; rejected places stay unchanged, with no comment added. Without
/// a cap, under <c>dotnet format</c> only, it says how to set one instead of letting the tool report "no Fix All".
/// </summary>
internal sealed class AiFixAllProvider : FixAllProvider
{
    private readonly AiFixSettings _settings;
    private readonly HeadlessWork _work;

    public AiFixAllProvider(AiFixSettings settings, HeadlessWork work)
    {
        _settings = settings;
        _work = work;
    }

    /// <summary>For the log lines; tests replace it to capture them.</summary>
    internal static Action<string> Log { get; set; } = line => Console.Error.WriteLine(line);

    /// <summary>The provider a code fix offers: capped when opted in, the hint under dotnet format, else none.</summary>
    public static FixAllProvider? For(AiFixSettings? settings, HeadlessWork work) =>
        settings is { FixAllMaxRequests: > 0 } || settings is not null && HeadlessHost.IsDotnetFormat ? new AiFixAllProvider(settings, work) : null;

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        if (fixAllContext.Scope != FixAllScope.Solution)
            return Task.FromResult<CodeAction?>(null);

        var ids = fixAllContext.DiagnosticIds.ToImmutableHashSet();
        var solution = fixAllContext.Solution;
        if (_settings.FixAllMaxRequests <= 0)
        {
            Log($"{_work.Name}: not run for {string.Join(", ", ids.OrderBy(i => i, StringComparer.Ordinal))}: set {AiFixSettingsLoader.FixAllVariable} to the most requests this run may send (for example 20).");
            return Task.FromResult<CodeAction?>(CodeAction.Create($"{_work.Name}: no request cap", _ => Task.FromResult(solution), AiFixCodeFixProvider.EquivalenceKey));
        }

        return Task.FromResult<CodeAction?>(CodeAction.Create(
            $"{_work.Name} for all via {_settings.Endpoint.Authority} (at most {_settings.FixAllMaxRequests} requests)",
            cancellationToken => RunAsync(solution, ids, cancellationToken),
            AiFixCodeFixProvider.EquivalenceKey));
    }

    private async Task<Solution> RunAsync(Solution solution, ImmutableHashSet<string> ids, CancellationToken cancellationToken)
    {
        var budget = _settings.FixAllBudget;
        var attempted = new HashSet<string>();
        var outcomes = new List<AiFixOutcome>();
        var notAttempted = 0;
        foreach (var projectId in solution.ProjectIds)
        {
            while (true)
            {
                var candidates = await _work.CandidatesAsync(solution.GetProject(projectId)!, ids, cancellationToken).ConfigureAwait(false);
                var untried = candidates.Where(c => !attempted.Contains(c.Key)).ToList();
                if (untried.Count == 0)
                    break;
                if (budget.IsExhausted)
                {
                    notAttempted += untried.Count;
                    break;
                }

                var next = untried[0];
                attempted.Add(next.Key);
                var outcome = await _work.RunAsync(next, _settings, budget, cancellationToken).ConfigureAwait(false);
                var where = $"{next.Document.FilePath ?? next.Document.Name}({next.Diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1})";
                if (outcome.Kind == AiOutcomeKind.NotAttempted)
                {
                    notAttempted++;
                    continue;
                }

                outcomes.Add(outcome);
                if (outcome.FixedSolution is not null)
                {
                    solution = outcome.FixedSolution;
                    Log($"{where}: {next.Diagnostic.Id}: {_work.Name} applied ({VerifiedRewrite.Count(outcome.Requests, "request")}).");
                }
                else
                {
                    Log($"{where}: {next.Diagnostic.Id}: {_work.Name} not applied: {outcome.Reason}.");
                }
            }
        }

        if (notAttempted > 0)
            Log($"{_work.Name}: the cap of {_settings.FixAllMaxRequests} requests is reached; remaining {_work.Items} were not attempted.");
        Log(Summary(outcomes, notAttempted));
        return solution;
    }

    /// <summary>"AI fix: 1 fixed, 2 rejected (AIB1001 is still reported ×2), 0 failed, 0 not attempted."</summary>
    private string Summary(IReadOnlyList<AiFixOutcome> outcomes, int notAttempted)
    {
        return $"{_work.Name}: {outcomes.Count(o => o.Kind == AiOutcomeKind.Applied)} {_work.Done}, {Part(AiOutcomeKind.Rejected, "rejected")}, {Part(AiOutcomeKind.Failed, "failed")}, "
               + $"{notAttempted} not attempted{(notAttempted > 0 ? " (request cap)" : "")}.";

        string Part(AiOutcomeKind kind, string word)
        {
            var reasons = outcomes.Where(o => o.Kind == kind).GroupBy(o => o.Reason).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}").ToList();
            return reasons.Count == 0 ? $"0 {word}" : $"{outcomes.Count(o => o.Kind == kind)} {word} ({string.Join("; ", reasons)})";
        }
    }
}
