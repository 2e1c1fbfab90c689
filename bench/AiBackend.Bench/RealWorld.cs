using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Bench;

/// <summary>
/// The real-code precision benchmark (docs/real-world.md): every analyzer of the package over public apps pinned in
/// bench/real-world/apps.tsv, each project compiled in process against a broad fixed set of references, the findings
/// written to artifacts/real-world/findings.tsv and scored against the hand triage in bench/real-world/triage.tsv.
/// </summary>
public static class RealWorld
{
    public static async Task RunAsync(string root, string mirror, string[]? only, bool write)
    {
        var data = Path.Combine(root, "bench", "real-world");
        var output = Path.Combine(root, "artifacts", "real-world");
        var apps = RealWorldApp.Load(Path.Combine(data, "apps.tsv")).Where(a => only is null || only.Contains(a.Name)).ToList();
        if (only?.Except(apps.Select(a => a.Name)).ToList() is { Count: > 0 } unknown)
            throw new InvalidOperationException($"Not in bench/real-world/apps.tsv: {string.Join(", ", unknown)}");

        var analyzers = AnalyzerSets.All().AddRange(AnalyzerSets.GeneratorUsage());
        var ruleIds = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        var findings = new List<Finding>();
        var summaries = new List<AppSummary>();
        var total = Stopwatch.StartNew();
        foreach (var app in apps)
        {
            var source = RealWorldSolution.Extract(app, mirror, Path.Combine(output, "src", app.Name));
            var watch = Stopwatch.StartNew();
            var summary = await AnalyzeAsync(app, source, analyzers, ruleIds, findings);
            summaries.Add(summary);
            Console.WriteLine($"{app.Name}: {summary.Projects.Count} projects, {summary.Lines:N0} lines, {summary.Errors} compile errors, {findings.Count(f => f.App == app.Name)} findings, {watch.Elapsed.TotalSeconds:F0} s");
            foreach (var project in summary.Projects)
                Console.WriteLine($"  {project.Path}: {project.Files} files, {project.Errors} errors{(project.Missing.Length > 0 ? "; missing: " + project.Missing : "")}");
        }

        var sorted = findings
            .OrderBy(f => f.App, StringComparer.Ordinal).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
        var findingsPath = Path.Combine(output, "findings.tsv");
        await File.WriteAllLinesAsync(findingsPath, sorted.Select(f => f.ToTsv()).Prepend(Finding.Header));
        Console.WriteLine($"\n{findings.Count} findings in {total.Elapsed.TotalSeconds:F0} s -> {findingsPath}\n");

        var triage = RealWorldTriage.Load(Path.Combine(data, "triage.tsv"));
        var report = new RealWorldReport(summaries, sorted, triage);
        var before = Finding.Load(Path.Combine(data, "findings-before.tsv")).Where(f => only is null || only.Contains(f.App)).ToList();
        Console.WriteLine(report.AppsTable());
        Console.WriteLine(report.RulesTable(before));
        Console.WriteLine(report.PerAppTable());
        Console.WriteLine(report.Untriaged());
        if (write)
            report.WriteInto(Path.Combine(root, "docs", "real-world.md"), before);
    }

    private static async Task<AppSummary> AnalyzeAsync(RealWorldApp app, string source, ImmutableArray<DiagnosticAnalyzer> analyzers, HashSet<string> ruleIds, List<Finding> findings)
    {
        var summaries = new List<ProjectSummary>();
        foreach (var (project, files, compilation) in RealWorldSolution.Compile(app, source))
        {
            var crashes = new ConcurrentQueue<(Exception Exception, DiagnosticAnalyzer Analyzer, Diagnostic Diagnostic)>();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => crashes.Enqueue((exception, analyzer, diagnostic)), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();

            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !ruleIds.Contains(d.Id) && d.Id != "AD0001").ToList();
            foreach (var diagnostic in diagnostics.Where(d => ruleIds.Contains(d.Id)))
            {
                // A finding in a view is in the .cshtml, through the generated code's #line directives.
                var span = diagnostic.Location.GetMappedLineSpan() is { HasMappedPath: true } mapped ? mapped : diagnostic.Location.GetLineSpan();
                findings.Add(new Finding(app.Name, Relative(source, span.Path), span.StartLinePosition.Line + 1, diagnostic.Id, diagnostic.Severity.ToString(), diagnostic.GetMessage()));
            }

            // An analyzer that throws is a bug: a finding of its own kind, where it happened if the compiler knows.
            foreach (var (exception, analyzer, diagnostic) in crashes)
            {
                var span = diagnostic.Location.GetLineSpan();
                var frame = exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
                findings.Add(new Finding(app.Name, diagnostic.Location.IsInSource ? Relative(source, span.Path) : Relative(source, project.Path), diagnostic.Location.IsInSource ? span.StartLinePosition.Line + 1 : 0,
                    "AD0001", "Error", $"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message} {frame}"));
            }

            summaries.Add(new ProjectSummary(Relative(source, project.Path), files.Count, files.Sum(f => File.ReadLines(f).Count()), errors.Count, MissingNames(errors), project.TreatWarningsAsErrors));
        }

        return new AppSummary(app, summaries);
    }

    /// <summary>The names the compiler could not find (CS0246, CS0234, CS0103), most frequent first: what a missing package would provide.</summary>
    private static string MissingNames(IEnumerable<Diagnostic> errors) =>
        string.Join(", ", errors.Where(e => e.Id is "CS0246" or "CS0234" or "CS0103")
            .Select(e => Regex.Match(e.GetMessage(), "'([^']+)'").Groups[1].Value)
            .GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5)
            .Select(g => $"{g.Key} ({g.Count()})"));

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}

/// <summary>One diagnostic of the package on an app, as written to findings.tsv.</summary>
public sealed record Finding(string App, string File, int Line, string Rule, string Severity, string Message)
{
    public const string Header = "app\tfile\tline\trule\tseverity\tmessage";

    public string Key => $"{App}\t{File}\t{Line}\t{Rule}";

    public string ToTsv() => $"{Key}\t{Severity}\t{Regex.Replace(Message, @"\s+", " ")}";

    /// <summary>Reads a findings file written by <see cref="ToTsv"/> (none if it does not exist).</summary>
    public static IEnumerable<Finding> Load(string path) =>
        !System.IO.File.Exists(path) ? Enumerable.Empty<Finding>()
        : System.IO.File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(c => new Finding(c[0], c[1], int.Parse(c[2], CultureInfo.InvariantCulture), c[3], c[4], c[5]));
}

public sealed record ProjectSummary(string Path, int Files, int Lines, int Errors, string Missing, bool TreatWarningsAsErrors);

public sealed record AppSummary(RealWorldApp App, IReadOnlyList<ProjectSummary> Projects)
{
    public int Lines => Projects.Sum(p => p.Lines);

    public int Errors => Projects.Sum(p => p.Errors);

    public bool TreatWarningsAsErrors => Projects.Any(p => p.TreatWarningsAsErrors);
}
