using System.Collections.Immutable;
using AiBackend.Analyzers.Injection;
using AiBackend.Testing;
using AiBackend.Testing.Corpus;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Tests.Injection;

public class LocalFunctionRegressionTests
{
    /// <summary>
    /// Found by the mutation run: two deleted spans in ServiceLayerCases.cs re-nest the lambdas so that a local function
    /// is called from a graph that does not declare it, and Roslyn's in-scope lookup threw.
    /// </summary>
    [Fact]
    public async Task Local_function_called_from_outside_its_graph_does_not_crash()
    {
        var corpus = LabeledCorpus.LoadFromOutput("Injection");
        var text = corpus.Files.Single(f => f.Name == "ServiceLayerCases.cs").Text
            .Replace("Path.Combine(\"/srv/notes\", request.Folder + \".txt\")", "Path.CombFolder + \".txt\")")
            .Replace("Path.GetExtension(name)))); // safe: AIB1003\n\n        orders.MapGet(\"/continue\"", "Path.GetExtension(name))));       orders.MapGet(\"/continue\"");
        var options = TestOptions.Default with
        {
            AllowCompilerErrors = true,
            AdditionalSources = corpus.Files.Where(f => f.Name is "Shared.cs" or "GlobalUsings.cs").Select(f => f.Text).ToList(),
        };

        var project = TestProject.Create(new[] { text }, options);
        var compilation = await TestProject.CompileAsync(project, options);
        await TestProject.AnalyzeAsync(project, compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer()));
    }
}
