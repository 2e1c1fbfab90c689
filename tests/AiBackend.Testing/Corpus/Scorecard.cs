using System.Globalization;
using System.Text;

namespace AiBackend.Testing.Corpus;

/// <summary>A finding by some tool, mapped to one of our rule IDs, at a 1-based line of a corpus file.</summary>
public sealed record Finding(string File, int Line, string RuleId, string ToolId);

/// <summary>Per-rule counts of one tool on a labeled corpus.</summary>
public sealed record RuleScore(string RuleId, int Vulnerable, int Safe, int TruePositives, int FalsePositives)
{
    public int FalseNegatives => Vulnerable - TruePositives;

    /// <summary>1 when nothing was reported (no false alarm was raised).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => Vulnerable == 0 ? 1 : (double)TruePositives / Vulnerable;
}

/// <summary>
/// Scores findings against labels: a finding of rule R on a line labeled <c>expect: R</c> is a true positive
/// (several on one line count once); any other finding of R is a false positive.
/// </summary>
public static class Scorecard
{
    public static IReadOnlyList<RuleScore> Score(LabeledCorpus corpus, IEnumerable<Finding> findings, IEnumerable<string> ruleIds)
    {
        var labels = corpus.Labels.ToList();
        var distinct = findings.Select(f => (f.File, f.Line, f.RuleId)).Distinct().ToList();
        return ruleIds.Select(rule =>
        {
            var expected = labels.Where(l => l.RuleId == rule && l.Expected).Select(l => (l.File, l.Line)).ToHashSet();
            var reported = distinct.Where(f => f.RuleId == rule).Select(f => (f.File, f.Line)).ToList();
            var truePositives = reported.Count(expected.Contains);
            return new RuleScore(
                rule,
                expected.Count,
                labels.Count(l => l.RuleId == rule && !l.Expected),
                truePositives,
                reported.Count - truePositives);
        }).ToList();
    }

    /// <summary>The lines where the findings and the labels disagree, for a failing test's message.</summary>
    public static string Disagreements(LabeledCorpus corpus, IEnumerable<Finding> findings)
    {
        var labels = corpus.Labels.Where(l => l.Expected).Select(l => (l.File, l.Line, l.RuleId)).ToHashSet();
        var found = findings.Select(f => (f.File, f.Line, f.RuleId)).ToHashSet();
        var builder = new StringBuilder();
        foreach (var missed in labels.Except(found).OrderBy(l => l.File).ThenBy(l => l.Line))
            builder.AppendLine($"  missed {missed.RuleId} at {missed.File}:{missed.Line}");
        foreach (var extra in found.Except(labels).OrderBy(l => l.File).ThenBy(l => l.Line))
            builder.AppendLine($"  false positive {extra.RuleId} at {extra.File}:{extra.Line}");
        return builder.ToString();
    }

    public static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
