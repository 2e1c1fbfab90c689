using System.Collections.Immutable;
using AiBackend.Testing;
using AiBackend.Testing.Corpus;
using AiBackend.Generators.Endpoints;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Tests.Scorecards;

/// <summary>
/// Every analyzer family, the endpoint generator and every code fix on broken code: corpus files with tokens deleted
/// or the file cut short, deterministically (a fixed seed). Any exception fails the test; the 10,000-mutant run over
/// the whole test tree belongs to the benchmarks (bench/AiBackend.Bench robustness).
/// </summary>
public class MutatedCorpusTests
{
    private const int MutantsPerFile = 8;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        InjectionScorecardTests.All.AddRange(ErrorHandlingScorecardTests.All).AddRange(AuthScorecardTests.All);

    public static IEnumerable<object[]> CorpusFiles() =>
        new[] { "Injection", "ErrorHandling", "Auth" }.SelectMany(corpus => LabeledCorpus.LoadFromOutput(corpus).Files
            .Where(f => f.Name.EndsWith("Cases.cs", StringComparison.Ordinal))
            .Select(f => new object[] { corpus, f.Name }));

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Mutated_corpus_files_never_crash_the_analyzers(string corpusName, string fileName)
    {
        var corpus = LabeledCorpus.LoadFromOutput(corpusName);
        var file = corpus.Files.Single(f => f.Name == fileName);
        var support = corpus.Files.Where(f => f.Name is "Shared.cs" or "GlobalUsings.cs").Select(f => f.Text).ToList();
        var random = new Random(fileName.Length * 7919);
        var analyzers = Analyzers;

        for (var i = 0; i < MutantsPerFile; i++)
        {
            var mutant = Mutate(file.Text, random);
            var options = TestOptions.Default with { AllowCompilerErrors = true, AdditionalSources = support };
            var project = TestProject.Create(new[] { mutant }, options);
            var compilation = await TestProject.CompileAsync(project, options);
            var diagnostics = await TestProject.AnalyzeAsync(project, compilation, analyzers);

            var driver = CSharpGeneratorDriver.Create(new EndpointGenerator()).RunGenerators(compilation);
            Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));

            if (i % 4 == 0)
                await ComputeEveryFixAsync(project, diagnostics);
        }
    }

    /// <summary>Every code fix on every diagnostic it claims: registering and computing each action must not throw.</summary>
    private static async Task ComputeEveryFixAsync(Project project, ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource))
        {
            var document = project.Documents.Single(d => d.FilePath == diagnostic.Location.SourceTree!.FilePath);
            foreach (var fix in CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                foreach (var action in actions)
                    await action.GetOperationsAsync(CancellationToken.None);
            }
        }
    }

    private static readonly ImmutableArray<CodeFixProvider> CodeFixes =
        typeof(AiBackend.CodeFixes.Injection.SqlInjectionCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>Deletes a few random spans (tokens, half-lines), or truncates the file.</summary>
    private static string Mutate(string text, Random random)
    {
        if (random.Next(4) == 0)
            return text.Substring(0, random.Next(text.Length / 2, text.Length));

        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var start = random.Next(text.Length);
            var length = Math.Min(random.Next(1, 40), text.Length - start);
            text = text.Remove(start, length);
        }

        return text;
    }
}
