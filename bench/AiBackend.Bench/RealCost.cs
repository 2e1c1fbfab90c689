using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiBackend.Analyzers.Injection;
using AiBackend.Bench.Floor;
using AiBackend.Generators.EndpointTests;
using AiBackend.Generators.Endpoints;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using static AiBackend.Bench.Statistics;

namespace AiBackend.Bench;

/// <summary>
/// What the package costs on a real app nobody here wrote (issue 17): the app's projects compiled in process as in the
/// real-world benchmark, with and without the package, round-robin so machine drift hits every configuration alike,
/// and ratios paired per round. Each configuration does the compiler's work (all diagnostics, every body bound) plus a
/// generator pass and an analyzer pass; the floor configuration's generator and analyzer do nothing, so its time is
/// the compiler's. Then an IDE pass: each document of the app's top project analysed alone, on opening it and after an edit.
/// </summary>
public static class RealCost
{
    public static async Task RunAsync(string root, string mirror, string appName, int runs, bool builds, bool documents, IReadOnlyList<PeerAnalyzers> peers, IReadOnlyList<string>? only = null, bool split = false, bool perAnalyzer = false)
    {
        var apps = RealWorldApp.Load(Path.Combine(root, "bench", "real-world", "apps.tsv"));
        var app = apps.FirstOrDefault(a => a.Name == appName) ?? throw new InvalidOperationException($"Not in bench/real-world/apps.tsv: {appName}");
        var source = RealWorldSolution.Extract(app, mirror, Path.Combine(root, "artifacts", "real-world", "src", app.Name));
        var projects = RealWorldSolution.Compile(app, source);
        var lines = projects.Sum(p => p.Files.Sum(f => File.ReadLines(f).Count()));

        var ours = AnalyzerSets.All().AddRange(AnalyzerSets.GeneratorUsage());
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{app.Name} ({app.Repository} at {app.Commit[..12]}): {projects.Count} projects, {lines:N0} lines; {runs} rounds after a warm-up, {Environment.ProcessorCount} cores, analyzers run concurrently as in a build.");
        report.AppendLine();
        if (builds)
            report.Append(await BuildPassAsync(projects, ours, peers, runs, split));
        if (perAnalyzer)
            report.AppendLine().Append(await PerAnalyzerPassAsync(projects, ours));

        if (documents)
        {
            if (builds)
                report.AppendLine();
            report.Append(await DocumentPassAsync(projects, ours, peers, runs, only, split, afterAnEdit: false));
            report.AppendLine();
            report.Append(await DocumentPassAsync(projects, ours, peers, runs, only, split, afterAnEdit: true));
        }

        var output = Path.Combine(root, "artifacts", "bench");
        Directory.CreateDirectory(output);
        var path = Path.Combine(output, $"real-cost-{app.Name}.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"Written to {path}");
    }

    /// <summary>
    /// The build pass: every configuration does the compiler's work, a generator pass and an analyzer pass, round-robin
    /// after a warm-up round, with CPU, wall and allocation paired per round, then the compiler's per-analyzer and the
    /// driver's per-generator times.
    /// </summary>
    private static async Task<string> BuildPassAsync(IReadOnlyList<(ProjectFile Project, IReadOnlyList<string> Files, CSharpCompilation Compilation)> projects, ImmutableArray<DiagnosticAnalyzer> ours, IReadOnlyList<PeerAnalyzers> peers, int runs, bool split)
    {
        var report = new StringBuilder();
        var configurations = new List<Configuration>
        {
            new("compiler only (floor)", ImmutableArray.Create<DiagnosticAnalyzer>(new NothingAnalyzer()), new[] { new FloorGenerator().AsSourceGenerator() }),
            new("+ AiBackendAnalyzers", ours, new[] { new EndpointGenerator().AsSourceGenerator(), new EndpointTestsGenerator().AsSourceGenerator(), new FlowSummaryGenerator().AsSourceGenerator() }),
        };
        foreach (var peer in peers)
        {
            // Peers as a team would add them: SecurityCodeScan as shipped; NetAnalyzers as the SDK runs them by
            // default and with every rule on (AnalysisMode=All).
            configurations.Add(new("+ " + peer.DisplayName, peer.Analyzers, new[] { new FloorGenerator().AsSourceGenerator() }));
            if (peer.Key == "NetAnalyzers")
            {
                var all = peer.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToDictionary(id => id, _ => ReportDiagnostic.Warn);
                configurations.Add(new("+ " + peer.DisplayName + ", AnalysisMode=All", peer.Analyzers, new[] { new FloorGenerator().AsSourceGenerator() }, all));
                // A real build already runs the SDK's default analyzers: what the package adds to that build is its
                // marginal cost, the driver's shared work (operation trees) already paid.
                configurations.Add(new(SdkDefaultsWithOurs(peer), peer.Analyzers.AddRange(ours), configurations[1].Generators));
                if (split)
                {
                    // Where that marginal cost goes: the taint engine, and the rest of the package.
                    configurations.Add(new(SdkDefaultsWithOurs(peer) + ": InjectionAnalyzer only", peer.Analyzers.AddRange(ours.Where(a => a is InjectionAnalyzer)), new[] { new FloorGenerator().AsSourceGenerator() }));
                    configurations.Add(new(SdkDefaultsWithOurs(peer) + ": without InjectionAnalyzer", peer.Analyzers.AddRange(ours.Where(a => a is not InjectionAnalyzer)), configurations[1].Generators));
                }
            }
        }

        // Round 0 warms up (JIT, reference metadata); the order rotates each round.
        var samples = configurations.ToDictionary(c => c.Name, _ => new List<Sample>());
        for (var round = 0; round <= runs; round++)
        {
            for (var i = 0; i < configurations.Count; i++)
            {
                var configuration = configurations[(i + round) % configurations.Count];
                var sample = await MeasureAsync(configuration, projects);
                Console.WriteLine($"round {round} {configuration.Name}: CPU {sample.Cpu:F1} s, wall {sample.Wall:F1} s, allocated {sample.AllocatedMegabytes:F0} MB");
                if (round > 0)
                    samples[configuration.Name].Add(sample);
            }
        }

        report.AppendLine("| configuration | CPU (s, median) | wall (s, median) | CPU × floor (paired median) | wall × floor (paired median) | allocated (MB, median) | allocated beyond the floor (MB) |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var floor = samples[configurations[0].Name];
        foreach (var configuration in configurations)
        {
            var own = samples[configuration.Name];
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {configuration.Name} | {Median(own.Select(s => s.Cpu)):F1} | {Median(own.Select(s => s.Wall)):F1} | {Median(own.Zip(floor, (s, f) => s.Cpu / f.Cpu)):0.00} | {Median(own.Zip(floor, (s, f) => s.Wall / f.Wall)):0.00} | {Median(own.Select(s => s.AllocatedMegabytes)):F0} | {Median(own.Zip(floor, (s, f) => s.AllocatedMegabytes - f.AllocatedMegabytes)):F0} |");
        }

        if (peers.FirstOrDefault(p => p.Key == "NetAnalyzers") is { } sdk)
        {
            var withOurs = samples[SdkDefaultsWithOurs(sdk)];
            var without = samples["+ " + sdk.DisplayName];
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"On a build that already runs the SDK's default analyzers, the package (analyzers and generators) adds: CPU × {Median(withOurs.Zip(without, (s, f) => s.Cpu / f.Cpu)):0.00}, wall × {Median(withOurs.Zip(without, (s, f) => s.Wall / f.Wall)):0.00}, {Median(withOurs.Zip(without, (s, f) => s.AllocatedMegabytes - f.AllocatedMegabytes)):F0} MB allocated (paired medians; compiler work without emit, so a real build's ratio is lower). Per round: {string.Join(", ", withOurs.Zip(without, (s, f) => (s.Cpu / f.Cpu).ToString("0.00", CultureInfo.InvariantCulture)))}.");
            foreach (var part in configurations.Where(c => c.Name.StartsWith(SdkDefaultsWithOurs(sdk) + ":", StringComparison.Ordinal)))
            {
                var own = samples[part.Name];
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"- {part.Name[(SdkDefaultsWithOurs(sdk).Length + 2)..]}: CPU × {Median(own.Zip(without, (s, f) => s.Cpu / f.Cpu)):0.00}, {Median(own.Zip(without, (s, f) => s.AllocatedMegabytes - f.AllocatedMegabytes)):F0} MB allocated.");
            }
        }

        report.AppendLine();
        report.AppendLine("Analyzer execution time reported by the compiler (summed over projects, median over rounds):");
        report.AppendLine();
        report.AppendLine("| configuration | analyzer | seconds |");
        report.AppendLine("| --- | --- | ---: |");
        foreach (var configuration in configurations.Skip(1))
        {
            var perAnalyzer = samples[configuration.Name].SelectMany(s => s.Analyzers).GroupBy(a => a.Key)
                .Select(g => (Name: g.Key, Seconds: Median(g.Select(a => a.Value)))).OrderByDescending(a => a.Seconds).ToList();
            report.AppendLine(CultureInfo.InvariantCulture, $"| {configuration.Name} | **all** | **{perAnalyzer.Sum(a => a.Seconds):F2}** |");
            foreach (var (name, seconds) in perAnalyzer.Take(8))
                report.AppendLine(CultureInfo.InvariantCulture, $"| | {name} | {seconds:F2} |");
        }

        report.AppendLine();
        report.AppendLine("Generators (driver timing, summed over projects, median over rounds); the floor finds [Resource] and [Endpoint] with ForAttributeWithMetadataName and does nothing else:");
        report.AppendLine();
        report.AppendLine("| generator | ms |");
        report.AppendLine("| --- | ---: |");
        foreach (var (name, ms) in configurations.Take(2).SelectMany(c => samples[c.Name].SelectMany(s => s.Generators)).GroupBy(g => g.Key)
                     .Select(g => (g.Key, Median(g.Select(x => x.Value)))))
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {ms:F0} |");
        report.AppendLine();
        report.AppendLine("Generator pass CPU (process CPU while the generators run, summed over projects, median over rounds):");
        report.AppendLine();
        report.AppendLine("| configuration | CPU (s) |");
        report.AppendLine("| --- | ---: |");
        foreach (var configuration in configurations.Take(2))
            report.AppendLine(CultureInfo.InvariantCulture, $"| {configuration.Name} | {Median(samples[configuration.Name].Select(s => s.GeneratorCpu)):F2} |");
        return report.ToString();
    }

