using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Testing.Corpus;

/// <summary>Compiles a labeled corpus as one project and turns a tool's diagnostics into findings.</summary>
public static class CorpusRunner
{
    /// <summary>The corpus as a compilation; throws if it does not compile (a broken corpus measures nothing).</summary>
    public static async Task<(Project Project, Compilation Compilation)> CompileAsync(LabeledCorpus corpus, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        var project = TestProject.Create(corpus.Files.Select(f => f.Text).ToList(), options);
        var compilation = await TestProject.CompileAsync(project, options).ConfigureAwait(false);
        return (project, compilation);
    }

    /// <summary>
    /// Runs <paramref name="analyzers"/> and maps each diagnostic ID through <paramref name="ruleOf"/> (null drops it)
    /// to one of our rule IDs.
    /// </summary>
    public static async Task<IReadOnlyList<Finding>> FindAsync(
        LabeledCorpus corpus,
        Project project,
        Compilation compilation,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        Func<string, IEnumerable<string>> ruleOf,
        IReadOnlyDictionary<string, ReportDiagnostic>? enable = null)
    {
        if (enable is not null)
        {
            var options = compilation.Options.SpecificDiagnosticOptions.SetItems(enable);
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(options));
        }

        var diagnostics = await TestProject.AnalyzeAsync(project, compilation, analyzers).ConfigureAwait(false);
        var names = Enumerable.Range(0, corpus.Files.Count).ToDictionary(TestProject.SourcePath, i => corpus.Files[i].Name);
        var findings = new List<Finding>();
        foreach (var diagnostic in diagnostics)
        {
            var span = diagnostic.Location.GetLineSpan();
            if (!diagnostic.Location.IsInSource || !names.TryGetValue(span.Path, out var file))
                continue;
            foreach (var rule in ruleOf(diagnostic.Id))
                findings.Add(new Finding(file, span.StartLinePosition.Line + 1, rule, diagnostic.Id));
        }

        return findings;
    }
}
