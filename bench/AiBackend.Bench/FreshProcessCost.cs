using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AiBackend.Analyzers.Injection;
using AiBackend.Bench.Floor;
using AiBackend.Generators.Endpoints;

namespace AiBackend.Bench;

/// <summary>
/// What the package costs in a compiler process of its own: each project of a real build compiled again by the SDK's
/// <c>csc</c>, as <c>dotnet build -p:UseSharedCompilation=false</c> (or the first build after the compiler server
/// starts) runs it, with <c>/reportanalyzer</c>. Unlike the in-process benchmarks, JIT compilation and type loading are
/// part of the cost here: a fixed cost per project that a warm process never shows. The compiler command lines come
/// from a detailed log of a real build of the app (<c>dotnet build -v:d --no-incremental</c>), so references, analyzers
/// and options are the build's own; any AiBackend analyzer in them is replaced by this build of the package, handed to
/// each project as the package's build file hands it (the generators only where ASP.NET Core is referenced).
/// Each project runs under every configuration back to back, after a warm-up round; the package is measured listed
/// first among the analyzers (the compiler then charges it for work the first generator does for all of them) and
/// listed last (what it adds). The CPU it adds is paired per round and given with a confidence interval: one csc run's
/// CPU varies by several percent from the next on an idle machine (thread scheduling, the server GC's timing).
/// </summary>
public static partial class FreshProcessCost
{
    private const string SdkOnly = "the build's own analyzers and generators";
    private const string OursFirst = "+ AiBackendAnalyzers, listed first";
    private const string OursLast = "+ AiBackendAnalyzers, listed last";
    private const string ReadyToRunLast = "+ AiBackendAnalyzers with its ReadyToRun images, listed last";
    private const string FloorLast = "+ a do-nothing generator (the floor), listed last";

    /// <param name="lastOnly">Measure only what the package adds (listed last), not also where the compiler charges it when first.</param>
    /// <param name="buildCpu">
    /// The CPU seconds of the whole build without the package (MSBuild and every csc, measured apart): turns the CPU the
    /// package adds to the compiler processes into a ratio of the whole build.
    /// </param>
    /// <param name="readyToRunFolder">
    /// The package's precompiled analyzer and generator assemblies (its buildTransitive/ReadyToRun/linux-x64 folder),
    /// measured as a configuration of its own in place of the portable ones, as the package's build file picks them on
    /// linux-x64.
    /// </param>
    /// <param name="floor">
    /// Also measure <see cref="FloorGenerator"/>, from an assembly of its own listed last like the package: what any
    /// generator that looks for the package's attributes costs a fresh compiler process.
    /// </param>
    public static async Task RunAsync(string root, string buildLog, int runs, bool lastOnly, double? buildCpu, string? readyToRunFolder, bool floor)
    {
        var compilerInputs = CompilerCommands(buildLog);
        if (compilerInputs.Count == 0)
            throw new InvalidOperationException($"No csc command in {buildLog}: build with -v:d --no-incremental so every CoreCompile runs and is logged.");
        var folder = Path.Combine(root, "artifacts", "bench", "fresh-process");
        var csc = SdkCompiler();
        var ours = new[] { typeof(InjectionAnalyzer).Assembly.Location, typeof(EndpointGenerator).Assembly.Location };
        var none = Array.Empty<string>();
        var configurations = new List<(string Name, string[] First, string[] Last)> { (SdkOnly, none, none) };
        if (!lastOnly)
            configurations.Add((OursFirst, ours, none));
        configurations.Add((OursLast, none, ours));
        if (readyToRunFolder is not null)
            configurations.Add((ReadyToRunLast, none, ours.Select(a => PrecompiledCopy(readyToRunFolder, a)).ToArray()));
        if (floor)
            configurations.Add((FloorLast, none, [typeof(FloorGenerator).Assembly.Location]));

        // Each project is compiled under every configuration back to back, in an order that turns with the round and
        // the project, so a pair's two runs are seconds apart and a machine that speeds up or slows down weighs on
        // both alike; the rounds' totals are then paired.
        var samples = configurations.ToDictionary(c => c.Name, _ => new List<Sample>());
        var perProject = configurations.ToDictionary(c => c.Name, _ => compilerInputs.ToDictionary(i => i.Name, _ => new List<Sample>()));
        for (var round = 0; round <= runs; round++)
        {
            var totals = configurations.ToDictionary(c => c.Name, _ => Sample.Empty);
            for (var project = 0; project < compilerInputs.Count; project++)
            {
                var input = compilerInputs[project];
                for (var i = 0; i < configurations.Count; i++)
                {
                    var (name, first, last) = configurations[(i + round + project) % configurations.Count];
                    if (name != FloorLast)
                        (first, last) = (AsTheBuildFileHandsThem(first, input), AsTheBuildFileHandsThem(last, input));
                    var sample = await CompileAsync(csc, input, first, last, Path.Combine(folder, input.Name));
                    totals[name] = totals[name].Plus(sample);
                    if (round > 0)
                        perProject[name][input.Name].Add(sample);
                }
            }

            foreach (var (name, sample) in totals)
            {
                Console.WriteLine($"round {round} {name}: CPU {sample.Cpu:F1} s, wall {sample.Wall:F1} s, other processes {sample.OtherCpu:F1} s, generators {sample.Generators:F2} s (ours {sample.OurGenerators:F3}), analyzers {sample.Analyzers:F2} s (ours {sample.OurAnalyzers:F2})");
                if (round > 0)
                    samples[name].Add(sample);
            }
        }

        var report = Report(Path.GetFileName(buildLog), compilerInputs.Select(i => i.Name).ToList(), runs, configurations.Select(c => c.Name).ToList(), samples, perProject, buildCpu);
        var path = Path.Combine(root, "artifacts", "bench", "fresh-process.md");
        await File.WriteAllTextAsync(path, report);
        Console.WriteLine(report);
        Console.WriteLine($"Written to {path}");
    }

