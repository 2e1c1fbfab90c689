using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiBackend.Generators.Endpoints;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Bench;

/// <summary>
/// Every analyzer, the generator, and every code fix on every diagnostic it can fix, over the large synthetic app and
/// over many mutated variants of the repository's own test sources (deleted spans, truncated files, swapped types,
/// missing references). Counts exceptions; the goal is zero.
/// </summary>
public static class Robustness
{
    public static async Task RunAsync(string output, int mutants, int size)
    {
        var analyzers = AnalyzerSets.All();
        var fixes = AnalyzerSets.CodeFixes();
        var failures = new ConcurrentQueue<string>();
        var watch = Stopwatch.StartNew();

        // 1. The large app, whole.
        var app = SyntheticApp.Write(output, size);
        var compilation = AnalyzerSets.CompileApp(app);
        var appDiagnostics = await AnalyzeAsync(compilation, analyzers, failures, "synthetic app");
        RunGenerator(compilation, failures, "synthetic app");
        var fixedCount = await FixAllAsync(compilation, appDiagnostics, fixes, failures, "synthetic app");
        Console.WriteLine($"Synthetic app ({compilation.SyntaxTrees.Sum(t => t.GetText().Lines.Count):N0} lines): {appDiagnostics.Length} diagnostics, {fixedCount} code actions computed, {failures.Count} failures.");

        // 2. Mutants of the repository's own test sources.
        var sources = Directory.GetFiles(Path.Combine(Repository.Root(), "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
        var random = new Random(20261122);
        var references = TestReferences.Default;
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, mutants), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, ct) =>
        {
            string text;
            int kind;
            lock (random)
            {
                text = Mutate(sources[random.Next(sources.Count)], random, out kind);
            }

            var refs = kind == 3 ? references.Where((_, index) => index % 3 != 0).ToList() : references;
            var mutant = CSharpCompilation.Create("Mutant" + i, new[] { CSharpSyntaxTree.ParseText(text, cancellationToken: ct), CSharpSyntaxTree.ParseText(AnalyzerSets.WebGlobalUsings, cancellationToken: ct) }, refs,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var diagnostics = await AnalyzeAsync(mutant, analyzers, failures, $"mutant {i}");
            RunGenerator(mutant, failures, $"mutant {i}");
            if (i % 25 == 0)
                await FixAllAsync(mutant, diagnostics, fixes, failures, $"mutant {i}");
            if (Interlocked.Increment(ref done) % 1000 == 0)
                Console.WriteLine($"{done} mutants, {failures.Count} failures");
        });

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Synthetic app: {compilation.SyntaxTrees.Sum(t => t.GetText().Lines.Count):N0} lines, {appDiagnostics.Length} diagnostics, {fixedCount} code actions computed.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Mutants: {mutants:N0} variants of {sources.Count} test source files (deleted spans, truncation, swapped types, a third of the references removed); code fixes run on every 25th.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Exceptions (analyzers, generator, code fixes): {failures.Count}. Time: {watch.Elapsed.TotalMinutes:F1} min.");
        foreach (var failure in failures.Take(20))
            report.AppendLine("  - " + failure.Split('\n')[0]);

        var path = Path.Combine(output, "robustness.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine(report);
        if (!failures.IsEmpty)
            Environment.ExitCode = 1;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ConcurrentQueue<string> failures, string what)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => failures.Enqueue($"{what}: {analyzer.GetType().Name} threw {exception}"), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        foreach (var crash in diagnostics.Where(d => d.Id == "AD0001"))
            failures.Enqueue($"{what}: {crash.GetMessage()}");
        return diagnostics;
    }

    private static void RunGenerator(Compilation compilation, ConcurrentQueue<string> failures, string what)
    {
        var driver = CSharpGeneratorDriver.Create(new EndpointGenerator()).RunGenerators(compilation);
        foreach (var result in driver.GetRunResult().Results.Where(r => r.Exception is not null))
            failures.Enqueue($"{what}: generator threw {result.Exception}");
    }

    /// <summary>Asks every fix for actions on every diagnostic it claims, and computes each action's changes.</summary>
    private static async Task<int> FixAllAsync(Compilation compilation, ImmutableArray<Diagnostic> diagnostics, ImmutableArray<CodeFixProvider> fixes, ConcurrentQueue<string> failures, string what)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Fix", "Fix", LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: compilation.SyntaxTrees.First().Options, metadataReferences: compilation.References));
        var documents = new Dictionary<SyntaxTree, DocumentId>();
        var solution = project.Solution;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var id = DocumentId.CreateNewId(project.Id);
            solution = solution.AddDocument(id, Path.GetFileName(tree.FilePath) is { Length: > 0 } name ? name : "Doc.cs", tree.GetText(), filePath: tree.FilePath);
            documents[tree] = id;
        }

        var actions = 0;
        foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource).Take(300))
        {
            var document = solution.GetDocument(documents[diagnostic.Location.SourceTree!])!;
            foreach (var fix in fixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var registered = new List<CodeAction>();
                try
                {
                    await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => registered.Add(a), CancellationToken.None));
                    foreach (var action in registered)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                        actions++;
                    }
                }
                catch (Exception exception)
                {
                    failures.Enqueue($"{what}: {fix.GetType().Name} threw on {diagnostic.Id}: {exception}");
                }
            }
        }

        return actions;
    }

    /// <summary>0: delete spans; 1: truncate; 2: swap a type keyword; 3: unchanged text, references removed.</summary>
    private static string Mutate(string text, Random random, out int kind)
    {
        kind = random.Next(4);
        switch (kind)
        {
            case 0:
                for (var edits = random.Next(1, 6); edits > 0 && text.Length > 0; edits--)
                {
                    var start = random.Next(text.Length);
                    text = text.Remove(start, Math.Min(random.Next(1, 60), text.Length - start));
                }

                return text;
            case 1:
                return text[..random.Next(text.Length / 3, text.Length)];
            case 2:
                var swaps = new[] { ("string", "int"), ("int", "string"), ("Task", "void"), ("async", ""), ("await", ""), ("IResult", "string"), ("static", "") };
                var (from, to) = swaps[random.Next(swaps.Length)];
                var index = text.IndexOf(from, random.Next(Math.Max(1, text.Length / 2)), StringComparison.Ordinal);
                return index < 0 ? text : text.Remove(index, from.Length).Insert(index, to);
            default:
                return text;
        }
    }
}