    /// <summary>
    /// Each of the package's analyzers alone over the whole app, next to the floor, after a warm-up round: what each
    /// allocates and costs beyond the compiler's own work. Allocation is steady from run to run, so one round tells.
    /// </summary>
    private static async Task<string> PerAnalyzerPassAsync(IReadOnlyList<(ProjectFile Project, IReadOnlyList<string> Files, CSharpCompilation Compilation)> projects, ImmutableArray<DiagnosticAnalyzer> ours)
    {
        var floorConfiguration = new Configuration("compiler only (floor)", ImmutableArray.Create<DiagnosticAnalyzer>(new NothingAnalyzer()), new[] { new FloorGenerator().AsSourceGenerator() });
        var configurations = ours.Select(a => new Configuration(a.GetType().Name, ImmutableArray.Create(a), floorConfiguration.Generators)).ToList();
        // Any analyzer that walks operations makes the driver build every body's operation tree: the second floor.
        var operationFloorConfiguration = new Configuration("operation floor", ImmutableArray.Create<DiagnosticAnalyzer>(new OperationFloorAnalyzer()), floorConfiguration.Generators);
        await MeasureAsync(floorConfiguration, projects);
        var floor = await MeasureAsync(floorConfiguration, projects);
        await MeasureAsync(operationFloorConfiguration, projects);
        var operationFloor = await MeasureAsync(operationFloorConfiguration, projects);
        var rows = new List<(string Name, double Megabytes, double Cpu)>();
        foreach (var configuration in configurations)
        {
            await MeasureAsync(configuration, projects);
            var sample = await MeasureAsync(configuration, projects);
            rows.Add((configuration.Name, sample.AllocatedMegabytes - floor.AllocatedMegabytes, sample.Cpu - floor.Cpu));
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Each analyzer of the package alone, beyond the compiler-only floor (one round after a warm-up; CPU moves with the machine's load, allocation does not). The operation floor, an analyzer that asks for every body's operation tree and does nothing, allocates {operationFloor.AllocatedMegabytes - floor.AllocatedMegabytes:F0} MB beyond the same floor:");
        report.AppendLine();
        report.AppendLine("| analyzer | allocated (MB) | beyond the operation floor (MB) | CPU (s) |");
        report.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, megabytes, cpu) in rows.OrderByDescending(r => r.Megabytes))
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {megabytes:F0} | {megabytes - (operationFloor.AllocatedMegabytes - floor.AllocatedMegabytes):F0} | {cpu:F2} |");
        return report.ToString();
    }

