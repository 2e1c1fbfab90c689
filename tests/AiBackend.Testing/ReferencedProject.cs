using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Testing;

/// <summary>
/// Another project of the test's solution (a class library the test project references), for analyses that cross
/// project boundaries: built as a command-line build hands it to its dependents (an assembly image, its generators
/// run) or as an IDE does (the compilation itself).
/// </summary>
public static class ReferencedProject
{
    /// <summary>
    /// Compiles <paramref name="sources"/> as library <paramref name="name"/> against the default references and
    /// <paramref name="references"/>, runs <paramref name="generators"/> on it, emits it and returns the image as a
    /// metadata reference. Fails on compiler errors, generator exceptions or diagnostics, and warnings in generated code.
    /// </summary>
    public static MetadataReference Image(string name, IEnumerable<string> sources, IEnumerable<MetadataReference>? references = null, IEnumerable<IIncrementalGenerator>? generators = null, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider? options = null)
    {
        var compilation = Compile(name, sources, references);
        var driver = CSharpGeneratorDriver.Create((generators ?? Array.Empty<IIncrementalGenerator>()).Select(g => g.AsSourceGenerator()), parseOptions: Parse, optionsProvider: options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var thrown = driver.GetRunResult().Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()).ToList();
        if (thrown.Count > 0 || !generatorDiagnostics.IsEmpty)
            throw new VerificationException($"A generator failed on {name}:\n" + string.Join("\n", thrown) + DiagnosticText.List(generatorDiagnostics));

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        var problems = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error
            || d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && !compilation.ContainsSyntaxTree(tree)).ToList();
        if (!emitted.Success || problems.Count > 0)
            throw new VerificationException($"{name} does not build:\n" + DiagnosticText.List(problems));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>The library as an IDE references a project: its compilation (no generators run).</summary>
    public static MetadataReference Compilation(string name, IEnumerable<string> sources, IEnumerable<MetadataReference>? references = null) =>
        Compile(name, sources, references).ToMetadataReference();

    /// <summary>The text of the sources <paramref name="generators"/> add to the library (for tests that read them).</summary>
    public static ImmutableArray<string> GeneratedSources(string name, IEnumerable<string> sources, IEnumerable<MetadataReference>? references, IEnumerable<IIncrementalGenerator> generators, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider? options = null)
    {
        var driver = CSharpGeneratorDriver.Create(generators.Select(g => g.AsSourceGenerator()), parseOptions: Parse, optionsProvider: options)
            .RunGenerators(Compile(name, sources, references));
        return driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()).ToImmutableArray();
    }

    private static CSharpParseOptions Parse => TestProject.ParseOptions(TestOptions.Default);

    private static CSharpCompilation Compile(string name, IEnumerable<string> sources, IEnumerable<MetadataReference>? references)
    {
        var trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, Parse, $"/{name}/File{i}.cs")).ToList();
        var compilation = CSharpCompilation.Create(name, trees, TestReferences.Default.Concat(references ?? Array.Empty<MetadataReference>()), TestProject.CompilationOptions(TestOptions.Default));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new VerificationException($"{name} does not compile:\n" + DiagnosticText.List(errors));
        return compilation;
    }
}
