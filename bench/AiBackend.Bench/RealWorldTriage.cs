using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AiBackend.Bench;

/// <summary>
/// The hand triage of real-code findings (bench/real-world/triage.tsv: app, file, line, rule, verdict, reason), keyed
/// like findings so that a verdict survives reruns while the app's commit stays pinned.
/// </summary>
public static class RealWorldTriage
{
    public static readonly string[] Verdicts = { "real", "wrong", "debatable" };

    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        var verdicts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return verdicts;
        foreach (var (line, number) in File.ReadAllLines(path).Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0 || line.StartsWith("app\t", StringComparison.Ordinal))
                continue;
            var columns = line.Split('\t');
            if (columns.Length < 6 || !Verdicts.Contains(columns[4]))
                throw new InvalidOperationException($"{path}:{number}: expected app, file, line, rule, verdict (real|wrong|debatable), reason");
            verdicts[string.Join('\t', columns.Take(4))] = columns[4];
        }

        return verdicts;
    }
}

/// <summary>The benchmark's tables: apps, per rule, per app, and the untriaged findings.</summary>
public sealed class RealWorldReport
{
    private readonly IReadOnlyList<AppSummary> _apps;
    private readonly IReadOnlyList<Finding> _findings;
    private readonly IReadOnlyDictionary<string, string> _triage;

    public RealWorldReport(IReadOnlyList<AppSummary> apps, IReadOnlyList<Finding> findings, IReadOnlyDictionary<string, string> triage)
    {
        _apps = apps;
        _findings = findings;
        _triage = triage;
    }

    public string AppsTable()
    {
        var table = new StringBuilder();
        table.AppendLine("| app | repository | commit | style | projects | lines analysed | compile errors | most frequent missing names | TreatWarningsAsErrors |");
        table.AppendLine("| --- | --- | --- | --- | ---: | ---: | ---: | --- | --- |");
        foreach (var app in _apps)
        {
            var missing = app.Projects.Where(p => p.Missing.Length > 0).OrderByDescending(p => p.Errors).Select(p => p.Missing).FirstOrDefault() ?? "";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {app.App.Name} | {app.App.Repository} | {app.App.Commit[..12]} | {app.App.Style} | {app.Projects.Count} | {app.Lines:N0} | {app.Errors:N0} | {missing} | {(app.TreatWarningsAsErrors ? "yes" : "no")} |");
        }

        return table.ToString();
    }

    /// <summary>
    /// Per rule and severity (a rule may report its judgement cases as suggestions), against the severity policy of
    /// docs/severity.md: a Warning needs strict precision of at least 95 %, a suggestion lenient precision of at least
    /// 85 %. The "before" columns score findings-before.tsv (the analyzers before the precision work) on the same triage.
    /// </summary>
    public string RulesTable(IReadOnlyList<Finding> before)
    {
        var table = new StringBuilder();
        table.AppendLine("| rule | severity | findings | real | wrong | debatable | untriaged | strict precision | lenient precision | meets the policy | before: findings | before: strict precision |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        var rules = _findings.Select(f => f.Rule).Concat(before.Select(f => f.Rule)).Distinct().OrderBy(r => r, StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var earlier = before.Where(f => f.Rule == rule).ToList();
            var bySeverity = _findings.Where(f => f.Rule == rule).GroupBy(f => f.Severity).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            if (bySeverity.Count == 0)
            {
                table.AppendLine($"| {rule} | | 0 | 0 | 0 | 0 | 0 | - | - | yes | {earlier.Count} | {Precision(earlier, strict: true)} |");
                continue;
            }

            foreach (var group in bySeverity)
            {
                var findings = group.ToList();
                table.AppendLine($"| {rule} | {group.Key} | {Counts(findings)} | {MeetsPolicy(group.Key, findings)} | {earlier.Count} | {Precision(earlier, strict: true)} |");
            }
        }

        table.AppendLine($"| **all** | | {Counts(_findings)} | | {before.Count} | {Precision(before, strict: true)} |");
        return table.ToString();
    }

