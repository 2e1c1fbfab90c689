using System.Collections;
using AiBackend.Generators.Endpoints;
using AiBackend.Generators.Resources;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Tests.Endpoints;

/// <summary>
/// Issue 17: the generator looks for DbContexts only when a [Resource] needs its context found, so an app without
/// resources pays for nothing but the attribute lookup. The lookup step's output is what it found: empty means it did
/// not look (the compilation below always has a context with a set), and so does a step the driver never ran.
/// </summary>
public class DbContextDiscoveryTests
{
    private const string Context = """
        using AiBackend;
        using Microsoft.EntityFrameworkCore;

        namespace Shop;

        public sealed class Item { public int Id { get; set; } public string Name { get; set; } = ""; }
        public sealed class Order { public int Id { get; set; } }
        public sealed partial class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options) { }
        public sealed partial class ShopDb { public DbSet<Item> Items => Set<Item>(); public DbSet<Order> Orders => Set<Order>(); }
        public abstract class BaseDb : DbContext { public DbSet<Order> Orders => Set<Order>(); }
        """;

    [Fact]
    public void Without_a_resource_the_classes_are_never_searched_for_contexts()
    {
        Assert.Equal(new string[0], FoundContexts(Context));
    }

    [Fact]
    public void A_resource_that_names_its_context_needs_no_search()
    {
        Assert.Equal(new string[0], FoundContexts(Context + """

            [Resource("/api/things", DbContext = typeof(ShopDb))]
            public sealed class Thing { public int Id { get; set; } }
            """));
    }

    [Fact]
    public void A_resource_without_a_named_context_finds_every_declared_context_with_its_sets_across_partial_parts()
    {
        var found = FoundContexts(Context.Replace("public sealed class Item", "[Resource(\"/api/items\")] public sealed class Item"));

        // The abstract base is no context a resource can use.
        Assert.Equal(new[] { "global::Shop.ShopDb: global::Shop.Item, global::Shop.Order" }, found);
    }

    private static string[] FoundContexts(string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create("Discovery", new[] { CSharpSyntaxTree.ParseText(source, parseOptions) }, TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new EndpointGenerator().AsSourceGenerator() }, parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Null(result.Exception);

        // The driver does not even run the step when nothing downstream needs it (no resource at all).
        if (!result.TrackedSteps.TryGetValue(ResourceTrackingNames.DbContexts, out var steps))
            return new string[0];
        var step = Assert.Single(steps);
        var found = Assert.Single(step.Outputs).Value;
        var contexts = (IEnumerable)found.GetType().GetProperty("Contexts")!.GetValue(found)!;
        return contexts.Cast<object>().Select(Describe).ToArray();
    }

    // DbContextsModel and DbContextModel are internal to the generator: read their members by name.
    private static string Describe(object model)
    {
        var type = model.GetType();
        var name = (string)type.GetProperty("Type")!.GetValue(model)!;
        var entities = ((IEnumerable)type.GetProperty("Entities")!.GetValue(model)!).Cast<string>();
        return $"{name}: {string.Join(", ", entities)}";
    }
}
