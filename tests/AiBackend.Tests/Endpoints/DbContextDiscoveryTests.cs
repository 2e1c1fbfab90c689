using AiBackend.Generators.Resources;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Tests.Endpoints;

/// <summary>
/// Issue 17: the DbContext lookup must not pay a semantic model per class of the app. Only classes that declare a
/// DbSet property reach the semantic check, and every way of declaring one still does (the resource generator tests
/// show the contexts are still found).
/// </summary>
public class DbContextDiscoveryTests
{
    private const string Services = """
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        namespace Media;

        public interface IClock { System.DateTime Now { get; } }
        public sealed class SystemClock : IClock { public System.DateTime Now => System.DateTime.UtcNow; }
        public sealed class LibraryController : ControllerBase { public IActionResult Get() => Ok(); }
        public sealed class ItemList : List<string> { }
        public abstract class Repository<T> : IDisposable where T : class { public void Dispose() { } }
        public sealed class Item { public int Id { get; set; } }
        public sealed class ItemRepository : Repository<Item> { public IReadOnlyList<Item> Items { get; set; } = new List<Item>(); }
        public interface IDisposable { void Dispose(); }
        """;

    [Fact]
    public void Classes_without_a_DbSet_property_never_reach_the_semantic_check()
    {
        var candidates = CandidateCount(Services);

        Assert.Equal(0, candidates);
    }

    [Fact]
    public void Every_declaration_of_a_DbSet_reaches_it_qualified_nullable_or_in_a_partial_part_without_a_base_list()
    {
        var candidates = CandidateCount(Services + """
            public sealed partial class MediaDb(DbContextOptions<MediaDb> options) : DbContext(options) { }
            public sealed partial class MediaDb { public DbSet<Item> Items => Set<Item>(); }
            public sealed class AuditDb : DbContext { public Microsoft.EntityFrameworkCore.DbSet<Item>? Entries { get; set; } }
            """);

        Assert.Equal(2, candidates);
    }

    private static int CandidateCount(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Count(DbContextSyntax.IsCandidate);
}
