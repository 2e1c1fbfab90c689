using System.Text;
using AiBackend.Testing.Corpus;

namespace AiBackend.PeerScorecard;

/// <summary>Renders the side-by-side scorecard and keeps the docs and README copies in sync.</summary>
internal static class ScorecardTable
{

    public static string Render(LabeledCorpus corpus, IReadOnlyList<(string Name, IReadOnlyList<Finding> Findings)> tools, string[] rules, Dictionary<string, string> titles)
    {
        var scores = tools.Select(t => Scorecard.Score(corpus, t.Findings, rules).ToDictionary(s => s.RuleId)).ToList();
        var builder = new StringBuilder();
        builder.Append("| rule | cases (vulnerable / safe) |");
        foreach (var tool in tools)
            builder.Append($" {tool.Name} precision / recall |");
        builder.AppendLine();
        builder.Append("| --- | --- |");
        builder.AppendLine(string.Concat(tools.Select(_ => " --- |")));

        foreach (var rule in rules)
        {
            var first = scores[0][rule];
            builder.Append($"| {rule} {titles[rule]} | {first.Vulnerable} / {first.Safe} |");
            foreach (var toolScores in scores)
                builder.Append($" {Cell(toolScores[rule])} |");
            builder.AppendLine();
        }

        builder.Append($"| **all** | {scores[0].Values.Sum(s => s.Vulnerable)} / {scores[0].Values.Sum(s => s.Safe)} |");
        foreach (var toolScores in scores)
        {
            var total = new RuleScore("all", toolScores.Values.Sum(s => s.Vulnerable), toolScores.Values.Sum(s => s.Safe),
                toolScores.Values.Sum(s => s.TruePositives), toolScores.Values.Sum(s => s.FalsePositives));
            builder.Append($" **{Cell(total)}** |");
        }

        builder.AppendLine();
        return builder.ToString();
    }

    /// <summary>"–" for precision when a tool reported nothing for the rule (no precision to speak of).</summary>
    private static string Cell(RuleScore score)
    {
        var precision = score.TruePositives + score.FalsePositives == 0 ? "–" : Scorecard.Format(score.Precision);
        return $"{precision} / {Scorecard.Format(score.Recall)}";
    }

    /// <summary>Replaces each family's table between <c>&lt;!-- scorecard-NAME:start --&gt;</c> and its end marker.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, string> tables)
    {
        var text = File.ReadAllText(path);
        foreach (var (family, table) in tables)
        {
            var start = $"<!-- scorecard-{family}:start -->";
            var end = $"<!-- scorecard-{family}:end -->";
            var from = text.IndexOf(start, StringComparison.Ordinal);
            var to = text.IndexOf(end, StringComparison.Ordinal);
            if (from < 0 || to < from)
                throw new InvalidDataException($"{path}: markers {start} / {end} not found.");
            text = text[..(from + start.Length)] + "\n" + table + text[to..];
        }

        File.WriteAllText(path, text);
    }
}