    public string PerAppTable()
    {
        var table = new StringBuilder();
        table.AppendLine("| app | findings | real | wrong | debatable | untriaged | strict precision | lenient precision | TreatWarningsAsErrors | warnings not triaged real |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        foreach (var app in _apps)
        {
            var findings = _findings.Where(f => f.App == app.App.Name).ToList();
            // A Warning fails a TreatWarningsAsErrors build; unless the finding is real, that build turns red for nothing.
            var breaking = findings.Count(f => f.Severity == "Warning" && Verdict(f) != "real");
            table.AppendLine($"| {app.App.Name} | {Counts(findings)} | {(app.TreatWarningsAsErrors ? "yes" : "no")} | {breaking} |");
        }

        return table.ToString();
    }

    public string Untriaged()
    {
        var untriaged = _findings.Where(f => Verdict(f) is null).ToList();
        var text = new StringBuilder($"Untriaged findings: {untriaged.Count}\n");
        foreach (var finding in untriaged)
            text.AppendLine($"  {finding.App} {finding.File}:{finding.Line} {finding.Rule} {finding.Message}");
        return text.ToString();
    }

    /// <summary>Rewrites the generated tables of docs/real-world.md between their marker comments.</summary>
    public void WriteInto(string path, IReadOnlyList<Finding> before)
    {
        var text = File.ReadAllText(path);
        text = Replace(text, "apps", AppsTable());
        text = Replace(text, "rules", RulesTable(before));
        text = Replace(text, "per-app", PerAppTable());
        File.WriteAllText(path, text);
        Console.WriteLine($"Updated {path}");
    }

    private static string Replace(string text, string section, string table)
    {
        var pattern = $"(<!-- real-world:{section} -->\n).*?(<!-- /real-world:{section} -->)";
        if (!Regex.IsMatch(text, pattern, RegexOptions.Singleline))
            throw new InvalidOperationException($"docs/real-world.md lacks the markers <!-- real-world:{section} --> ... <!-- /real-world:{section} -->");
        return Regex.Replace(text, pattern, m => m.Groups[1].Value + table + m.Groups[2].Value, RegexOptions.Singleline);
    }

    private string? Verdict(Finding finding) => _triage.TryGetValue(finding.Key, out var verdict) ? verdict : null;

    private string MeetsPolicy(string severity, IReadOnlyCollection<Finding> findings)
    {
        var (real, wrong, debatable) = Tally(findings);
        var triaged = real + wrong + debatable;
        if (triaged < findings.Count)
            return "untriaged";
        return severity switch
        {
            "Warning" or "Error" => real >= 0.95 * triaged ? "yes" : "**no**",
            _ => real + debatable >= 0.85 * triaged ? "yes" : "**no**",
        };
    }

    private string Precision(IReadOnlyCollection<Finding> findings, bool strict)
    {
        var (real, wrong, debatable) = Tally(findings);
        var triaged = real + wrong + debatable;
        return triaged == 0 ? "-" : ((double)(strict ? real : real + debatable) / triaged).ToString("P0", CultureInfo.InvariantCulture);
    }

    private (int Real, int Wrong, int Debatable) Tally(IReadOnlyCollection<Finding> findings) =>
        (findings.Count(f => Verdict(f) == "real"), findings.Count(f => Verdict(f) == "wrong"), findings.Count(f => Verdict(f) == "debatable"));

    private string Counts(IReadOnlyCollection<Finding> findings)
    {
        var (real, wrong, debatable) = Tally(findings);
        var triaged = real + wrong + debatable;
        string Ratio(int n) => triaged == 0 ? "-" : ((double)n / triaged).ToString("P0", CultureInfo.InvariantCulture);
        return $"{findings.Count} | {real} | {wrong} | {debatable} | {findings.Count - triaged} | {Ratio(real)} | {Ratio(real + debatable)}";
    }
}
