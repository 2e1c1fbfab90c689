using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using static AiBackend.Bench.Statistics;

namespace AiBackend.Bench;

/// <summary>
/// What an IDE pays after an edit: a new compilation with one changed document, then analyzer diagnostics for that
/// document only (CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync), per rule family, next to the
/// compiler's own diagnostics for the same document. Per-compilation caches (summaries, the request-path index) are
/// rebuilt on every edit, as they would be.
/// </summary>
public static class IdeCost
{
    public static async Task RunAsync(string output, int[] sizes, int edits)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores; {edits} edits per size, each in a different module file; milliseconds per edit.");
        report.AppendLine();
        report.AppendLine("| lines | family | median (ms) | 90th pct (ms) | compiler's own diagnostics for the document, median (ms) | ratio to compiler |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- |");
        var growth = new List<(int Lines, double AllMedian)>();

        foreach (var size in sizes)
        {
            var app = SyntheticApp.Write(output, size);
            var compilation = AnalyzerSets.CompileApp(app);
            var lines = compilation.SyntaxTrees.Sum(t => t.GetText().Lines.Count);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
            if (errors.Count > 0)
                throw new InvalidOperationException("The synthetic app does not compile:\n" + string.Join("\n", errors));

            var modules = compilation.SyntaxTrees.Where(t => t.FilePath.Contains("Modules", StringComparison.Ordinal)).ToList();
            var picks = Enumerable.Range(0, Math.Min(edits, modules.Count)).Select(i => modules[i * modules.Count / Math.Min(edits, modules.Count)]).ToList();

            // Per edit: the compiler's own diagnostics for the document first (binding it, as the IDE does anyway),
            // then each family's analyzer diagnostics for that document on the same compilation.
            var compilerTimes = new List<double>();
            var families = AnalyzerSets.Families();
            var times = families.ToDictionary(f => f.Family, _ => new List<double>());
            var round = 0;
            foreach (var tree in picks)
            {
                round++;
                var edited = tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(tree.Length, 0), $"\n// edit {round}\n")));
                var next = compilation.ReplaceSyntaxTree(tree, edited);
                var model = next.GetSemanticModel(edited);
                var compiler = Stopwatch.StartNew();
                model.GetDiagnostics();
                compilerTimes.Add(compiler.Elapsed.TotalMilliseconds);

                foreach (var (family, analyzers) in families)
                {
                    var withAnalyzers = next.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArrayOfNothing), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
                    var watch = Stopwatch.StartNew();
                    await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
                    await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(edited, CancellationToken.None);
                    times[family].Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            var compilerMedian = Median(compilerTimes);
            foreach (var (family, _) in families)
            {
                var median = Median(times[family]);
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {lines:N0} | {family} | {median:F0} | {Percentile(times[family], 0.9):F0} | {compilerMedian:F0} | {median / compilerMedian:0.00} |");
                if (family == "all")
                    growth.Add((lines, median));
                Console.WriteLine($"{lines} {family}: median {median:F0} ms (compiler {compilerMedian:F0} ms)");
            }
        }

        report.AppendLine();
        for (var i = 1; i < growth.Count; i++)
        {
            var lineRatio = (double)growth[i].Lines / growth[i - 1].Lines;
            var timeRatio = growth[i].AllMedian / growth[i - 1].AllMedian;
            report.AppendLine(CultureInfo.InvariantCulture, $"- {growth[i - 1].Lines:N0} → {growth[i].Lines:N0} lines (×{lineRatio:0.0}): time per edit ×{timeRatio:0.00}.");
        }

        var path = Path.Combine(output, "ide-cost.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"Written to {path}");
    }

    private static readonly System.Collections.Immutable.ImmutableArray<AdditionalText> ImmutableArrayOfNothing = System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty;
}
