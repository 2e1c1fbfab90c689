using System.Collections.Immutable;
using AiBackend.Testing.Corpus;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AiBackend.Tests.Scorecards;

/// <summary>
/// Precision and recall of one rule family on its labeled corpus (<c>Corpus/&lt;name&gt;</c>). The bars are per rule;
/// the corpus must stay large and hold at least as many safe look-alikes as vulnerable lines.
/// </summary>
public abstract class ScorecardTests
{
    public const double MinimumPrecision = 0.95;
    public const double MinimumRecall = 0.9;

    private readonly ITestOutputHelper _output;

    protected ScorecardTests(ITestOutputHelper output) => _output = output;

    protected abstract string CorpusName { get; }

    protected abstract string[] RuleIds { get; }

    protected abstract ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    protected abstract int MinimumCases { get; }

    [Fact]
    public void Corpus_is_large_and_balanced()
    {
        var labels = LabeledCorpus.LoadFromOutput(CorpusName).Labels.ToList();
        var vulnerable = labels.Count(l => l.Expected);
        var safe = labels.Count(l => !l.Expected);

        Assert.True(vulnerable + safe >= MinimumCases, $"The corpus has {vulnerable + safe} labeled cases; it needs at least {MinimumCases}.");
        Assert.True(safe >= vulnerable, $"The corpus has {safe} safe look-alikes for {vulnerable} vulnerable lines; it needs at least as many.");
        foreach (var rule in RuleIds)
        {
            Assert.True(labels.Count(l => l.RuleId == rule && l.Expected) >= 4, $"{rule} has fewer than 4 vulnerable cases.");
            Assert.True(labels.Count(l => l.RuleId == rule && !l.Expected) >= 4, $"{rule} has fewer than 4 safe cases.");
        }
    }

    [Fact]
    public async Task Every_rule_meets_the_precision_and_recall_bar()
    {
        var corpus = LabeledCorpus.LoadFromOutput(CorpusName);
        var findings = await CorpusRunner.FindAsync(await CorpusRunner.CompileAsync(corpus), Analyzers, id => new[] { id });
        var scores = Scorecard.Score(corpus, findings, RuleIds);

        foreach (var score in scores)
            _output.WriteLine($"{score.RuleId}: precision {Scorecard.Format(score.Precision)}, recall {Scorecard.Format(score.Recall)} ({score.TruePositives}/{score.Vulnerable}, {score.FalsePositives} false positives, {score.Safe} safe cases)");

        var failing = scores.Where(s => s.Precision < MinimumPrecision || s.Recall < MinimumRecall).ToList();
        Assert.True(
            failing.Count == 0,
            $"Below the bar (precision {MinimumPrecision}, recall {MinimumRecall}): {string.Join(", ", failing.Select(s => s.RuleId))}\n"
            + Scorecard.Disagreements(corpus, findings));
    }
}
