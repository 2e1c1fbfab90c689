using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiBackend.Bench.Floor;
using AiBackend.Generators.Endpoints;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Bench;

/// <summary>
/// What the endpoint/resource generator costs on a synthetic API of N resources (each with a hand-written [Endpoint]
/// next to it and an unrelated service class): a cold run, an unrelated edit (everything should come back cached), and an
/// edit to one resource. Measured with the driver the compiler and IDE use, in process. Two baselines from the same run:
/// the compiler binding the project (GetDiagnostics), and <see cref="FloorGenerator"/>, which finds the same attributes
/// with ForAttributeWithMetadataName and does nothing else: Roslyn re-runs such transforms against every new
/// compilation, so that is the least any attribute-driven generator pays per edit.
/// </summary>
public static class GeneratorCost
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static void Run(string output, int[] sizes, int runs, int edits)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores; median of {runs} cold runs and of {edits} edits; milliseconds.");
        report.AppendLine();
        report.AppendLine("| resources | files | cold run (ms) | compiler binding the project (ms) | cold / compiler | unrelated edit (ms) | floor: attribute lookup alone, unrelated edit (ms) | edit / floor | steps not cached after an unrelated edit | one-resource edit (ms) | generated files |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var cold = new Dictionary<int, double>();

        foreach (var size in sizes)
        {
            var compilation = Compile(size);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
            if (errors.Count > 0)
                throw new InvalidOperationException("The synthetic API does not compile:\n" + string.Join("\n", errors));

            // The generated code must compile too, or the timings would measure the wrong thing.
            NewDriver().RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
            var generatedErrors = withGenerated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
            if (generatedErrors.Count > 0)
                throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", generatedErrors));

            var compilerTimes = new List<double>();
            var coldTimes = new List<double>();
            GeneratorDriver driver = null!;
            var generated = 0;
            for (var run = 0; run < runs; run++)
            {
                var fresh = CSharpCompilation.Create(compilation.AssemblyName, compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), ParseOptions, t.FilePath)), compilation.References, compilation.Options);
                var compiler = Stopwatch.StartNew();
                fresh.GetDiagnostics();
                compilerTimes.Add(compiler.Elapsed.TotalMilliseconds);

                driver = NewDriver();
                var watch = Stopwatch.StartNew();
                driver = driver.RunGenerators(fresh);
                coldTimes.Add(watch.Elapsed.TotalMilliseconds);
                compilation = fresh;
                generated = driver.GetRunResult().GeneratedTrees.Length;
            }

            // Unrelated edits: a service file changes; every tracked step must be Cached/Unchanged (checked on a tracking driver).
            var unrelatedTimes = new List<double>();
            var notCached = 0;
            var tracking = NewDriver(track: true).RunGenerators(compilation);
            var services = compilation.SyntaxTrees.Where(t => t.FilePath.Contains("/Services/", StringComparison.Ordinal)).Select(t => t.FilePath).ToList();
            for (var i = 0; i < edits; i++)
            {
                var tree = Tree(compilation, services[i * services.Count / edits]);
                compilation = compilation.ReplaceSyntaxTree(tree, Append(tree, $"\ninternal static class UnrelatedEdit{i} {{ public const int Value = {i}; }}\n"));
                var watch = Stopwatch.StartNew();
                driver = driver.RunGenerators(compilation);
                unrelatedTimes.Add(watch.Elapsed.TotalMilliseconds);
                tracking = tracking.RunGenerators(compilation);
                notCached += tracking.GetRunResult().Results.Single().TrackedSteps
                    .Where(s => s.Key.StartsWith("AiBackend.", StringComparison.Ordinal))
                    .SelectMany(s => s.Value).SelectMany(s => s.Outputs)
                    .Count(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
            }

            // One resource edited: a property added to one entity.
            var resourceTimes = new List<double>();
            var entities = compilation.SyntaxTrees.Where(t => t.FilePath.Contains("/Entities/", StringComparison.Ordinal)).Select(t => t.FilePath).ToList();
            for (var i = 0; i < edits; i++)
            {
                var tree = Tree(compilation, entities[i * entities.Count / edits]);
                var text = tree.GetText().ToString();
                var at = text.LastIndexOf("public int Version", StringComparison.Ordinal);
                compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at, 0), $"public int Extra{i} {{ get; set; }}\n    "))));
                var watch = Stopwatch.StartNew();
                driver = driver.RunGenerators(compilation);
                resourceTimes.Add(watch.Elapsed.TotalMilliseconds);
            }

            var floor = FloorEditTime(compilation, services, edits);
            cold[size] = Statistics.Median(coldTimes);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {compilation.SyntaxTrees.Count():N0} | {Statistics.Median(coldTimes):F1} | {Statistics.Median(compilerTimes):F0} | {Statistics.Median(coldTimes) / Statistics.Median(compilerTimes):F2} | {Statistics.Median(unrelatedTimes):F1} | {floor:F1} | {Statistics.Median(unrelatedTimes) / floor:F2} | {notCached} | {Statistics.Median(resourceTimes):F1} | {generated:N0} |");
            report.AppendLine(line);
            Console.WriteLine(line);
        }

        if (cold.TryGetValue(100, out var hundred) && cold.TryGetValue(1000, out var thousand))
            report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Cold run from 100 to 1,000 resources: x{thousand / hundred:F1} for x10 the resources.");

        var path = Path.Combine(output, "generator-cost.md");
        File.WriteAllText(path, report.ToString());
        Console.WriteLine(report);
        Console.WriteLine($"Written to {path}");
    }

    /// <summary>The same unrelated edits, run through <see cref="FloorGenerator"/>.</summary>
    private static double FloorEditTime(Compilation compilation, List<string> services, int edits)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new FloorGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
        driver = driver.RunGenerators(compilation);
        var times = new List<double>();
        for (var i = 0; i < edits; i++)
        {
            var tree = Tree(compilation, services[i * services.Count / edits]);
            compilation = compilation.ReplaceSyntaxTree(tree, Append(tree, $"\ninternal static class FloorEdit{i} {{ }}\n"));
            var watch = Stopwatch.StartNew();
            driver = driver.RunGenerators(compilation);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Statistics.Median(times);
    }

    // Step tracking (what the incrementality check reads) records every output of every step: it is measured separately,
    // as the compiler and the IDE run without it.
    private static GeneratorDriver NewDriver(bool track = false) => CSharpGeneratorDriver.Create(
        new[] { new EndpointGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    private static SyntaxTree Tree(Compilation compilation, string path) => compilation.SyntaxTrees.Single(t => t.FilePath == path);

    private static SyntaxTree Append(SyntaxTree tree, string text) =>
        tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(tree.Length, 0), text)));


    /// <summary>N resources (every other one owned, every third with a concurrency token), N endpoints, N services, one DbContext per 100 resources.</summary>
    public static CSharpCompilation Compile(int resources)
    {
        var trees = new List<SyntaxTree>();
        for (var i = 0; i < resources; i++)
        {
            var module = i / 100;
            trees.Add(Parse($"/bench/Entities/Item{i}.cs", $$"""
                using System;
                using System.ComponentModel.DataAnnotations;
                using AiBackend;

                namespace Bench.M{{module}};

                /// <summary>Item {{i}}.</summary>
                [Resource("/api/m{{module}}/items{{i}}", MaxPageSize = 50)]
                {{(i % 2 == 0 ? "[OwnedBy(nameof(OwnerId))]" : "")}}
                public class Item{{i}}
                {
                    public int Id { get; set; }
                    [Required, MaxLength(120)] public string Name { get; set; } = "";
                    [Range(0, 1000)] public int Quantity { get; set; }
                    [EmailAddress] public string? Contact { get; set; }
                    public bool Done { get; set; }
                    public DateOnly? Due { get; set; }
                    [ServerSet] public DateTimeOffset CreatedAt { get; set; }
                    public string OwnerId { get; set; } = "";
                    {{(i % 3 == 0 ? "[ConcurrencyCheck]" : "")}}
                    public int Version { get; set; }
                }
                """));
            trees.Add(Parse($"/bench/Endpoints/Item{i}Report.cs", $$"""
                using AiBackend;
                using Microsoft.AspNetCore.Http;
                using Microsoft.AspNetCore.Http.HttpResults;

                namespace Bench.M{{module}};

                [Endpoint("GET", "/api/m{{module}}/reports{{i}}/{year:int}")]
                public static partial class Item{{i}}Report
                {
                    /// <summary>Report {{i}} for one year.</summary>
                    public static Ok<int> Handle(int year) => TypedResults.Ok(year + {{i}});
                }
                """));
            trees.Add(Parse($"/bench/Services/Item{i}Service.cs", $$"""
                namespace Bench.M{{module}};

                public sealed class Item{{i}}Service
                {
                    private int _count;

                    public int Next(int step) => _count += step * {{i % 7 + 1}};

                    public string Describe(string name) => string.IsNullOrEmpty(name) ? "item {{i}}" : name.Trim() + " #{{i}}";
                }
                """));
        }

        for (var module = 0; module * 100 < resources; module++)
        {
            var sets = string.Join("\n    ", Enumerable.Range(module * 100, Math.Min(100, resources - module * 100)).Select(i => $"public DbSet<Item{i}> Items{i} => Set<Item{i}>();"));
            trees.Add(Parse($"/bench/Data/Db{module}.cs", $$"""
                using Microsoft.EntityFrameworkCore;

                namespace Bench.M{{module}};

                public sealed class Db{{module}}(DbContextOptions<Db{{module}}> options) : DbContext(options)
                {
                    {{sets}}
                }
                """));
        }

        return CSharpCompilation.Create("BenchApi", trees, AiBackend.Testing.TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);
}
