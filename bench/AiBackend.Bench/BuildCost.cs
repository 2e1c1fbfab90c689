using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AiBackend.Bench;

/// <summary>
/// Full rebuilds of the synthetic app with no extra analyzers, this package, and each peer; several runs each,
/// interleaved so that machine drift hits every configuration alike. Reports medians, ranges and overhead ratios, in
/// wall time and in CPU time of the whole build (MSBuild and the compiler, which runs in its own process rather than
/// the shared compiler server so that its CPU is the build's; measured with /usr/bin/time where it exists).
/// </summary>
public static class BuildCost
{
    public static readonly string[] AllConfigs = { "none", "ours", "scs", "sonar", "netanalyzers" };

    private static readonly Dictionary<string, string> Names = new()
    {
        ["none"] = "no extra analyzers",
        ["ours"] = "AiBackendAnalyzers",
        ["scs"] = "SecurityCodeScan.VS2019 5.6.7",
        ["sonar"] = "SonarAnalyzer.CSharp 10.36",
        ["netanalyzers"] = "NetAnalyzers 11.0.100 (security rules on)",
    };

    public static async Task RunAsync(string root, string output, int[] sizes, int runs, string[] configs)
    {
        var analyzers = StageOurAnalyzers(root, output);
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {runs} timed runs per configuration after one warm-up.");
        report.AppendLine();

        foreach (var size in sizes)
        {
            var app = SyntheticApp.Write(output, size);
            var lines = File.ReadLines(Path.Combine(app, "manifest.txt")).First(l => l.StartsWith("lines ", StringComparison.Ordinal))[6..];
            Run("dotnet", $"restore \"{app}/BenchApp.csproj\"", app);
            var times = configs.ToDictionary(c => c, _ => new List<double>());
            var cpu = configs.ToDictionary(c => c, _ => new List<double>());
            var warnings = new Dictionary<string, int>();

            foreach (var config in configs)
                warnings[config] = Build(app, config, analyzers).Warnings;
            for (var run = 0; run < runs; run++)
            {
                foreach (var config in configs)
                {
                    var result = Build(app, config, analyzers);
                    times[config].Add(result.Seconds);
                    if (result.CpuSeconds is { } seconds)
                        cpu[config].Add(seconds);
                    Console.WriteLine($"{size} {config} run {run + 1}: {result.Seconds:F1} s, CPU {result.CpuSeconds:F1} s");
                }
            }

            var baseline = Statistics.Median(times["none"]);
            var peerOverheads = configs.Where(c => c is not ("none" or "ours")).Select(c => Statistics.Median(times[c]) - baseline).ToList();
            var cheapestPeer = peerOverheads.Count == 0 ? double.NaN : peerOverheads.Min();

            report.AppendLine(CultureInfo.InvariantCulture, $"### {lines} lines ({size:N0} requested)");
            report.AppendLine();
            report.AppendLine("| configuration | median build (s) | min–max (s) | overhead vs none | build CPU (s, median) | CPU × none | warnings |");
            report.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            var cpuBaseline = cpu["none"].Count > 0 ? Statistics.Median(cpu["none"]) : double.NaN;
            foreach (var config in configs)
            {
                var median = Statistics.Median(times[config]);
                var overhead = (median - baseline) / baseline;
                var cpuMedian = cpu[config].Count > 0 ? Statistics.Median(cpu[config]) : double.NaN;
                report.AppendLine(CultureInfo.InvariantCulture, $"| {Names[config]} | {median:F1} | {times[config].Min():F1}–{times[config].Max():F1} | {(config == "none" ? "—" : $"{overhead:+0.0%;-0.0%}")} | {cpuMedian:F1} | {cpuMedian / cpuBaseline:0.000} | {warnings[config]} |");
            }

            if (times.ContainsKey("ours") && !double.IsNaN(cheapestPeer))
            {
                var ours = Statistics.Median(times["ours"]) - baseline;
                report.AppendLine();
                report.AppendLine(CultureInfo.InvariantCulture, $"AiBackendAnalyzers' overhead is {ours:F1} s, {(cheapestPeer <= 0 ? "n/a" : (ours / cheapestPeer).ToString("0.00", CultureInfo.InvariantCulture))}× the cheapest peer's ({cheapestPeer:F1} s).");
            }

            if (configs.Contains("ours"))
            {
                report.AppendLine();
                report.AppendLine("Per-analyzer time (`-p:ReportAnalyzer=true`, one build):");
                report.AppendLine();
                report.AppendLine("```");
                foreach (var line in AnalyzerReport(app, analyzers))
                    report.AppendLine(line);
                report.AppendLine("```");
            }

            report.AppendLine();
        }

        var path = Path.Combine(output, "build-cost.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"Written to {path}");
    }

    private static (double Seconds, double? CpuSeconds, int Warnings) Build(string app, string config, string analyzers)
    {
        var arguments = $"build \"{app}/BenchApp.csproj\" --no-restore -c Release --no-incremental -nologo -nodeReuse:false -p:UseSharedCompilation=false -p:BenchAnalyzers={config} -p:AiBackendAnalyzerDir=\"{analyzers}\"";
        var timed = File.Exists(TimeTool);
        var watch = Stopwatch.StartNew();
        // /usr/bin/time counts the CPU of every process the build waited for (MSBuild, the compiler and its analyzers).
        var log = timed ? Run(TimeTool, $"-f \"{CpuMarker}%U %S\" dotnet {arguments}", app) : Run("dotnet", arguments, app);
        watch.Stop();
        var warnings = Regex.Matches(log, @": warning [A-Z]+[0-9]+").Select(m => m.Value).Count();
        double? cpu = null;
        if (timed && Regex.Match(log, CpuMarker + @"([0-9.]+) ([0-9.]+)") is { Success: true } match)
            cpu = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return (watch.Elapsed.TotalSeconds, cpu, warnings);
    }

    private const string TimeTool = "/usr/bin/time";

    private const string CpuMarker = "BENCH-CPU ";

    private static IEnumerable<string> AnalyzerReport(string app, string analyzers)
    {
        var log = Run("dotnet", $"build \"{app}/BenchApp.csproj\" --no-restore -c Release --no-incremental -nologo -v:d -p:ReportAnalyzer=true -p:BenchAnalyzers=ours -p:AiBackendAnalyzerDir=\"{analyzers}\"", app);
        return log.Split('\n')
            .Where(l => l.Contains("AiBackend.", StringComparison.Ordinal) && Regex.IsMatch(l, @"^\s+[<0-9.]+\s+[0-9]+\s"))
            .Select(l => l.TrimEnd())
            .Distinct()
            .Take(40);
    }

    /// <summary>Builds the analyzers and generators in Release and copies them to one folder, as the package ships them.</summary>
    private static string StageOurAnalyzers(string root, string output)
    {
        var staged = Path.Combine(output, "analyzers");
        Directory.CreateDirectory(staged);
        foreach (var project in new[] { "AiBackend.Analyzers", "AiBackend.Generators" })
        {
            Run("dotnet", $"build \"{root}/src/{project}/{project}.csproj\" -c Release -nologo -v:q", root);
            File.Copy(Path.Combine(root, "src", project, "bin", "Release", "netstandard2.0", project + ".dll"), Path.Combine(staged, project + ".dll"), overwrite: true);
        }

        return staged;
    }

    internal static string Run(string file, string arguments, string directory)
    {
        var info = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var text = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed:\n{text[^Math.Min(text.Length, 4000)..]}");
        return text;
    }

}
