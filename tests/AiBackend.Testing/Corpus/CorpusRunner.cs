using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Testing.Corpus;

/// <summary>One compilation of a corpus: the files of one folder, plus the corpus root's shared files.</summary>
public sealed record CorpusCompilation(Project Project, Compilation Compilation, IReadOnlyList<CorpusFile> Files);

/// <summary>
/// Compiles a labeled corpus and turns a tool's diagnostics into findings. The files at the corpus root form one
/// compilation; every sub-folder is a separate app (for rules about a whole app) that also gets the root's
/// <c>GlobalUsings.cs</c> and <c>Shared.cs</c>.
/// </summary>
public static class CorpusRunner
{
    private static readonly string[] SharedFiles = { "GlobalUsings.cs", "Shared.cs" };

    /// <summary>Throws if any compilation has errors: a broken corpus measures nothing.</summary>
    public static async Task<IReadOnlyList<CorpusCompilation>> CompileAsync(LabeledCorpus corpus)
    {
        var shared = corpus.Files.Where(f => SharedFiles.Contains(f.Name)).ToList();
        var groups = corpus.Files.GroupBy(f => f.Name.Contains('/') ? f.Name[..f.Name.IndexOf('/')] : "").ToList();
        var result = new List<CorpusCompilation>();
        foreach (var group in groups)
        {
            var files = group.Key.Length == 0 ? group.ToList() : group.Concat(shared).ToList();
            var options = TestOptions.Default with
            {
                OutputKind = files.Any(HasTopLevelStatements) ? OutputKindOption.Application : OutputKindOption.Library,
            };
            var project = TestProject.Create(files.Select(f => f.Text).ToList(), options);
            var compilation = await TestProject.CompileAsync(project, options).ConfigureAwait(false);
            result.Add(new CorpusCompilation(project, compilation, files));
        }

        return result;
    }

    /// <summary>
    /// Runs <paramref name="analyzers"/> on every compilation and maps each diagnostic ID through <paramref name="ruleOf"/>
    /// (empty drops it) to our rule IDs. <paramref name="enable"/> turns on rules that are off by default.
    /// </summary>
    public static async Task<IReadOnlyList<Finding>> FindAsync(
        IReadOnlyList<CorpusCompilation> compilations,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        Func<string, IEnumerable<string>> ruleOf,
        IReadOnlyDictionary<string, ReportDiagnostic>? enable = null)
    {
        var findings = new List<Finding>();
        foreach (var (project, original, files) in compilations)
        {
            var compilation = original;
            if (enable is not null)
            {
                var options = compilation.Options.SpecificDiagnosticOptions.SetItems(enable);
                compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(options));
            }

            var diagnostics = await TestProject.AnalyzeAsync(project, compilation, analyzers).ConfigureAwait(false);
            var names = Enumerable.Range(0, files.Count).ToDictionary(TestProject.SourcePath, i => files[i].Name);
            foreach (var diagnostic in diagnostics)
            {
                var span = diagnostic.Location.GetLineSpan();
                if (!diagnostic.Location.IsInSource || !names.TryGetValue(span.Path, out var file))
                    continue;
                foreach (var rule in ruleOf(diagnostic.Id))
                    findings.Add(new Finding(file, span.StartLinePosition.Line + 1, rule, diagnostic.Id));
            }
        }

        return findings;
    }

    private static bool HasTopLevelStatements(CorpusFile file) =>
        CSharpSyntaxTree.ParseText(file.Text).GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
}
