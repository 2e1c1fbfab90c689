using System.Collections.Immutable;
using AiBackend.Analyzers.Auth;
using AiBackend.Testing.Corpus;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AiBackend.Tests.Scorecards;

/// <summary>
/// Precision and recall of the authentication and authorization rules on the labeled corpus (<c>Corpus/Auth</c>). The bars are per
/// rule; the corpus must stay large and hold at least as many safe look-alikes as vulnerable lines.
/// </summary>
public class AuthScorecardTests
{
    public const double MinimumPrecision = 0.95;
    public const double MinimumRecall = 0.9;

    public static readonly string[] RuleIds =
        { "AIB3001", "AIB3002", "AIB3003", "AIB3004", "AIB3005", "AIB3006", "AIB3007", "AIB3008", "AIB3009", "AIB3010", "AIB3011" };

    private readonly ITestOutputHelper _output;

    public AuthScorecardTests(ITestOutputHelper output) => _output = output;

    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new EndpointAuthorizationAnalyzer(), new TokenValidationDisabledAnalyzer(), new HardcodedSecretAnalyzer(), new WeakPasswordHashingAnalyzer(),
        new InsecureRandomnessAnalyzer(), new TimingUnsafeComparisonAnalyzer(), new AuthMiddlewareOrderAnalyzer(), new PermissiveCorsAnalyzer(),
        new InsecureCookieAnalyzer(), new MissingOwnershipCheckAnalyzer(), new SensitiveDataExposedAnalyzer());

    public static async Task<IReadOnlyList<Finding>> RunOursAsync(LabeledCorpus corpus)
    {
        var compilations = await CorpusRunner.CompileAsync(corpus);
        var analyzers = Analyzers;
        return await CorpusRunner.FindAsync(compilations, analyzers, id => new[] { id });
    }

    [Fact]
    public void Corpus_is_large_and_balanced()
    {
        var labels = LabeledCorpus.LoadFromOutput("Auth").Labels.ToList();
        var vulnerable = labels.Count(l => l.Expected);
        var safe = labels.Count(l => !l.Expected);

        Assert.True(vulnerable + safe >= 120, $"The corpus has {vulnerable + safe} labeled cases; it needs at least 120.");
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
        var corpus = LabeledCorpus.LoadFromOutput("Auth");
        var findings = await RunOursAsync(corpus);
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
