using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.GeneratorUsage.ResourceDeclarationAnalyzer>;

namespace AiBackend.Tests.Endpoints;

public class ResourceDeclarationAnalyzerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using AiBackend;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.EntityFrameworkCore;

        """;

    [Fact]
    public async Task Valid_resources_are_not_reported()
    {
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/todos"), OwnedBy(nameof(OwnerId))]
            public class Todo
            {
                public int Id { get; set; }
                [Required] public string Title { get; set; } = "";
                public string OwnerId { get; set; } = "";
                [JsonIgnore] public List<Tag> Tags { get; set; } = new();
            }

            [Resource("/api/tags", DbContext = typeof(Other))]
            public class Tag { [Key] public System.Guid Code { get; set; } }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Todo> Todos => Set<Todo>(); public DbSet<Tag> Tags => Set<Tag>(); }
            public sealed class Other(DbContextOptions<Other> o) : DbContext(o) { public DbSet<Tag> Tags => Set<Tag>(); }
            """);
    }

    [Fact]
    public async Task Shape_key_and_route_problems_are_reported_where_they_are()
    {
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/notes")]
            public class {|AIB5006:Note|} { public string Text { get; set; } = ""; }

            [Resource("/api/codes")]
            public class Code { public decimal {|AIB5006:Id|} { get; set; } }

            [Resource({|AIB5006:"/api/pins/{id}"|})]
            public class Pin { public int Id { get; set; } }

            [Resource("/api/bad")]
            public abstract class {|AIB5006:Bad|} { public int Id { get; set; } }

            [Resource("/api/sized", MaxPageSize = 10, DefaultPageSize = 50)]
            public class {|AIB5006:Sized|} { public int Id { get; set; } }

            [Resource("/api/colors")]
            public record {|AIB5006:Color|}(int Id, string Name);

            [Resource("/api/labels")]
            public record Label { public int Id { get; set; } public string Name { get; set; } = ""; }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o)
            {
                public DbSet<Note> Notes => Set<Note>(); public DbSet<Code> Codes => Set<Code>(); public DbSet<Pin> Pins => Set<Pin>(); public DbSet<Sized> Sized => Set<Sized>(); public DbSet<Color> Colors => Set<Color>(); public DbSet<Label> Labels => Set<Label>();
            }
            """);
    }

    [Fact]
    public async Task Owner_problems_are_reported()
    {
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/a"), OwnedBy({|AIB5007:"Nobody"|})]
            public class A { public int Id { get; set; } }

            [Resource("/api/b"), OwnedBy(nameof(Owner))]
            public class B { public int Id { get; set; } public int {|AIB5007:Owner|} { get; set; } }

            [Resource("/api/c"), OwnedBy(nameof(Owner)), AllowAnonymous]
            public class {|AIB5007:C|} { public int Id { get; set; } public string Owner { get; set; } = ""; }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<A> A => Set<A>(); public DbSet<B> B => Set<B>(); public DbSet<C> C => Set<C>(); }
            """);
    }

    [Fact]
    public async Task A_missing_or_ambiguous_db_context_is_reported()
    {
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/orphans")]
            public class {|AIB5008:Orphan|} { public int Id { get; set; } }

            [Resource("/api/shared")]
            public class {|AIB5008:Shared|} { public int Id { get; set; } }

            public sealed class One(DbContextOptions<One> o) : DbContext(o) { public DbSet<Shared> Shared => Set<Shared>(); }
            public sealed class Two(DbContextOptions<Two> o) : DbContext(o) { public DbSet<Shared> Shared => Set<Shared>(); }
            """);
    }

    [Fact]
    public async Task A_member_that_cannot_be_a_dto_member_is_a_warning_until_marked_JsonIgnore()
    {
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/posts")]
            public class Post
            {
                public int Id { get; set; }
                public List<Comment> {|AIB5009:Comments|} { get; set; } = new();
                [JsonIgnore] public Comment? Pinned { get; set; }
            }

            public class Comment { public int Id { get; set; } }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Post> Posts => Set<Post>(); }
            """);
    }

    [Fact]
    public async Task A_reference_navigation_is_represented_by_its_foreign_key_and_not_reported()
    {
        // Issue 15: every navigation raised AIB5009. One whose foreign key is a DTO member is handled (the key is
        // checked and scopes the child); one without a key, and a collection, are still left out and reported.
        await Verify.VerifyAsync(Usings + """
            using System.ComponentModel.DataAnnotations.Schema;

            [Resource("/api/work-items")]
            public class WorkItem
            {
                public int Id { get; set; }
                public int ProjectId { get; set; }
                public Project? Project { get; set; }
                [ForeignKey(nameof(Reviewer))] public int? ReviewerProjectId { get; set; }
                public Project? Reviewer { get; set; }
                public Project? {|AIB5009:Archive|} { get; set; }
                public List<Project> {|AIB5009:Related|} { get; set; } = new();
            }

            public class Project { public int Id { get; set; } }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<WorkItem> Items => Set<WorkItem>(); }
            """);
    }

    [Fact]
    public async Task Expanded_navigations_are_handled_and_not_reported()
    {
        // Issue 15: with [Expand] a navigation is returned nested instead of raising AIB5009: a reference to an owned
        // parent, a collection of children, a plain entity, a resource that expands too (nested one level deep), itself.
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/projects"), OwnedBy(nameof(OwnerId))]
            public class Project
            {
                public int Id { get; set; }
                public string OwnerId { get; set; } = "";
                [Expand] public List<WorkItem> Items { get; set; } = new();
                [Expand] public ICollection<Note> Notes { get; set; } = new List<Note>();
            }

            [Resource("/api/work-items")]
            public class WorkItem
            {
                public int Id { get; set; }
                public int ProjectId { get; set; }
                [Expand] public Project? Project { get; set; }
                public int? ParentId { get; set; }
                [Expand] public WorkItem? Parent { get; set; }
            }

            public class Note { public int Id { get; set; } public string Text { get; set; } = ""; public int ProjectId { get; set; } }

            [Resource("/api/labels"), Authorize(Roles = "admin")]
            public class Label { public int Id { get; set; } public int? GroupId { get; set; } [Expand] public LabelGroup? Group { get; set; } }

            [Resource("/api/label-groups"), Authorize(Roles = "admin, curator")]
            public class LabelGroup { public int Id { get; set; } public string Name { get; set; } = ""; }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o)
            {
                public DbSet<Project> Projects => Set<Project>(); public DbSet<WorkItem> Items => Set<WorkItem>(); public DbSet<Note> Notes => Set<Note>();
                public DbSet<Label> Labels => Set<Label>(); public DbSet<LabelGroup> Groups => Set<LabelGroup>();
            }
            """);
    }

    [Fact]
    public async Task Expand_on_a_class_that_is_no_resource_nor_the_base_of_one_is_reported()
    {
        // It would do nothing, silently; on the base of a resource it shapes the resource's responses.
        await Verify.VerifyAsync(Usings + """
            public class Project { public int Id { get; set; } }

            public class Draft
            {
                public int Id { get; set; }
                public int ProjectId { get; set; }
                [{|AIB5006:Expand|}] public Project? Project { get; set; }
            }

            public abstract class Tracked
            {
                public int Id { get; set; }
                public int ProjectId { get; set; }
                [Expand] public Project? Project { get; set; }
            }

            [Resource("/api/tasks")]
            public class TaskItem : Tracked { public string Title { get; set; } = ""; }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o)
            {
                public DbSet<Project> Projects => Set<Project>(); public DbSet<TaskItem> Tasks => Set<TaskItem>();
            }
            """);
    }

    [Fact]
    public async Task Expansions_that_cannot_be_nested_safely_are_reported_where_they_are()
    {
        // Each would either not compile, show rows the caller cannot read through their own resource, or show nothing.
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/projects"), OwnedBy(nameof(OwnerId))]
            public class Project { public int Id { get; set; } public string OwnerId { get; set; } = ""; }

            [Resource("/api/secrets"), Authorize(Roles = "admin")]
            public class Secret { public int Id { get; set; } public string Value { get; set; } = ""; }

            // Admins or curators read a shelf, but only admins its vault: a curator would see the vault nested.
            [Resource("/api/shelves"), Authorize(Roles = "admin,curator")]
            public class Shelf { public int Id { get; set; } public int? VaultId { get; set; } [Expand] public Secret? {|AIB5006:Vault|} { get; set; } }

            [Resource("/api/members")]
            public class Member { public int Id { get; set; } }

            [Resource("/api/audits", Operations = ResourceOperations.Create)]
            public class Audit { public int Id { get; set; } public string Text { get; set; } = ""; }

            public class Blob { public byte[] Data { get; set; } = new byte[0]; }
            public class Keyless { public string Text { get; set; } = ""; }

            [Resource("/api/boards")]
            public class Board
            {
                public int Id { get; set; }
                [Expand] public string {|AIB5006:Title|} { get; set; } = "";
                [Expand] public List<string> {|AIB5006:Words|} { get; set; } = new();
                [Expand, JsonIgnore] public Member? {|AIB5006:Hidden|} { get; set; }
                [Expand] public Project? {|AIB5006:Pinned|} { get; set; }
                public int? SecretId { get; set; }
                [Expand] public Secret? {|AIB5006:Secret|} { get; set; }
                [Expand] public Blob? {|AIB5006:Blob|} { get; set; }
                [Expand] public List<Keyless> {|AIB5006:Lines|} { get; set; } = new();
                public int? AuditId { get; set; }
                [Expand] public Audit? {|AIB5006:Audit|} { get; set; }
            }

            [Resource("/api/feeds", Operations = ResourceOperations.List)]
            public class Feed { public int Id { get; set; } [Expand] public List<Member> {|AIB5006:Members|} { get; set; } = new(); }

            [Resource("/api/walls"), AllowAnonymous]
            public class Wall { public int Id { get; set; } public int? MemberId { get; set; } [Expand] public Member? {|AIB5006:Member|} { get; set; } }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o)
            {
                public DbSet<Project> Projects => Set<Project>(); public DbSet<Secret> Secrets => Set<Secret>(); public DbSet<Member> Members => Set<Member>(); public DbSet<Audit> Audits => Set<Audit>(); public DbSet<Shelf> Shelves => Set<Shelf>();
                public DbSet<Board> Boards => Set<Board>(); public DbSet<Feed> Feeds => Set<Feed>(); public DbSet<Wall> Walls => Set<Wall>();
            }
            """);
    }

    [Fact]
    public async Task A_resource_without_operations_is_reported()
    {
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/nothing", Operations = ResourceOperations.None)]
            public class {|AIB5006:Nothing|} { public int Id { get; set; } }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Nothing> Items => Set<Nothing>(); }
            """);
    }

    [Fact]
    public async Task A_child_of_an_owned_resource_cannot_allow_anonymous_access()
    {
        // Scoped through its project, a work item needs a user: anonymous callers could only ever get 403. A parent
        // nobody owns (Category) scopes nothing, so an article may be anonymous.
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/projects"), OwnedBy(nameof(OwnerId))]
            public class Project { public int Id { get; set; } public string OwnerId { get; set; } = ""; }

            [Resource("/api/work-items"), AllowAnonymous]
            public class {|AIB5007:WorkItem|} { public int Id { get; set; } public int ProjectId { get; set; } }

            [Resource("/api/notes"), AllowAnonymous]
            public class {|AIB5007:Note|} { public int Id { get; set; } public int? ProjectId { get; set; } [JsonIgnore] public Project? Project { get; set; } }

            public class Category { public int Id { get; set; } }

            [Resource("/api/articles"), AllowAnonymous]
            public class Article { public int Id { get; set; } public int CategoryId { get; set; } [JsonIgnore] public Category? Category { get; set; } }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o)
            {
                public DbSet<Project> Projects => Set<Project>();
                public DbSet<WorkItem> Items => Set<WorkItem>();
                public DbSet<Note> Notes => Set<Note>();
                public DbSet<Article> Articles => Set<Article>();
            }
            """);
    }

    [Fact]
    public async Task Filter_and_sort_members_that_do_not_exist_or_cannot_be_used_are_reported_where_they_are_named()
    {
        // Each name is reported at its own array element: a typo, a hidden member (filtering by a secret would let
        // clients guess it), a type an equality filter or an ORDER BY cannot take, and a name the list uses itself.
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/work-items",
                Filter = new[] { nameof(Status), {|AIB5006:"Stauts"|}, {|AIB5006:nameof(Secret)|}, {|AIB5006:nameof(Estimate)|}, {|AIB5006:nameof(Page)|} },
                Sort = new[] { nameof(Priority), nameof(Estimate), {|AIB5006:nameof(Link)|}, {|AIB5006:"Nope"|} })]
            public class WorkItem
            {
                public int Id { get; set; }
                public Status Status { get; set; }
                public int Priority { get; set; }
                public double Estimate { get; set; }
                public int Page { get; set; }
                public System.Uri? Link { get; set; }
                [JsonIgnore] public string Secret { get; set; } = "";
            }

            public enum Status { Open, Done }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<WorkItem> Items => Set<WorkItem>(); }
            """);
    }

    [Fact]
    public async Task Filter_and_sort_on_a_resource_without_a_list_are_reported()
    {
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/items", Operations = ResourceOperations.Get, Filter = new[] { {|AIB5006:nameof(Name)|} }, Sort = new[] { {|AIB5006:nameof(Name)|}, nameof(Id) })]
            public class Item { public int Id { get; set; } public string Name { get; set; } = ""; }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<Item> Items => Set<Item>(); }
            """);
    }

    [Fact]
    public async Task Filter_and_sort_members_of_the_response_are_not_reported()
    {
        // Every filterable kind (enum, string, bool, int, nullable Guid, a foreign key), sortable dates, and a
        // collection expression.
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/work-items",
                Filter = new[] { nameof(Status), nameof(Title), nameof(Done), nameof(Priority), nameof(AssigneeId), nameof(ProjectId) },
                Sort = [nameof(Priority), nameof(Title), nameof(DueAt), nameof(Id)])]
            public class WorkItem
            {
                public int Id { get; set; }
                public Status Status { get; set; }
                public string Title { get; set; } = "";
                public bool Done { get; set; }
                public int Priority { get; set; }
                public System.Guid? AssigneeId { get; set; }
                public System.DateTimeOffset? DueAt { get; set; }
                public int ProjectId { get; set; }
            }

            public enum Status { Open, Done }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o) { public DbSet<WorkItem> Items => Set<WorkItem>(); }
            """);
    }

    [Fact]
    public async Task String_keys_and_soft_delete_markers_that_work_are_not_reported()
    {
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/countries"), SoftDelete(nameof(Retired))]
            public class Country { [Key] public string Code { get; set; } = ""; public bool Retired { get; set; } }

            [Resource("/api/currencies"), SoftDelete(nameof(DeletedAt))]
            public class Currency { public string Id { get; set; } = System.Guid.NewGuid().ToString(); public System.DateTimeOffset? DeletedAt { get; set; } }

            [Resource("/api/regions"), SoftDelete(nameof(RemovedOn))]
            public class Region { public int Id { get; set; } public System.DateTime? RemovedOn { get; set; } }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o)
            {
                public DbSet<Country> Countries => Set<Country>();
                public DbSet<Currency> Currencies => Set<Currency>();
                public DbSet<Region> Regions => Set<Region>();
            }
            """);
    }

    [Fact]
    public async Task A_soft_delete_marker_that_is_missing_or_cannot_mark_a_row_is_reported()
    {
        // A non-nullable date is never 'not deleted'; a marker without a public setter cannot be set by DELETE.
        await Verify.VerifyAsync(Usings + """
            [Resource("/api/a"), SoftDelete({|AIB5006:"IsDeleted"|})]
            public class A { public int Id { get; set; } }

            [Resource("/api/b"), SoftDelete(nameof(DeletedAt))]
            public class B { public int Id { get; set; } public System.DateTimeOffset {|AIB5006:DeletedAt|} { get; set; } }

            [Resource("/api/c"), SoftDelete(nameof(Deleted))]
            public class C { public int Id { get; set; } public bool {|AIB5006:Deleted|} { get; private set; } }

            public sealed class Db(DbContextOptions<Db> o) : DbContext(o)
            {
                public DbSet<A> As => Set<A>();
                public DbSet<B> Bs => Set<B>();
                public DbSet<C> Cs => Set<C>();
            }
            """);
    }
}