    /// <summary>
    /// The package's assemblies as its build file hands them to this project's compiler: the generator assembly only
    /// where ASP.NET Core's routing assembly is referenced (see AiBackendGeneratorsOnlyWithAspNetCore in
    /// AiBackendAnalyzers.targets).
    /// </summary>
    private static string[] AsTheBuildFileHandsThem(string[] assemblies, CompilerInput input)
    {
        var aspNetCore = input.Arguments.Any(a => (a.StartsWith("/reference:", StringComparison.Ordinal) || a.StartsWith("/r:", StringComparison.Ordinal))
            && a.EndsWith("/Microsoft.AspNetCore.Routing.dll", StringComparison.Ordinal));
        return aspNetCore ? assemblies : assemblies.Where(a => Path.GetFileName(a) != Path.GetFileName(typeof(EndpointGenerator).Assembly.Location)).ToArray();
    }

    /// <summary>The precompiled copy of one of the package's assemblies in the package's ReadyToRun folder.</summary>
    private static string PrecompiledCopy(string folder, string portable)
    {
        var copy = Path.Combine(Path.GetFullPath(folder), Path.GetFileName(portable));
        return File.Exists(copy) ? copy : throw new FileNotFoundException($"No precompiled {Path.GetFileName(portable)} in {folder}: pass the package's buildTransitive/ReadyToRun/linux-x64 folder.", copy);
    }

    /// <summary>One project's compiler invocation as the build ran it, without AiBackend analyzers and outputs.</summary>
    private sealed record CompilerInput(string Name, string Directory, IReadOnlyList<string> Arguments);

    /// <summary>
    /// The csc command lines of a <c>-v:d</c> MSBuild log, each with the directory of the project it compiled (the
    /// <c>CoreCompile</c> target's "from project" line before it).
    /// </summary>
    private static List<CompilerInput> CompilerCommands(string buildLog)
    {
        var inputs = new List<CompilerInput>();
        string? project = null;
        foreach (var raw in File.ReadLines(buildLog))
        {
            var line = raw.Trim();
            if (CoreCompileLine().Match(line) is { Success: true } target)
            {
                project = target.Groups[1].Value;
                continue;
            }

            var csc = line.IndexOf("/Roslyn/bincore/csc ", StringComparison.Ordinal);
            if (csc < 0 || project is null || line.Contains("/Roslyn/bincore/csc @", StringComparison.Ordinal))
                continue;
            var arguments = Tokens(line[(csc + "/Roslyn/bincore/csc ".Length)..])
                .Where(a => !(a.StartsWith("/analyzer:", StringComparison.Ordinal) && a.Contains("AiBackend.", StringComparison.Ordinal)))
                .Where(a => a is not ("/noconfig" or "/reportanalyzer") && !a.StartsWith("/out:", StringComparison.Ordinal) && !a.StartsWith("/refout:", StringComparison.Ordinal)
                    && !a.StartsWith("/doc:", StringComparison.Ordinal) && !a.StartsWith("/errorlog:", StringComparison.Ordinal))
                .ToList();
            inputs.Add(new(Path.GetFileNameWithoutExtension(project), Path.GetDirectoryName(project)!, arguments));
            project = null;
        }

        return inputs;
    }

