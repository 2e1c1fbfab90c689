using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.GeneratorUsage.DuplicateGeneratedRouteAnalyzer>;

namespace AiBackend.Tests.Endpoints;

/// <summary>AIB5011 (issue 15): generated mappings that routing cannot tell apart fail at run time, not at build time.</summary>
public class DuplicateGeneratedRouteAnalyzerTests
{
    private const string Usings = """
        using AiBackend;
        using Microsoft.AspNetCore.Http;
        using Microsoft.EntityFrameworkCore;

        """;

    [Fact]
    public async Task Two_resources_and_an_endpoint_on_one_route_are_each_reported_once()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            [{|AIB5011:Resource("/api/labels")|}]
            public class Label { public int Id { get; set; } public string Name { get; set; } = ""; }

            [{|AIB5011:Resource("/API/Labels/")|}]
            public class Tag { public int Id { get; set; } public string Name { get; set; } = ""; }

            [{|AIB5011:Endpoint("GET", "/api/labels/{labelId:int}")|}]
            public static partial class GetLabel
            {
                public static IResult Handle(int labelId) => Results.Ok(labelId);
            }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Label> Labels => Set<Label>(); public DbSet<Tag> Tags => Set<Tag>(); }
            """);

        var messages = diagnostics.Select(d => d.GetMessage()).ToList();
        Assert.Contains(messages, m => m.StartsWith("'GET /api/labels' is also mapped by resource 'Tag' (and 5 more shared routes):", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("'GET /api/labels/{labelId:int}' is also mapped by resource 'Label', resource 'Tag':", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Different_methods_constraints_and_literals_are_not_reported()
    {
        // Label leaves PATCH to the app's own endpoint; Note is read-only, so a hand-written POST is no duplicate.
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/labels", Operations = ResourceOperations.All & ~ResourceOperations.Patch)]
            public class Label { public int Id { get; set; } public string Name { get; set; } = ""; }

            [Endpoint("POST", "/api/notes")]
            public static partial class AddNote
            {
                public static IResult Handle(string text) => Results.Ok(text);
            }

            [Resource("/api/notes", Operations = ResourceOperations.Read)]
            public class Note { public System.Guid Id { get; set; } public string Text { get; set; } = ""; }

            [Endpoint("PATCH", "/api/labels/{id:int}")]
            public static partial class RenameLabel
            {
                public static IResult Handle(int id) => Results.Ok(id);
            }

            [Endpoint("GET", "/api/notes/{id:int}")]
            public static partial class LegacyNote
            {
                public static IResult Handle(int id) => Results.Ok(id);
            }

            [Endpoint("GET", "/api/labels/search")]
            public static partial class SearchLabels
            {
                public static IResult Handle(string q) => Results.Ok(q);
            }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Label> Labels => Set<Label>(); public DbSet<Note> Notes => Set<Note>(); }
            """);
    }
}
