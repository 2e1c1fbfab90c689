using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using static AiBackend.Bench.Statistics;

namespace AiBackend.Bench;

/// <summary>
/// Where the analysis time goes: every analyzer of the package over the whole synthetic app in process, with the
/// compiler's execution-time telemetry per analyzer, next to the time the compiler needs for its own diagnostics.
/// </summary>
public static class AnalyzerCost
{
    public static async Task RunAsync(string output, int size, int runs)
    {
        var app = SyntheticApp.Write(output, size);
        var report = new StringBuilder();
        var perAnalyzer = new Dictionary<string, List<double>>();
        var compilerTimes = new List<double>();
        var totals = new List<double>();

        for (var run = 0; run < runs + 1; run++)
        {
            var compilation = AnalyzerSets.CompileApp(app);
            var compiler = Stopwatch.StartNew();
            compilation.GetDiagnostics();
            compiler.Stop();

            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var withAnalyzers = compilation.WithAnalyzers(AnalyzerSets.All(), options);
            var watch = Stopwatch.StartNew();
            var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
            watch.Stop();
            if (run == 0)
                continue; // warm-up: JIT and first-use costs

            compilerTimes.Add(compiler.Elapsed.TotalSeconds);
            totals.Add(watch.Elapsed.TotalSeconds);
            foreach (var (analyzer, telemetry) in result.AnalyzerTelemetryInfo)
            {
                var name = analyzer.GetType().Name;
                if (!perAnalyzer.TryGetValue(name, out var list))
                    perAnalyzer[name] = list = new List<double>();
                list.Add(telemetry.ExecutionTime.TotalSeconds);
            }
        }

        var lines = AnalyzerSets.CompileApp(app).SyntaxTrees.Sum(t => t.GetText().Lines.Count);
        report.AppendLine(CultureInfo.InvariantCulture, $"{lines:N0} lines; median of {runs} runs after a warm-up; sequential analysis so that times add up.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Compiler diagnostics (binding the whole app): {Median(compilerTimes):F2} s");
        report.AppendLine(CultureInfo.InvariantCulture, $"- All AiBackendAnalyzers analyzers, wall time: {Median(totals):F2} s");
        report.AppendLine();
        report.AppendLine("| analyzer | median execution time (s) |");
        report.AppendLine("| --- | --- |");
        foreach (var (name, times) in perAnalyzer.OrderByDescending(p => Median(p.Value)))
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Median(times):F3} |");

        var path = Path.Combine(output, "analyzer-cost.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine(report);
    }
}
