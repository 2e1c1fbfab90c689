using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Bench;

/// <summary>
/// The SDK's Razor source generator run over a web project's views and pages, with the inputs the Razor SDK's targets
/// pass it in a build (each file's project-relative path, base64-encoded as its <c>EncodeRazorInputItem</c> task does,
/// the root namespace and language version). Without it the real-code benchmark never sees a view, so the Razor
/// analyzer's precision on real apps would go unmeasured.
/// </summary>
public static class RazorViews
{
    private static readonly Lazy<ImmutableArray<ISourceGenerator>> Generators = new(Load);

    /// <summary>The compilation with the views' generated classes added; unchanged for a project without views.</summary>
    public static CSharpCompilation AddViews(ProjectFile project, CSharpCompilation compilation, CSharpParseOptions parseOptions)
    {
        var views = project.RazorFiles();
        if (views.Count == 0 || Generators.Value.IsEmpty)
            return compilation;

        var texts = views.Select(v => (AdditionalText)new ViewText(v)).ToImmutableArray();
        var perFile = views.ToDictionary(v => v, v => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.TargetPath"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Path.GetRelativePath(project.Directory, v))),
        });
        var global = new Dictionary<string, string>
        {
            ["build_property.RazorLangVersion"] = "Latest",
            ["build_property.RootNamespace"] = project.RootNamespace,
            ["build_property.MSBuildProjectDirectory"] = project.Directory,
        };

        GeneratorDriver driver = CSharpGeneratorDriver.Create(Generators.Value, texts, parseOptions, new Options(global, perFile));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var problems);
        foreach (var problem in problems.Where(p => p.Severity == DiagnosticSeverity.Error).Take(3))
            Console.WriteLine($"  razor: {problem}");
        Console.WriteLine($"  {project.AssemblyName}: {views.Count} views -> {output.SyntaxTrees.Count() - compilation.SyntaxTrees.Count()} files from the Razor generator");
        return (CSharpCompilation)output;
    }

    private static ImmutableArray<ISourceGenerator> Load()
    {
        var sdk = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // .../shared/Microsoft.NETCore.App/<version>
        var root = Path.GetFullPath(Path.Combine(sdk, "..", "..", ".."));
        var folder = Directory.Exists(Path.Combine(root, "sdk"))
            ? Directory.GetDirectories(Path.Combine(root, "sdk")).OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "Sdks", "Microsoft.NET.Sdk.Razor", "source-generators")).FirstOrDefault(Directory.Exists)
            : null;
        if (folder is null)
        {
            Console.WriteLine("  razor: no Razor source generator in the SDK; views are not analysed");
            return ImmutableArray<ISourceGenerator>.Empty;
        }

        var loader = new PeerAnalyzers.FolderLoader(folder);
        return new AnalyzerFileReference(Path.Combine(folder, "Microsoft.CodeAnalysis.Razor.Compiler.dll"), loader).GetGenerators(LanguageNames.CSharp);
    }

    private sealed class ViewText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path), Encoding.UTF8);
    }

    private sealed class Options(IReadOnlyDictionary<string, string> global, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> perFile) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions None = new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            perFile.TryGetValue(textFile.Path, out var values) ? new Values(values) : None;
    }

    private sealed class Values(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
