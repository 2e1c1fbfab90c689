using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Verify = AiBackend.Testing.GeneratorVerifier<AiBackend.Generators.Endpoints.EndpointGenerator>;

namespace AiBackend.Tests.Endpoints;

/// <summary>[Resource]: snapshots of every shape, a clean compile under warnings-as-errors, cached after unrelated edits.</summary>
public class ResourceGeneratorTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using System.Text.Json.Serialization;
        using AiBackend;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.EntityFrameworkCore;

        """;

    [Fact]
    public void Owned_resource_with_validation_server_set_members_and_a_concurrency_token()
    {
        Verify.Verify(Usings + """
            namespace Shop;

            /// <summary>An order placed by a customer.</summary>
            [Resource("/api/orders/", MaxPageSize = 25, DefaultPageSize = 10, Tag = "Orders")]
            [OwnedBy(nameof(CustomerId))]
            public class Order
            {
                public long Id { get; set; }

                [Required, StringLength(80, MinimumLength = 3)]
                public string Reference { get; set; } = "";

                [Range(1, 1000)]
                public int Quantity { get; set; }

                [EmailAddress]
                public string? ContactEmail { get; set; }

                public OrderStatus Status { get; set; }

                [ServerSet]
                public DateTimeOffset PlacedAt { get; set; }

                [DatabaseGenerated(DatabaseGeneratedOption.Computed)]
                public decimal Total { get; set; }

                public string Channel { get; init; } = "web";

                public string Display => Reference + " x" + Quantity;

                public string CustomerId { get; set; } = "";

                [ConcurrencyCheck]
                public Guid Stamp { get; set; }

                [JsonIgnore]
                public List<OrderLine> Lines { get; set; } = new();
            }

            public enum OrderStatus { Open, Shipped }

            public class OrderLine { public int Id { get; set; } }

            public sealed class ShopDb(DbContextOptions<ShopDb> options) : DbContext(options)
            {
                public DbSet<Order> Orders => Set<Order>();
            }
            """);
    }

    [Fact]
    public void Anonymous_resource_with_a_guid_key_in_a_named_context_and_an_authorize_policy_on_another()
    {
        Verify.Verify(Usings + """
            namespace Catalog;

            [Resource("/api/products", DbContext = typeof(CatalogDb))]
            [AllowAnonymous]
            internal class Product
            {
                [Key]
                public Guid Sku { get; set; }

                [MaxLength(100)]
                public string Name { get; set; } = "";

                [Timestamp]
                public byte[]? RowVersion { get; set; }
            }

            [Resource("/api/suppliers")]
            [Authorize(Policy = "Purchasing")]
            public class Supplier
            {
                public int SupplierId { get; set; }

                public string? Name { get; set; }
            }

            internal sealed class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
            {
                public DbSet<Product> Products => Set<Product>();
                public DbSet<Supplier> Suppliers => Set<Supplier>();
            }

            internal sealed class ReportingDb(DbContextOptions<ReportingDb> options) : DbContext(options)
            {
                public DbSet<Product> Products => Set<Product>();
            }
            """);
    }

    [Fact]
    public void Resources_the_analyzer_reports_generate_nothing()
    {
        // No key; ambiguous context; owner of the wrong type: AIB5006–AIB5008 explain each. The valid one is generated.
        var output = Verify.Verify(Usings + """
            [Resource("/api/notes")]
            public class Note { public string Text { get; set; } = ""; }

            [Resource("/api/tags")]
            public class Tag { public int Id { get; set; } }

            [Resource("/api/files"), OwnedBy(nameof(Owner))]
            public class StoredFile { public int Id { get; set; } public int Owner { get; set; } }

            [Resource("/api/pins")]
            public class Pin { public int Id { get; set; } }

            public sealed class A(DbContextOptions<A> o) : DbContext(o) { public DbSet<Tag> Tags => Set<Tag>(); public DbSet<Note> Notes => Set<Note>(); public DbSet<Pin> Pins => Set<Pin>(); public DbSet<StoredFile> Files => Set<StoredFile>(); }
            public sealed class B(DbContextOptions<B> o) : DbContext(o) { public DbSet<Tag> Tags => Set<Tag>(); }
            """);

        Assert.Equal(new[] { "AiBackendEndpoints.g.cs", "Pin.Resource.g.cs" },
            output.SyntaxTrees.Select(t => Path.GetFileName(t.FilePath)).Where(n => n.EndsWith(".g.cs", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_record_class_resource_is_generated_like_a_class()
    {
        // Issue 15: a [Resource] record used to generate nothing and report nothing.
        var output = Verify.Verify(Usings + """
            namespace Catalog;

            [Resource("/api/labels")]
            public record Label
            {
                public int Id { get; set; }

                [Required, StringLength(40)]
                public string Name { get; set; } = "";
            }

            public sealed class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
            {
                public DbSet<Label> Labels => Set<Label>();
            }
            """);

        Assert.Contains(output.SyntaxTrees, t => Path.GetFileName(t.FilePath) == "Catalog.Label.Resource.g.cs");
    }

    [Fact]
    public void Members_inherited_from_a_base_entity_are_mapped_with_the_key_and_owner_they_declare()
    {
        // The commonest real model: Id, audit and owner members on a BaseEntity. They used to be invisible: no key (AIB5006)
        // and no owner, so such an entity could not be a resource at all.
        Verify.Verify(Usings + """
            namespace Tracker;

            public abstract class BaseEntity
            {
                public Guid Id { get; set; }

                [ServerSet]
                public DateTimeOffset CreatedAt { get; set; }

                public virtual string Title { get; set; } = "";
            }

            public abstract class OwnedEntity : BaseEntity
            {
                public string OwnerId { get; set; } = "";
            }

            [Resource("/api/notes"), OwnedBy(nameof(OwnerId))]
            public class Note : OwnedEntity
            {
                [Required, StringLength(80)]
                public override string Title { get; set; } = "";

                public string Body { get; set; } = "";
            }

            public sealed class TrackerDb(DbContextOptions<TrackerDb> options) : DbContext(options)
            {
                public DbSet<Note> Notes => Set<Note>();
            }
            """);
    }

    [Fact]
    public void Required_members_the_request_does_not_carry_are_still_initialised()
    {
        // Issue 15: a required owner or server-set member broke the generated code with CS9035.
        Verify.Verify(Usings + """
            namespace Tracker;

            [Resource("/api/projects"), OwnedBy(nameof(OwnerId))]
            public class Project
            {
                public int Id { get; set; }

                [StringLength(80)]
                public required string Name { get; set; }

                public required string OwnerId { get; set; }

                [ServerSet]
                public required DateTimeOffset CreatedAt { get; set; }
            }

            public sealed class TrackerDb(DbContextOptions<TrackerDb> options) : DbContext(options)
            {
                public DbSet<Project> Projects => Set<Project>();
            }
            """);
    }

    [Fact]
    public void Children_of_an_owned_resource_are_scoped_through_their_parent_chain()
    {
        // Issue 15: another user could POST a work item into someone else's project (201), and it then showed in the
        // owner's list; an unknown projectId was a 500 from the foreign key. WorkItem reaches Project through a
        // navigation, Comment reaches WorkItem by name only (no navigation), and its optional reviewer is nullable.
        Verify.Verify(Usings + """
            namespace Tracker;

            [Resource("/api/projects"), OwnedBy(nameof(OwnerId))]
            public class Project
            {
                public int Id { get; set; }
                [Required, StringLength(80)] public string Name { get; set; } = "";
                public string OwnerId { get; set; } = "";
                [JsonIgnore] public List<WorkItem> Items { get; set; } = new();
            }

            [Resource("/api/work-items")]
            public class WorkItem
            {
                public int Id { get; set; }
                [Required, StringLength(120)] public string Title { get; set; } = "";
                public int ProjectId { get; set; }
                public Project? Project { get; set; }
            }

            [Resource("/api/comments")]
            public class Comment
            {
                public long Id { get; set; }
                public int WorkItemId { get; set; }
                [ForeignKey(nameof(Reviewer))] public int? ReviewedBy { get; set; }
                public Project? Reviewer { get; set; }
                public string Text { get; set; } = "";
            }

            public sealed class TrackerDb(DbContextOptions<TrackerDb> options) : DbContext(options)
            {
                public DbSet<Project> Projects => Set<Project>();
                public DbSet<WorkItem> WorkItems => Set<WorkItem>();
                public DbSet<Comment> Comments => Set<Comment>();
            }
            """);
    }

    [Fact]
    public void Expanded_navigations_are_nested_in_responses_and_limited_to_what_the_caller_may_read()
    {
        // Issue 15: navigation properties could only be left out (AIB5009). Project nests its work items (owned through
        // the project, soft-deleted ones left out); WorkItem nests its project (which expands too, so a generated DTO of
        // its members rather than its response), its assignee (a plain entity with a hidden member) and its parent item.
        var output = Verify.Verify(Usings + """
            namespace Tracker;

            [Resource("/api/projects"), OwnedBy(nameof(OwnerId))]
            public class Project
            {
                public int Id { get; set; }
                [Required, StringLength(80)] public string Name { get; set; } = "";
                public string OwnerId { get; set; } = "";
                [Expand] public List<WorkItem> Items { get; set; } = new();
            }

            [Resource("/api/work-items"), SoftDelete(nameof(DeletedAt))]
            public class WorkItem
            {
                public int Id { get; set; }
                [Required, StringLength(120)] public string Title { get; set; } = "";
                public int ProjectId { get; set; }
                [Expand] public Project? Project { get; set; }
                public int? AssigneeId { get; set; }
                [Expand] public Person? Assignee { get; set; }
                public int? ParentId { get; set; }
                [Expand] public WorkItem? Parent { get; set; }
                public DateTimeOffset? DeletedAt { get; set; }
            }

            public class Person
            {
                public int Id { get; set; }
                public string DisplayName { get; set; } = "";
                [JsonIgnore] public string PasswordHash { get; set; } = "";
            }

            [Resource("/api/tags", Operations = ResourceOperations.Read)]
            [AllowAnonymous]
            public class Tag
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public int? CategoryId { get; set; }
                [Expand] public Category? Category { get; set; }
            }

            [Resource("/api/categories"), AllowAnonymous]
            public class Category
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }

            public sealed class TrackerDb(DbContextOptions<TrackerDb> options) : DbContext(options)
            {
                public DbSet<Project> Projects => Set<Project>();
                public DbSet<WorkItem> WorkItems => Set<WorkItem>();
                public DbSet<Person> People => Set<Person>();
                public DbSet<Tag> Tags => Set<Tag>();
                public DbSet<Category> Categories => Set<Category>();
            }
            """);

        var project = output.GetTypeByMetadataName("Tracker.ProjectResponse")!;
        Assert.Equal(new[] { "Id", "Name", "OwnerId", "Items" }, Constructor(project));
        var nestedItem = output.GetTypeByMetadataName("Tracker.ProjectWorkItemResponse")!;
        Assert.Equal(new[] { "Id", "Title", "ProjectId", "AssigneeId", "ParentId" }, Constructor(nestedItem));
        // Nesting is one level deep: a work item's parent is shown without its own project, assignee or parent.
        Assert.Equal(new[] { "Id", "Title", "ProjectId", "AssigneeId", "ParentId" }, Constructor(output.GetTypeByMetadataName("Tracker.WorkItemWorkItemResponse")!));
        Assert.Equal(new[] { "Id", "DisplayName" }, Constructor(output.GetTypeByMetadataName("Tracker.WorkItemPersonResponse")!));
        // A resource without expansions of its own is nested as its own response.
        Assert.Equal("global::Tracker.CategoryResponse?", output.GetTypeByMetadataName("Tracker.TagResponse")!.GetMembers("Category").OfType<IPropertySymbol>().Single().Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier)));
        Assert.Null(output.GetTypeByMetadataName("Tracker.TagCategoryResponse"));
    }

    [Fact]
    public void Expansions_across_namespaces_with_string_keys_nullable_collections_and_soft_deleted_parents_compile()
    {
        // Shapes the first expansion test does not have: an internal resource nesting a resource of another namespace
        // as its own response, a string-keyed collection declared nullable, and an unowned soft-deleted parent (only
        // the marker hides it) on a resource without ownership.
        Verify.Verify(Usings + """
            namespace Catalog.Parts
            {
                [Resource("/api/components"), SoftDelete(nameof(Retired))]
                internal class Component
                {
                    [Key, StringLength(12)] public string Code { get; set; } = "";
                    public string Name { get; set; } = "";
                    public bool Retired { get; set; }
                    public int? FamilyId { get; set; }
                }
            }

            namespace Catalog
            {
                [Resource("/api/families")]
                internal class Family
                {
                    public int Id { get; set; }
                    public string Name { get; set; } = "";
                    [Expand] public List<Catalog.Parts.Component>? Components { get; set; }
                }

                [Resource("/api/kits")]
                internal class Kit
                {
                    public Guid Id { get; set; }
                    public string? ComponentCode { get; set; }
                    [Expand] public Catalog.Parts.Component? Component { get; set; }
                }

                internal sealed class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
                {
                    public DbSet<Catalog.Parts.Component> Components => Set<Catalog.Parts.Component>();
                    public DbSet<Family> Families => Set<Family>();
                    public DbSet<Kit> Kits => Set<Kit>();
                }
            }
            """);
    }

    [Fact]
    public void A_member_added_to_an_expanded_entity_in_another_file_reaches_the_nested_dto_on_the_next_run()
    {
        // The nested DTO is written with WorkItem, from Project's members: an edit to Project's file alone must not leave
        // WorkItem's output stale (the per-edit re-run of the transform sees it, and only the changed output is re-emitted).
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        const string Project = Usings + """
            namespace Tracker;
            [Resource("/api/projects"), OwnedBy(nameof(OwnerId))]
            public class Project { public int Id { get; set; } public string OwnerId { get; set; } = ""; [Expand] public List<WorkItem> Items { get; set; } = new(); }
            """;
        const string WorkItem = Usings + """
            namespace Tracker;
            [Resource("/api/work-items")]
            public class WorkItem { public int Id { get; set; } public int ProjectId { get; set; } [Expand] public Project? Project { get; set; } }
            public sealed class TrackerDb(DbContextOptions<TrackerDb> options) : DbContext(options) { public DbSet<Project> Projects => Set<Project>(); public DbSet<WorkItem> WorkItems => Set<WorkItem>(); }
            """;
        var projectTree = CSharpSyntaxTree.ParseText(Project, parseOptions, "/src/Project.cs");
        var compilation = CSharpCompilation.Create("Nested", new[] { projectTree, CSharpSyntaxTree.ParseText(WorkItem, parseOptions, "/src/WorkItem.cs") },
            TestReferences.Default, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new Generators.Endpoints.EndpointGenerator().AsSourceGenerator() }, parseOptions: parseOptions);
        driver = driver.RunGenerators(compilation);
        Assert.Contains("WorkItemProjectResponse(int Id, string OwnerId)", WorkItemOutput(driver));

        var edited = projectTree.WithChangedText(SourceText.From(Project.Replace("public int Id { get; set; }", "public int Id { get; set; } public string Name { get; set; } = \"\";")));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(projectTree, edited));
        Assert.Contains("WorkItemProjectResponse(int Id, string Name, string OwnerId)", WorkItemOutput(driver));

        static string WorkItemOutput(GeneratorDriver run) =>
            run.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Tracker.WorkItem.Resource.g.cs").SourceText.ToString();
    }

    private static string[] Constructor(INamedTypeSymbol record) =>
        record.InstanceConstructors.Where(c => c.Parameters.Length > 0 && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, record)))
            .Single().Parameters.Select(p => p.Name).ToArray();

    [Fact]
    public void Lists_are_filtered_and_sorted_by_the_members_the_entity_allows()
    {
        // Issue 15: '?sort=' and '?name=' were ignored. Filters are typed by their member (an enum, a foreign key, a
        // nullable Guid, a string); sorting ends with the key so paging is stable; anything else is a 400.
        Verify.Verify(Usings + """
            namespace Tracker;

            [Resource("/api/work-items",
                Filter = new[] { nameof(Status), nameof(ProjectId), nameof(AssigneeId), nameof(Title) },
                Sort = new[] { nameof(Priority), nameof(Title), nameof(DueAt) })]
            public class WorkItem
            {
                public int Id { get; set; }
                [Required, StringLength(120)] public string Title { get; set; } = "";
                [Range(1, 5)] public int Priority { get; set; } = 3;
                public WorkItemStatus Status { get; set; }
                public Guid? AssigneeId { get; set; }
                public DateTimeOffset? DueAt { get; set; }
                public int ProjectId { get; set; }
            }

            public enum WorkItemStatus { Open, InProgress, Done }

            public sealed class TrackerDb(DbContextOptions<TrackerDb> options) : DbContext(options)
            {
                public DbSet<WorkItem> WorkItems => Set<WorkItem>();
            }
            """);
    }

    [Fact]
    public void String_keys_route_without_a_constraint_and_soft_delete_marks_rows_that_every_query_leaves_out()
    {
        // Issue 15: string keys and soft delete could not be expressed. A country's code is the client's natural key
        // (required on create, 409 when taken); a currency fills in its own string key; a deleted project hides its
        // work items (an owned chain) and takes no new ones; a work item is marked with a time, a label with a flag.
        Verify.Verify(Usings + """
            namespace Tracker;

            [Resource("/api/countries")]
            public class Country
            {
                [Key, StringLength(2, MinimumLength = 2)] public string Code { get; set; } = "";
                [Required] public string Name { get; set; } = "";
            }

            [Resource("/api/currencies")]
            public class Currency
            {
                public string Id { get; set; } = Guid.NewGuid().ToString("N");
                public string Symbol { get; set; } = "";
            }

            [Resource("/api/projects"), OwnedBy(nameof(OwnerId)), SoftDelete(nameof(IsDeleted))]
            public class Project
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
                public string OwnerId { get; set; } = "";
                public bool IsDeleted { get; set; }
            }

            [Resource("/api/work-items"), SoftDelete(nameof(DeletedAt))]
            public class WorkItem
            {
                public int Id { get; set; }
                public string Title { get; set; } = "";
                public int ProjectId { get; set; }
                public string? CountryCode { get; set; }
                public DateTimeOffset? DeletedAt { get; set; }
            }

            public sealed class TrackerDb(DbContextOptions<TrackerDb> options) : DbContext(options)
            {
                public DbSet<Country> Countries => Set<Country>();
                public DbSet<Currency> Currencies => Set<Currency>();
                public DbSet<Project> Projects => Set<Project>();
                public DbSet<WorkItem> WorkItems => Set<WorkItem>();
            }
            """);
    }

    [Fact]
    public void A_parent_nobody_owns_is_only_checked_to_exist()
    {
        // A foreign key to an unowned entity scopes nothing, but a dangling one still answers 404, not a 500.
        Verify.Verify(Usings + """
            namespace Catalog;

            public class Category { public Guid Id { get; set; } public string Name { get; set; } = ""; }

            [Resource("/api/products")]
            [Authorize(Roles = "admin, editor")]
            public class Product
            {
                public int Id { get; set; }
                public Guid CategoryId { get; set; }
                [JsonIgnore] public Category? Category { get; set; }
                public string Name { get; set; } = "";
            }

            public sealed class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
            {
                public DbSet<Category> Categories => Set<Category>();
                public DbSet<Product> Products => Set<Product>();
            }
            """);
    }

    [Fact]
    public void Operations_and_per_operation_authorization_choose_what_is_mapped_and_who_may_call_it()
    {
        // Issue 15: read-only resources could not be expressed.
        Verify.Verify(Usings + """
            namespace Catalog;

            [Resource("/api/countries", Operations = ResourceOperations.Read), AllowAnonymous]
            public class Country { public int Id { get; set; } public string Name { get; set; } = ""; }

            // Issue 15: an admin role on a resource also blocked reads. Everyone reads currencies; admins change them.
            [Resource("/api/currencies", WriteRoles = "admin", Operations = ResourceOperations.All & ~ResourceOperations.Patch), AllowAnonymous]
            public class Currency { public int Id { get; set; } public string Code { get; set; } = ""; }

            // Signed-in users read tags; the Curation policy changes them.
            [Resource("/api/tags", ReadRoles = "reader,editor", WritePolicy = "Curation", Operations = ResourceOperations.List | ResourceOperations.Create)]
            public class Tag { public int Id { get; set; } public string Name { get; set; } = ""; }

            public sealed class CatalogDb(DbContextOptions<CatalogDb> options) : DbContext(options)
            {
                public DbSet<Country> Countries => Set<Country>();
                public DbSet<Currency> Currencies => Set<Currency>();
                public DbSet<Tag> Tags => Set<Tag>();
            }
            """);
    }

    [Theory]
    [InlineData("WorkItem", "ListWorkItems", "Lists work items, a page at a time.", "Creates a work item.")]
    [InlineData("Category", "ListCategories", "Lists categories, a page at a time.", "Creates a category.")]
    [InlineData("Address", "ListAddresses", "Lists addresses, a page at a time.", "Creates an address.")]
    [InlineData("Person", "ListPeople", "Lists people, a page at a time.", "Creates a person.")]
    [InlineData("UserDay", "ListUserDays", "Lists user days, a page at a time.", "Creates a user day.")]
    [InlineData("Box", "ListBoxes", "Lists boxes, a page at a time.", "Creates a box.")]
    [InlineData("HTMLPage", "ListHTMLPages", "Lists HTML pages, a page at a time.", "Creates an HTML page.")]
    [InlineData("Order", "ListOrders", "Lists orders, a page at a time.", "Creates an order.")]
    public void Operation_names_and_summaries_are_plural_english(string entity, string listName, string listSummary, string createSummary)
    {
        // Issue 15: "ListWorkItem" and "Lists WorkItem items" read as machine output in every OpenAPI client.
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var source = Usings + $$"""
            [Resource("/api/things")]
            public class {{entity}} { public int Id { get; set; } }

            public sealed class Db(DbContextOptions<Db> options) : DbContext(options) { public DbSet<{{entity}}> Items => Set<{{entity}}>(); }
            """;
        var compilation = CSharpCompilation.Create("Api", new[] { CSharpSyntaxTree.ParseText(source, parseOptions) }, TestReferences.Default,
            new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        var run = CSharpGeneratorDriver.Create(new[] { new Generators.Endpoints.EndpointGenerator().AsSourceGenerator() }, parseOptions: parseOptions)
            .RunGenerators(compilation).GetRunResult();

        var generated = Assert.Single(run.GeneratedTrees, t => t.FilePath.EndsWith(".Resource.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains($".WithName(\"{listName}\")", generated);
        Assert.Contains($".WithSummary(\"{listSummary}\")", generated);
        Assert.Contains($".WithSummary(\"{createSummary}\")", generated);
        Assert.Contains($".WithName(\"Get{entity}\")", generated);
    }

    [Fact]
    public void Endpoints_and_resources_share_one_mapper_with_groups_docs_and_validation()
    {
        Verify.Verify(Usings + """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.HttpResults;

            namespace Api;

            [Resource("/api/notes")]
            public class Note { public int Id { get; set; } public string Text { get; set; } = ""; }

            public sealed class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options) { public DbSet<Note> Notes => Set<Note>(); }

            public sealed record Rename([property: Required, MaxLength(40)] string Name, [property: Range(1, 5)] int Priority);

            [EndpointGroup("/api/admin", Tags = new[] { "Admin" })]
            [Authorize(Roles = "admin")]
            public static partial class Admin
            {
                [EndpointGroup("/users/{userId}")]
                public static partial class Users
                {
                    [Endpoint("PUT", "/name")]
                    public static partial class RenameUser
                    {
                        /// <summary>Renames a user.</summary>
                        /// <remarks>Only <see cref="Rename.Name"/> changes; see <paramref name="userId"/>.</remarks>
                        public static NoContent Handle(string userId, Rename body) => TypedResults.NoContent();
                    }
                }

                [Endpoint("GET", "/ping", Tags = new[] { "Health", "Probes" })]
                [AllowAnonymous]
                public static partial class Ping
                {
                    public static string Handle() => "pong";
                }
            }
            """);
    }
}