    private static string SdkDefaultsWithOurs(PeerAnalyzers sdk) => "+ " + sdk.DisplayName + " + AiBackendAnalyzers";

    private static async Task<Sample> MeasureAsync(Configuration configuration, IReadOnlyList<(ProjectFile Project, IReadOnlyList<string> Files, CSharpCompilation Compilation)> projects)
    {
        var process = Process.GetCurrentProcess();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        // Allocation is the steadiest measure of the work done on a shared machine: CPU and wall move with the load.
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        var analyzers = new Dictionary<string, double>();
        var generators = new Dictionary<string, double>();
        var generatorCpu = 0.0;
        foreach (var (_, _, compilation) in projects)
        {
            // A clone has new symbols: every body is bound again, as in a fresh build of the project.
            var fresh = configuration.Enable is null ? compilation.Clone()
                : compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(compilation.Options.SpecificDiagnosticOptions.SetItems(configuration.Enable)));
            // Nothing else runs in the process during the generator pass: its CPU time is the generators'.
            process.Refresh();
            var generatorCpuBefore = process.TotalProcessorTime;
            var driver = CSharpGeneratorDriver.Create(configuration.Generators, parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options)
                .RunGeneratorsAndUpdateCompilation(fresh, out var withGenerated, out _);
            process.Refresh();
            generatorCpu += (process.TotalProcessorTime - generatorCpuBefore).TotalSeconds;
            foreach (var timing in driver.GetTimingInfo().GeneratorTimes)
                Add(generators, timing.Generator.GetGeneratorType().Name, timing.ElapsedTime.TotalMilliseconds);

            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: true);
            var withAnalyzers = withGenerated.WithAnalyzers(configuration.Analyzers, options);
            var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
            withAnalyzers.Compilation.GetDiagnostics();
            foreach (var (analyzer, telemetry) in result.AnalyzerTelemetryInfo)
                Add(analyzers, analyzer.GetType().Name, telemetry.ExecutionTime.TotalSeconds);
        }

        wall.Stop();
        process.Refresh();
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0;
        return new Sample((process.TotalProcessorTime - cpuBefore).TotalSeconds, wall.Elapsed.TotalSeconds, allocated, analyzers, generators, generatorCpu);
    }

    /// <summary>
    /// What an IDE pays per document, in one of two moments. On opening it (<paramref name="afterAnEdit"/> false): a
    /// compilation of the app's top project that no analysis has seen (every tree a new object, so nothing from an
    /// earlier analysis is taken over). After an edit (true): the document is analysed in such a compilation first,
    /// untimed, as it was before the user typed; then a space is typed inside its first member body (a new compilation
    /// with that one tree replaced, as an IDE makes it) and the new compilation is measured. Either way the timed part
    /// is the compiler's diagnostics for the document (binding it, which the IDE does anyway), then each analyzer set's
    /// diagnostics for that document only. Every document is measured once per round, the sets in a rotating order,
    /// and each document's time is its median over the rounds after a warm-up round: one busy moment on a shared
    /// machine does not make a document slow.
    /// </summary>
    private static async Task<string> DocumentPassAsync(IReadOnlyList<(ProjectFile Project, IReadOnlyList<string> Files, CSharpCompilation Compilation)> projects, ImmutableArray<DiagnosticAnalyzer> ours, IReadOnlyList<PeerAnalyzers> peers, int rounds, IReadOnlyList<string>? only, bool split, bool afterAnEdit)
    {
        // The app's own top project (compiled last: everything else is its references), e.g. the API.
        var top = projects[^1];
        var sets = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> { ("AiBackendAnalyzers", ours) };
        // The framework analyzers the SDK runs by default are the yardstick (NetAnalyzers as shipped).
        sets.AddRange(peers.Select(p => (p.DisplayName, p.Analyzers)));
        // Where this package's time goes: its taint engine apart from the rest, and what any analyzer that walks
        // operations pays for the driver to build them.
        if (split)
        {
            sets.Add(("InjectionAnalyzer only", ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer())));
            sets.Add(("ours without InjectionAnalyzer", ours.Where(a => a is not InjectionAnalyzer).ToImmutableArray()));
            sets.Add(("operation floor", ImmutableArray.Create<DiagnosticAnalyzer>(new OperationFloorAnalyzer())));
        }
        var trees = top.Compilation.SyntaxTrees.Where(t => !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .Where(t => only is null || only.Contains(Path.GetFileName(t.FilePath))).ToList();
        var documents = trees.Select(t => Path.GetFileName(t.FilePath)).ToList();
        var samples = sets.ToDictionary(s => s.Name, _ => trees.Select(_ => new List<double>()).ToList());
        // Allocation drives the collector's pauses, which both of a document's analyses wait on.
        var allocations = sets.ToDictionary(s => s.Name, _ => trees.Select(_ => new List<double>()).ToList());
        var compilerSamples = trees.Select(_ => new List<double>()).ToList();
        // Round 0 warms up (JIT of both sets' analyzers) and is not kept.
        for (var round = 0; round <= Math.Max(1, rounds); round++)
        {
            for (var index = 0; index < trees.Count; index++)
            {
                var unseen = Unseen(top.Compilation);
                var path = trees[index].FilePath;
                var (fresh, freshTree) = afterAnEdit ? TypeInFirstBody(unseen, path) : (unseen, unseen.SyntaxTrees.First(t => t.FilePath == path));
                var model = fresh.GetSemanticModel(freshTree);
                var compiler = Stopwatch.StartNew();
                model.GetDiagnostics();
                if (round > 0)
                    compilerSamples[index].Add(compiler.Elapsed.TotalMilliseconds);
                for (var i = 0; i < sets.Count; i++)
                {
                    var (name, analyzers) = sets[(i + round + index) % sets.Count];
                    // Before the edit: the same analyzers on the same document, as the IDE ran them then.
                    CompilationWithAnalyzers? before = null;
                    if (afterAnEdit)
                    {
                        before = unseen.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
                        var beforeTree = unseen.SyntaxTrees.First(t => t.FilePath == path);
                        await before.GetAnalyzerSemanticDiagnosticsAsync(unseen.GetSemanticModel(beforeTree), null, CancellationToken.None);
                    }

                    var withAnalyzers = fresh.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var watch = Stopwatch.StartNew();
                    await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
                    await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(freshTree, CancellationToken.None);
                    if (round > 0)
                    {
                        samples[name][index].Add(watch.Elapsed.TotalMilliseconds);
                        allocations[name][index].Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0);
                    }

                    GC.KeepAlive(before);
                }
            }
        }

        var compilerTimes = compilerSamples.Select(Median).ToList();
        var times = samples.ToDictionary(p => p.Key, p => p.Value.Select(Median).ToList());
        var megabytes = allocations.ToDictionary(p => p.Key, p => p.Value.Select(Median).ToList());

        var report = new StringBuilder();
        var moment = afterAnEdit
            ? "after an edit (the document analysed, then a space typed inside its first member body, and the new compilation analysed)"
            : "on opening it (a compilation no analysis has seen)";
        report.AppendLine(CultureInfo.InvariantCulture, $"Per document, as an IDE analyses the open document {moment}: the {compilerTimes.Count} documents of {Path.GetFileName(top.Project.Path)}; each document's median over {Math.Max(1, rounds)} rounds after a warm-up round (milliseconds):");
        report.AppendLine();
        report.AppendLine("| analyzers | p50 | p95 | max |");
        report.AppendLine("| --- | ---: | ---: | ---: |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| compiler's own diagnostics for the document | {Percentile(compilerTimes, 0.5):F0} | {Percentile(compilerTimes, 0.95):F0} | {compilerTimes.Max():F0} |");
        foreach (var (name, _) in sets)
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Percentile(times[name], 0.5):F0} | {Percentile(times[name], 0.95):F0} | {times[name].Max():F0} |");

        if (sets.Count > 1)
        {
            var peer = sets[1].Name;
            var within = Enumerable.Range(0, documents.Count).Count(i => times[sets[0].Name][i] <= times[peer][i]);
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Paired per document: AiBackendAnalyzers took no longer than {peer} on {within} of {documents.Count} documents.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Allocated over all documents (sum of medians): AiBackendAnalyzers {megabytes[sets[0].Name].Sum():F0} MB, {peer} {megabytes[peer].Sum():F0} MB.");
        }

        // Where the tail comes from: the documents this package takes longest on, next to the other sets' times.
        report.AppendLine();
        report.AppendLine("The documents AiBackendAnalyzers takes longest on (milliseconds):");
        report.AppendLine();
        report.AppendLine("| document | " + string.Join(" | ", sets.Select(s => s.Name)) + " | allocated (MB), " + string.Join(" / ", sets.Select(s => s.Name)) + " | this package's slowest analyzers there (ms) |");
        report.AppendLine("| --- |" + string.Concat(sets.Select(_ => " ---: |")) + " ---: | --- |");
        var ourTimes = times[sets[0].Name];
        foreach (var index in Enumerable.Range(0, documents.Count).OrderByDescending(i => ourTimes[i]).Take(12))
        {
            var slowest = afterAnEdit ? "" : await SlowestAnalyzersAsync(top.Compilation, documents[index], ours);
            report.AppendLine("| " + documents[index] + " | " + string.Join(" | ", sets.Select(set => times[set.Name][index].ToString("F0", CultureInfo.InvariantCulture)))
                + " | " + string.Join(" / ", sets.Select(set => megabytes[set.Name][index].ToString("F0", CultureInfo.InvariantCulture))) + " | " + slowest + " |");
        }
        return report.ToString();
    }

    /// <summary>
    /// The compilation with every tree a new object (same text, same root): to this package it is a project no earlier
    /// analysis has seen, as on opening a solution, so nothing is taken over from the analyses before it.
    /// </summary>
    private static CSharpCompilation Unseen(CSharpCompilation compilation) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t =>
            CSharpSyntaxTree.Create((CSharpSyntaxNode)t.GetRoot(), (CSharpParseOptions)t.Options, t.FilePath, t.Encoding)));

    /// <summary>
    /// A space typed after the opening brace of the document's first member body (a method's, constructor's or
    /// accessor's); in a document without one, a line break at its end.
    /// </summary>
    private static (CSharpCompilation Compilation, SyntaxTree Tree) TypeInFirstBody(CSharpCompilation compilation, string path)
    {
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == path);
        var body = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax>()
            .FirstOrDefault(b => b.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax);
        var text = tree.GetText();
        var change = body is null
            ? new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(text.Length, 0), "\n")
            : new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(body.OpenBraceToken.Span.End, 0), " ");
        var edited = tree.WithChangedText(text.WithChanges(change));
        return (compilation.ReplaceSyntaxTree(tree, edited), edited);
    }

    /// <summary>The document's pass once more, with the compiler's per-analyzer telemetry: which analyzers make the tail.</summary>
    private static async Task<string> SlowestAnalyzersAsync(CSharpCompilation compilation, string document, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var fresh = Unseen(compilation);
        var tree = fresh.SyntaxTrees.First(t => Path.GetFileName(t.FilePath) == document);
        var model = fresh.GetSemanticModel(tree);
        model.GetDiagnostics();
        var withAnalyzers = fresh.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None);
        var telemetry = new List<(string Name, double Milliseconds)>();
        foreach (var analyzer in analyzers)
            telemetry.Add((analyzer.GetType().Name, (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds));
        return string.Join(", ", telemetry.OrderByDescending(t => t.Milliseconds).Take(3).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.Milliseconds:F0}")));
    }

    private static void Add(Dictionary<string, double> totals, string key, double value) =>
        totals[key] = totals.TryGetValue(key, out var sum) ? sum + value : value;

    private sealed record Configuration(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers, ISourceGenerator[] Generators, IReadOnlyDictionary<string, ReportDiagnostic>? Enable = null);

    private sealed record Sample(double Cpu, double Wall, double AllocatedMegabytes, Dictionary<string, double> Analyzers, Dictionary<string, double> Generators, double GeneratorCpu);
}

#pragma warning disable RS1036, RS1038, RS1041, RS2008 // a measuring stick inside the benchmark, never shipped or loaded by a compiler
/// <summary>The floor's analyzer: registers nothing, so a configuration with it pays only the compiler's own work.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NothingAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0000", "Never reported", "Never reported", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
    }
}
#pragma warning restore RS1036, RS1038, RS1041, RS2008
