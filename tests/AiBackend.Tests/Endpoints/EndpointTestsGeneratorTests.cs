using AiBackend.Generators.Endpoints;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = AiBackend.Testing.GeneratorVerifier<AiBackend.Generators.EndpointTests.EndpointTestsGenerator>;

namespace AiBackend.Tests.Endpoints;

/// <summary>
/// The test generator reads a referenced API assembly's manifest. The API here is compiled in memory with the endpoint
/// generator, exactly as a project reference would be, and the generated tests must compile against xunit and
/// Microsoft.AspNetCore.Mvc.Testing with warnings as errors. (The sample's generated tests run in tests/TodoApi.Tests.)
/// </summary>
public class EndpointTestsGeneratorTests
{
    private const string Api = """
        using System.ComponentModel.DataAnnotations;
        using AiBackend;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.EntityFrameworkCore;

        public class Program { public static void Main() { } }

        namespace Shop
        {
            [Resource("/api/orders"), OwnedBy(nameof(CustomerId))]
            public class Order
            {
                public int Id { get; set; }
                [Required, MaxLength(20)] public string Reference { get; set; } = "";
                [Range(1, 99)] public int Quantity { get; set; }
                [EmailAddress] public string? Contact { get; set; }
                public System.DateOnly? Due { get; set; }
                public string CustomerId { get; set; } = "";
                [ConcurrencyCheck] public int Version { get; set; }
            }

            [Resource("/api/countries", Operations = ResourceOperations.Read)]
            public class Country { public int Id { get; set; } public string Name { get; set; } = ""; }

            // A natural string key: each item the tests create needs its own code; DELETE only marks the row.
            [Resource("/api/languages"), SoftDelete(nameof(Retired))]
            public class Language { [Key, StringLength(3, MinimumLength = 3)] public string Code { get; set; } = ""; public string Name { get; set; } = ""; public bool Retired { get; set; } }

            [Resource("/api/currencies", WriteRoles = "admin")]
            public class Currency { public int Id { get; set; } [Required] public string Code { get; set; } = ""; }

            [Resource("/api/regions")]
            [AllowAnonymous]
            public class Region { public System.Guid Id { get; set; } [MinLength(12)] public string Name { get; set; } = ""; }

            // Issue 15: the generated tests hard-coded foreign keys and never sent the roles their factory defines.
            [Resource("/api/projects"), OwnedBy(nameof(OwnerId))]
            public class Project { public int Id { get; set; } [Required, MaxLength(40)] public string Name { get; set; } = ""; public string OwnerId { get; set; } = ""; }

            [Resource("/api/work-items", Filter = new[] { nameof(Title), nameof(ProjectId) }, Sort = new[] { nameof(Priority) })]
            public class WorkItem
            {
                public long Id { get; set; }
                [Required] public string Title { get; set; } = "";
                public int ProjectId { get; set; }
                [Expand] public Project? Project { get; set; }
                public required int Priority { get; set; }
            }

            [Resource("/api/labels"), Authorize(Roles = "admin,owner")]
            public class Label { public int Id { get; set; } public int ProjectId { get; set; } public string Name { get; set; } = ""; }

            [Resource("/api/hidden")]
            internal class Hidden { public int Id { get; set; } }

            public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Region> Regions => Set<Region>();
                public DbSet<Project> Projects => Set<Project>();
                public DbSet<WorkItem> WorkItems => Set<WorkItem>();
                public DbSet<Label> Labels => Set<Label>();
                public DbSet<Country> Countries => Set<Country>();
                public DbSet<Language> Languages => Set<Language>();
                public DbSet<Currency> Currencies => Set<Currency>();
                internal DbSet<Hidden> Hidden => Set<Hidden>();
            }

            [EndpointGroup("/api/reports")]
            public static partial class Reports
            {
                [Endpoint("GET", "/{year:int}/{region:guid}")]
                public static partial class ByRegion { public static string Handle(int year, System.Guid region) => "ok"; }
            }

            [Endpoint("GET", "/health"), AllowAnonymous]
            public static partial class Health { public static string Handle() => "ok"; }
        }
        """;

    [Fact]
    public void Generates_the_factory_and_tests_from_the_api_manifest()
    {
        Verify.Verify(
            "[assembly: AiBackend.GenerateEndpointTests(typeof(Program))]",
            new TestOptions { AdditionalReferences = TestReferences.XunitAssemblies.Append(CompileApi()).ToList() });
    }

    [Theory]
    [InlineData("public static class NoTests { }")]
    [InlineData("[assembly: AiBackend.GenerateEndpointTests(typeof(Shop.ShopDb))]")] // not an entry point: AIB5010 says so
    public void Generates_nothing_without_the_attribute_or_for_a_type_that_is_not_an_entry_point(string source)
    {
        // Nothing reaches a tracked step here, so the run is checked directly rather than through the verifier.
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("Tests", new[] { CSharpSyntaxTree.ParseText(source, parseOptions) },
            TestReferences.Default.Concat(TestReferences.XunitAssemblies).Append(CompileApi()), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(new[] { new AiBackend.Generators.EndpointTests.EndpointTestsGenerator().AsSourceGenerator() }, parseOptions: parseOptions)
            .RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
    }

    /// <summary>The API as a test project sees it: an assembly whose generator wrote the manifest attributes.</summary>
    private static MetadataReference CompileApi()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("ShopApi", new[] { CSharpSyntaxTree.ParseText(Api, parseOptions) }, TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new[] { new EndpointGenerator().AsSourceGenerator() }, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);

        using var image = new MemoryStream();
        var emitted = withGenerated.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
