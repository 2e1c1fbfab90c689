using AiBackend.CodeFixes.GeneratorUsage;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using VerifyFix = AiBackend.Testing.CodeFixVerifier<AiBackend.Analyzers.GeneratorUsage.ResourceDeclarationAnalyzer, AiBackend.CodeFixes.GeneratorUsage.ResourceMemberNotMappedCodeFix>;

namespace AiBackend.Tests.Endpoints;

/// <summary>
/// AIB5009's fix: a navigation is offered <c>[Expand]</c> first (returned nested), any member <c>[JsonIgnore]</c>
/// (left out on purpose); the attribute goes above the member, below its doc comment, and its namespace is imported.
/// </summary>
public class ResourceMemberNotMappedCodeFixTests
{
    private const string Before = """
        using System.Collections.Generic;
        using AiBackend;
        using Microsoft.EntityFrameworkCore;

        [Resource("/api/posts")]
        public class Post
        {
            public int Id { get; set; }

            /// <summary>The post's comments.</summary>
            public List<Comment> {|AIB5009:Comments|} { get; set; } = new();

            public Dictionary<string, string> {|AIB5009:Metadata|} { get; set; } = new();
        }

        public class Comment { public int Id { get; set; } public int PostId { get; set; } public string Text { get; set; } = ""; }

        public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Post> Posts => Set<Post>(); public DbSet<Comment> Comments => Set<Comment>(); }
        """;

    [Fact]
    public async Task A_navigation_is_returned_nested()
    {
        await VerifyFix.VerifyAsync("""
            using System.Collections.Generic;
            using AiBackend;
            using Microsoft.EntityFrameworkCore;

            [Resource("/api/posts")]
            public class Post
            {
                public int Id { get; set; }

                /// <summary>The post's comments.</summary>
                public List<Comment> {|AIB5009:Comments|} { get; set; } = new();
            }

            public class Comment { public int Id { get; set; } public int PostId { get; set; } public string Text { get; set; } = ""; }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Post> Posts => Set<Post>(); public DbSet<Comment> Comments => Set<Comment>(); }
            """, """
            using System.Collections.Generic;
            using AiBackend;
            using Microsoft.EntityFrameworkCore;

            [Resource("/api/posts")]
            public class Post
            {
                public int Id { get; set; }

                /// <summary>The post's comments.</summary>
                [Expand]
                public List<Comment> Comments { get; set; } = new();
            }

            public class Comment { public int Id { get; set; } public int PostId { get; set; } public string Text { get; set; } = ""; }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Post> Posts => Set<Post>(); public DbSet<Comment> Comments => Set<Comment>(); }
            """);
    }

    [Fact]
    public async Task A_member_that_is_no_navigation_is_left_out_on_purpose_with_its_namespace_imported()
    {
        await VerifyFix.VerifyAsync("""
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using AiBackend;
            using Microsoft.EntityFrameworkCore;

            [Resource("/api/posts")]
            public class Post
            {
                public int Id { get; set; }

                [MaxLength(10)]
                public Dictionary<string, string> {|AIB5009:Metadata|} { get; set; } = new();
            }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Post> Posts => Set<Post>(); }
            """, """
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using System.Text.Json.Serialization;
            using AiBackend;
            using Microsoft.EntityFrameworkCore;

            [Resource("/api/posts")]
            public class Post
            {
                public int Id { get; set; }

                [MaxLength(10)]
                [JsonIgnore]
                public Dictionary<string, string> Metadata { get; set; } = new();
            }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Post> Posts => Set<Post>(); }
            """);
    }

    [Fact]
    public async Task A_navigation_is_offered_both_and_a_dictionary_only_json_ignore()
    {
        var (source, _) = Markup.Parse(Before);
        var project = TestProject.Create(new[] { source }, TestOptions.Default);
        var compilation = await TestProject.CompileAsync(project, TestOptions.Default);
        var diagnostics = await TestProject.AnalyzeAsync(project, compilation,
            System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new AiBackend.Analyzers.GeneratorUsage.ResourceDeclarationAnalyzer()));
        var document = project.Documents.Single();

        var titles = new Dictionary<string, List<string>>();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AIB5009"))
        {
            var offered = new List<string>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => offered.Add(action.Title), CancellationToken.None);
            await new ResourceMemberNotMappedCodeFix().RegisterCodeFixesAsync(context);
            titles[source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)] = offered;
        }

        Assert.Equal(new[] { "Return 'Comments' nested in the responses ([Expand])", "Leave 'Comments' out of the API ([JsonIgnore])" }, titles["Comments"]);
        Assert.Equal(new[] { "Leave 'Metadata' out of the API ([JsonIgnore])" }, titles["Metadata"]);
    }
}
