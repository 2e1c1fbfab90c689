using System.Collections.Immutable;
using AiBackend.Analyzers.ErrorHandling;
using AiBackend.Analyzers.Injection;
using AiBackend.Testing;
using AiBackend.Testing.Corpus;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Tests.Scorecards;

/// <summary>
/// Every analyzer family on broken code: corpus files with tokens deleted or the file cut short, deterministically
/// (a fixed seed). Any analyzer exception fails the harness; the larger run belongs to the benchmarks.
/// </summary>
public class MutatedCorpusTests
{
    private const int MutantsPerFile = 8;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new InjectionAnalyzer(), new UnsafeDeserializerAnalyzer(),
        new ExceptionSwallowedAnalyzer(), new ExceptionDetailsAnalyzer(), new FireAndForgetAnalyzer(), new UncheckedHttpResponseAnalyzer(),
        new MissingNotFoundAnalyzer(), new NoAppWideErrorHandlingAnalyzer(), new CancellationNotPassedAnalyzer())
        .AddRange(AuthScorecardTests.Analyzers);

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
            await TestProject.AnalyzeAsync(project, compilation, analyzers);
        }
    }

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
