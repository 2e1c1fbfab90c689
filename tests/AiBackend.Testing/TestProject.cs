using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Testing;

/// <summary>Builds the in-memory project a test's code lives in, and runs analyzers over it.</summary>
public static class TestProject
{
    public const string Name = "TestProject";

    /// <summary>Path of the n-th source file; analyzer config sections can match it.</summary>
    public static string SourcePath(int index) => $"/src/Test{index}.cs";

    public static CSharpParseOptions ParseOptions(TestOptions options) =>
        new(options.LanguageVersion, DocumentationMode.Diagnose);

    public static CSharpCompilationOptions CompilationOptions(TestOptions options) =>
        new CSharpCompilationOptions(
                options.OutputKind == OutputKindOption.Application ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable)
            // As the SDK does: reference-unification notices are not warnings a user sees.
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
                ["CS1591"] = ReportDiagnostic.Suppress,
            });

    /// <summary>A workspace project holding <paramref name="sources"/> (then the options' additional sources) and the global config.</summary>
    public static Project Create(IReadOnlyList<string> sources, TestOptions options)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId(Name);
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            Name,
            Name,
            LanguageNames.CSharp,
            compilationOptions: CompilationOptions(options),
            parseOptions: ParseOptions(options),
            metadataReferences: TestReferences.For(options).Concat(options.AdditionalReferences)));

        var all = sources.Concat(options.AdditionalSources).ToList();
        for (var i = 0; i < all.Count; i++)
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Test{i}.cs", SourceText.From(all[i]), filePath: SourcePath(i));

        solution = solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(options.BuildGlobalConfig()), filePath: "/.globalconfig");
        return solution.GetProject(projectId)!;
    }

    /// <summary>Compiles the project; fails on compiler errors unless the options allow them.</summary>
    public static async Task<Compilation> CompileAsync(Project project, TestOptions options)
    {
        var compilation = await project.GetCompilationAsync().ConfigureAwait(false)
            ?? throw new VerificationException("The project produced no compilation.");
        if (!options.AllowCompilerErrors)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
                throw new VerificationException("The test code does not compile:\n" + DiagnosticText.List(errors));
        }

        return compilation;
    }

    /// <summary>Runs the analyzers; any analyzer exception (AD0001 in a user's build) fails the test.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var exceptions = new ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false));

        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        var crashes = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()).Concat(exceptions).ToList();
        if (crashes.Count > 0)
            throw new VerificationException("An analyzer threw:\n" + string.Join("\n", crashes));

        return diagnostics.Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start));
    }

    /// <summary>
    /// Runs the analyzers as an IDE does for the one open document (<see cref="SourcePath"/> of
    /// <paramref name="documentIndex"/>): operation block actions only for that document's members. Any analyzer
    /// exception fails the test.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeDocumentAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, int documentIndex, AnalyzerOptions options)
    {
        var exceptions = new ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            options,
            (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false));

        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == SourcePath(documentIndex));
        var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None).ConfigureAwait(false);
        var crashes = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()).Concat(exceptions).ToList();
        if (crashes.Count > 0)
            throw new VerificationException("An analyzer threw:\n" + string.Join("\n", crashes));

        return diagnostics.Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start));
    }
}