    /// <summary>A logged command line split as a shell would: spaces separate, double quotes group.</summary>
    private static IEnumerable<string> Tokens(string commandLine)
    {
        var token = new StringBuilder();
        var quoted = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
                quoted = !quoted;
            else if (c == ' ' && !quoted)
            {
                if (token.Length > 0)
                    yield return token.ToString();
                token.Clear();
            }
            else
                token.Append(c);
        }

        if (token.Length > 0)
            yield return token.ToString();
    }

    private static string Report(string buildLog, IReadOnlyList<string> projects, int runs, IReadOnlyList<string> names, Dictionary<string, List<Sample>> samples,
        Dictionary<string, Dictionary<string, List<Sample>>> perProject, double? buildCpu)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"The {projects.Count} compiler invocations of {buildLog}, each run again by the SDK's csc in a process of its own, every configuration of a project back to back; {runs} rounds after a warm-up, {Environment.ProcessorCount} cores. Seconds summed over the projects, median over rounds; generator and analyzer times as csc reports them (/reportanalyzer); other processes: the machine's busy CPU during the compilations less the compilers' own; AiBackend: the package's assemblies as its build file hands them to each project (the generator assembly only where ASP.NET Core is referenced), or the floor's (AiBackend.Bench.Floor, in every project) in its configuration.");
        report.AppendLine();
        report.AppendLine("| configuration | CPU (s) | CPU × the build's own (paired median) | wall (s) | other processes (s) | all generators (s) | AiBackend generators (s) | all analyzers (s) | AiBackend analyzers (s) |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var baseline = samples[SdkOnly];
        foreach (var name in names)
        {
            var own = samples[name];
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Statistics.Median(own.Select(s => s.Cpu)):F1} | {Statistics.Median(own.Zip(baseline, (s, b) => s.Cpu / b.Cpu)):0.000} | {Statistics.Median(own.Select(s => s.Wall)):F1} | {Statistics.Median(own.Select(s => s.OtherCpu)):F1} | {Statistics.Median(own.Select(s => s.Generators)):F2} | {Statistics.Median(own.Select(s => s.OurGenerators)):F3} | {Statistics.Median(own.Select(s => s.Analyzers)):F2} | {Statistics.Median(own.Select(s => s.OurAnalyzers)):F2} |");
        }

        report.AppendLine();
        report.AppendLine("CPU the package adds to the compiler processes, paired per round (mean and 95 % confidence interval, Student's t):");
        report.AppendLine();
        report.AppendLine(buildCpu is null
            ? "| configuration | added CPU (s) | per round (s) | CPU × the compilers' own |"
            : "| configuration | added CPU (s) | per round (s) | CPU × the compilers' own | CPU × the whole build |");
        report.AppendLine(buildCpu is null ? "| --- | ---: | --- | ---: |" : "| --- | ---: | --- | ---: | ---: |");
        var baselineCpu = baseline.Average(s => s.Cpu);
        foreach (var name in names.Where(n => n != SdkOnly))
        {
            var added = samples[name].Zip(baseline, (s, b) => s.Cpu - b.Cpu).ToList();
            var (mean, halfWidth) = Statistics.MeanWithConfidence(added);
            var row = string.Create(CultureInfo.InvariantCulture, $"| {name} | {mean:F1} ± {halfWidth:F1} | {string.Join(", ", added.Select(a => a.ToString("F1", CultureInfo.InvariantCulture)))} | {Ratio(mean, halfWidth, baselineCpu)} |");
            report.AppendLine(buildCpu is { } whole ? $"{row} {Ratio(mean, halfWidth, whole)} |" : row);
        }

        if (samples.TryGetValue(ReadyToRunLast, out var readyToRun))
        {
            var cpu = Statistics.MeanWithConfidence(readyToRun.Zip(samples[OursLast], (r, p) => r.Cpu - p.Cpu).ToList());
            var analyzers = Statistics.MeanWithConfidence(readyToRun.Zip(samples[OursLast], (r, p) => r.OurAnalyzers - p.OurAnalyzers).ToList());
            var generators = Statistics.MeanWithConfidence(readyToRun.Zip(samples[OursLast], (r, p) => r.OurGenerators - p.OurGenerators).ToList());
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"The ReadyToRun images against the portable assemblies, paired per round: CPU {cpu.Mean:+0.0;-0.0} ± {cpu.HalfWidth:F1} s; as csc reports them, the package's analyzers {analyzers.Mean:+0.00;-0.00} ± {analyzers.HalfWidth:F2} s, its generators {generators.Mean:+0.000;-0.000} ± {generators.HalfWidth:F3} s.");
        }

        if (buildCpu is { } build)
        {
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"The whole build's CPU without the package, measured apart (MSBuild and every csc): {build:F1} s.");
        }

        foreach (var measured in names.Where(n => n is OursLast or ReadyToRunLast or FloorLast))
        {
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Per project ({measured}; medians over rounds, added CPU paired per round):");
            report.AppendLine();
            report.AppendLine("| project | CPU without (s) | added CPU (s) | AiBackend analyzers (s) | AiBackend generators (s) |");
            report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var project in projects)
            {
                var without = perProject[SdkOnly][project];
                var with = perProject[measured][project];
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {project} | {Statistics.Median(without.Select(s => s.Cpu)):F2} | {Statistics.Median(with.Zip(without, (w, b) => w.Cpu - b.Cpu)):F2} | {Statistics.Median(with.Select(s => s.OurAnalyzers)):F3} | {Statistics.Median(with.Select(s => s.OurGenerators)):F3} |");
            }
        }

        if (!samples.ContainsKey(OursFirst))
            return report.ToString();
        report.AppendLine();
        report.AppendLine("The package's generators, each (seconds summed over the projects, median over rounds):");
        report.AppendLine();
        report.AppendLine("| generator | listed first | listed last |");
        report.AppendLine("| --- | ---: | ---: |");
        foreach (var generator in samples[OursFirst].Concat(samples[OursLast]).SelectMany(s => s.PerGenerator.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {generator} | {Statistics.Median(samples[OursFirst].Select(s => s.PerGenerator.GetValueOrDefault(generator))):F3} | {Statistics.Median(samples[OursLast].Select(s => s.PerGenerator.GetValueOrDefault(generator))):F3} |");
        }

        return report.ToString();
    }

    private static string Ratio(double added, double halfWidth, double baseline) =>
        string.Create(CultureInfo.InvariantCulture, $"{1 + added / baseline:0.000} ({1 + (added - halfWidth) / baseline:0.000}–{1 + (added + halfWidth) / baseline:0.000})");

    private static async Task<Sample> CompileAsync(string csc, CompilerInput input, IReadOnlyList<string> first, IReadOnlyList<string> last, string output)
    {
        Directory.CreateDirectory(output);
        var responseFile = Path.Combine(output, "csc.rsp");
        var all = new StringBuilder();
        foreach (var argument in first.Select(a => "/analyzer:" + a).Concat(input.Arguments).Concat(last.Select(a => "/analyzer:" + a))
            .Append("/out:" + Path.Combine(output, "out.dll")))
            all.AppendLine(argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument);
        await File.WriteAllTextAsync(responseFile, all.ToString());

        var cpuBefore = ChildrenCpuSeconds();
        var busyBefore = MachineBusySeconds();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { csc, "/noconfig", "/reportanalyzer", "@" + responseFile }, WorkingDirectory = input.Directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        watch.Stop();
        var busy = MachineBusySeconds() - busyBefore;
        var text = await stdout + await stderr;
        if (!text.Contains("Total generator execution time", StringComparison.Ordinal))
            throw new InvalidOperationException($"csc printed no analyzer report (exit {process.ExitCode}):\n{text[..Math.Min(text.Length, 3000)]}");
        var cpu = ChildrenCpuSeconds() - cpuBefore;
        return Sample.Parse(text, cpu, watch.Elapsed.TotalSeconds, Math.Max(0, busy - cpu));
    }

    /// <summary>The SDK's own compiler, the one <c>dotnet build</c> runs.</summary>
    private static string SdkCompiler()
    {
        var version = BuildCost.Run("dotnet", "--version", Environment.CurrentDirectory).Trim();
        // The runtime lives in <dotnet>/shared/Microsoft.NETCore.App/<version>/.
        var dotnet = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var csc = Path.Combine(dotnet, "sdk", version, "Roslyn", "bincore", "csc.dll");
        return File.Exists(csc) ? csc : throw new InvalidOperationException($"No compiler at {csc}");
    }

    /// <summary>CPU of the compiler processes this one has waited for (Linux: cutime + cstime of /proc/self/stat).</summary>
    private static double ChildrenCpuSeconds()
    {
        if (!File.Exists("/proc/self/stat"))
            return double.NaN;
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ", fields start at state (field 3): cutime and cstime are fields 16 and 17.
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>
    /// The machine's busy CPU so far, every process's (Linux: the first line of /proc/stat, in USER_HZ ticks: user,
    /// nice, system, irq, softirq and steal; guest time is inside user).
    /// </summary>
    private static double MachineBusySeconds()
    {
        if (!File.Exists("/proc/stat"))
            return double.NaN;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => fields.Length > i ? long.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) / 100.0;
    }

    private sealed record Sample(double Cpu, double Wall, double OtherCpu, double Generators, double Analyzers, double OurGenerators, double OurAnalyzers, IReadOnlyDictionary<string, double> PerGenerator)
    {
        public static readonly Sample Empty = new(0, 0, 0, 0, 0, 0, 0, new Dictionary<string, double>());

        public Sample Plus(Sample other)
        {
            var perGenerator = new Dictionary<string, double>(PerGenerator);
            foreach (var (name, seconds) in other.PerGenerator)
                perGenerator[name] = perGenerator.GetValueOrDefault(name) + seconds;
            return new(Cpu + other.Cpu, Wall + other.Wall, OtherCpu + other.OtherCpu, Generators + other.Generators, Analyzers + other.Analyzers,
                OurGenerators + other.OurGenerators, OurAnalyzers + other.OurAnalyzers, perGenerator);
        }

        /// <summary>Reads csc's /reportanalyzer output: the totals, and the package's assemblies and generator types.</summary>
        public static Sample Parse(string text, double cpu, double wall, double otherCpu)
        {
            double analyzers = 0, generators = 0, ourAnalyzers = 0, ourGenerators = 0;
            var perGenerator = new Dictionary<string, double>();
            var section = "";
            foreach (var line in text.Split('\n'))
            {
                if (TotalLine().Match(line) is { Success: true } total)
                {
                    section = total.Groups[1].Value;
                    if (section == "analyzer")
                        analyzers = Seconds(total.Groups[2].Value);
                    else
                        generators = Seconds(total.Groups[2].Value);
                    continue;
                }

                if (EntryLine().Match(line) is not { Success: true } entry)
                    continue;
                var seconds = Seconds(entry.Groups[1].Value);
                var isAssembly = entry.Groups[2].Value.Length == 3;
                var name = entry.Groups[3].Value.Trim();
                if (isAssembly && name.StartsWith("AiBackend.", StringComparison.Ordinal))
                {
                    if (section == "analyzer")
                        ourAnalyzers += seconds;
                    else
                        ourGenerators += seconds;
                }
                else if (!isAssembly && section == "generator" && name.StartsWith("AiBackend.", StringComparison.Ordinal))
                    perGenerator[name[(name.LastIndexOf('.') + 1)..]] = seconds;
            }

            return new(cpu, wall, otherCpu, generators, analyzers, ourGenerators, ourAnalyzers, perGenerator);
        }

        private static double Seconds(string value) => value.StartsWith('<') ? 0 : double.Parse(value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^(?:\\d+(?::\\d+)?>)?Target \"CoreCompile\" in file \".*\" from project \"([^\"]+)\"")]
    private static partial Regex CoreCompileLine();

    [GeneratedRegex(@"^Total (analyzer|generator) execution time: ([\d.]+) seconds")]
    private static partial Regex TotalLine();

    // "   0.213   14   AiBackend.Generators, Version=…" (an assembly) or "   0.213   14      AiBackend.Generators.X" (a type).
    [GeneratedRegex(@"^\s+(<?[\d.]+)\s+<?\d+( {3,6})(\S.*)$")]
    private static partial Regex EntryLine();
}
