using System.Collections.Immutable;
using AiBackend.Analyzers.GeneratorUsage;
using AiBackend.Generators.EndpointTests;
using AiBackend.Generators.Endpoints;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Tests.Endpoints;

/// <summary>
/// Half-typed and wrong code, as an IDE sees it between keystrokes: the generators must not throw, and the paired
/// analyzers must not throw either (an AD0001 in a user's build is a bug).
/// </summary>
public class BrokenInputTests
{
    private const string Usings = "using System; using AiBackend; using System.ComponentModel.DataAnnotations; using Microsoft.EntityFrameworkCore; using Microsoft.AspNetCore.Authorization;\n";

    public static TheoryData<string> BrokenSources => new()
    {
        "[Resource(null)] public class A { public int Id { get; set; } }",
        "[Resource] public class A { public int Id { get; set; } }",
        "[Resource(\"/x\", DbContext = typeof(Missing))] public class A { public int Id { get; set; } }",
        "[Resource(\"/x\", MaxPageSize = 0)] public class A { public int Id { get; set; } }",
        "[Resource(\"/x\"), OwnedBy(null)] public class A { public int Id { get; set; } }",
        "[Resource(\"/x\"), OwnedBy(nameof(Nope))] public class A { public int Id { get; set; } }",
        "[Resource(\"/x\")] public class A { public int Id { get; set; } public Missing Thing { get; set; } [Range(] public int Q { get; set; } }",
        "[Resource(\"/x\")] public class A { public int Id { get; set; } } public class Db : DbContext { public DbSet<A> As => Set<A>(); public DbSet<A> Again => Set<A>(); }",
        "[Resource(\"/x\")] public record A(int Id); public class Db : DbContext { public DbSet<A> As => Set<A>(); }",
        "[Resource(\"/x\")] public struct A { public int Id { get; set; } }",
        "[Resource(\"/x\")] public class A { public int Id { get; set; } [AllowedValues(null)] public string? S { get; set; } [Range(typeof(decimal), \"1\", \"2\")] public decimal D { get; set; } [Length(1, 2, ErrorMessage = null)] public string T { get; set; } = \"\"; } public class Db : DbContext { public DbSet<A> As => Set<A>(); }",
        "[Resource(\"/x\")] public class A<T> { public int Id { get; set; } }",
        "[Resource(\"/x\")] public class A { public int Id { get; set; }",
        "[EndpointGroup(null)] public static partial class G { [Endpoint(\"GET\", \"/a\")] public static partial class E { public static string Handle() => \"\"; } }",
        "[EndpointGroup(\"/{id\")] public static partial class G { [Endpoint(\"GET\", \"/a\")] public static partial class E { public static string Handle(int id) => \"\"; } }",
        "[Endpoint(\"GET\", \"/a/{id}\", Tags = null)] public static partial class E { public static string Handle([Microsoft.AspNetCore.Mvc.FromRoute(Name = null)] int id) => \"\"; }",
        "[Endpoint(\"POST\", \"/a\")] public static partial class E { public static string Handle(Body b) => \"\"; } public class Body { [Required, MaxLength(-1)] public string? X { get; set; } [Missing] public int Y { get; set; } }",
        "[Endpoint(\"GET\", \"/a\")] public static partial class E { /// <summary>unclosed <b>doc</summary>\n public static string Handle() => \"\"; }",
        "[assembly: GenerateEndpointTests(typeof(Missing))]",
        "[assembly: GenerateEndpointTests(null)]",
        "[assembly: GenerateEndpointTests(typeof(int))]",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Generators_and_their_analyzers_survive_broken_code(string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("Broken", new[] { CSharpSyntaxTree.ParseText(Usings + source, parseOptions) },
            TestReferences.Default.Concat(TestReferences.XunitAssemblies), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var driver = CSharpGeneratorDriver.Create(new[] { new EndpointGenerator().AsSourceGenerator(), new EndpointTestsGenerator().AsSourceGenerator() }, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));
        Assert.Empty(generatorDiagnostics);

        var exceptions = new List<string>();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new EndpointDeclarationAnalyzer(), new ResourceDeclarationAnalyzer(), new EndpointTestsDeclarationAnalyzer(), new DuplicateGeneratedRouteAnalyzer(), new AspNetCoreMissingAnalyzer());
        await output.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, a, _) => exceptions.Add($"{a.GetType().Name}: {e}"), true, false))
            .GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
    }
}
