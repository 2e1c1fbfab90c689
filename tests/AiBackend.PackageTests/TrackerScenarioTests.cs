namespace AiBackend.PackageTests;

/// <summary>
/// Issue 15's scenario, as a new user builds it from the package: a tracker API with owned projects, work items that
/// belong to a project, admin-only labels and an endpoint group on SQLite, and a test project whose tests are generated
/// from it. Every generated test must pass, and another user's project must be unreachable through a work item (404).
/// </summary>
public sealed class TrackerScenarioTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "aib-tracker-test-" + Guid.NewGuid().ToString("N"));

    private const string ProgramSource = """
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.OpenApi;
        using Tracker;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
            o.Events.OnRedirectToLogin = context => { context.Response.StatusCode = 401; return Task.CompletedTask; });
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDetails();
        // The generated transformer, told the app's scheme: a cookie rather than the default bearer token.
        builder.Services.AddOpenApi(o => o.AddAiBackendSecurity(CookieAuthenticationDefaults.AuthenticationScheme,
            new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = ".AspNetCore.Cookies" }));
        // Enums as names, as many real APIs write them: the generated tests must read them with the app's options.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddDbContext<TrackerDb>(o => o.UseSqlite(builder.Configuration.GetConnectionString("Tracker") ?? "Data Source=tracker.db"));

        var app = builder.Build();
        using (var scope = app.Services.CreateScope())
            scope.ServiceProvider.GetRequiredService<TrackerDb>().Database.EnsureCreated();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAiBackendEndpoints();
        app.MapOpenApi();
        app.Run();

        public partial class Program;
        """;

    private const string ModelSource = """
        using System.ComponentModel.DataAnnotations;
        using System.Security.Claims;
        using System.Text.Json.Serialization;
        using AiBackend;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Http.HttpResults;
        using Microsoft.EntityFrameworkCore;

        namespace Tracker;

        [Resource("/api/projects"), OwnedBy(nameof(OwnerId))]
        public class Project
        {
            public int Id { get; set; }
            [Required, StringLength(80)] public required string Name { get; set; }
            public string OwnerId { get; set; } = "";
            [Expand] public List<WorkItem> Items { get; set; } = new();
        }

        public enum WorkItemStatus { Open, Active, Done }

        [Resource("/api/work-items", Filter = new[] { nameof(Status), nameof(ProjectId) }, Sort = new[] { nameof(Priority), nameof(Title) })]
        [SoftDelete(nameof(DeletedAt))]
        public class WorkItem
        {
            public int Id { get; set; }
            [Required, StringLength(120)] public required string Title { get; set; }
            public WorkItemStatus Status { get; set; }
            [Range(1, 5)] public int Priority { get; set; } = 3;
            public int ProjectId { get; set; }
            [Expand] public Project? Project { get; set; }
            [ServerSet] public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
            public DateTimeOffset? DeletedAt { get; set; }
        }

        // A natural string key: the client names the component ("api", "ui"), and the routes are /api/components/{code}.
        [Resource("/api/components")]
        public class Component
        {
            [Key, StringLength(12, MinimumLength = 2)] public string Code { get; set; } = "";
            [Required, StringLength(60)] public string Name { get; set; } = "";
        }

        [Resource("/api/labels"), Authorize(Roles = "admin")]
        public class Label
        {
            public int Id { get; set; }
            [Required, StringLength(30)] public string Name { get; set; } = "";
            [ConcurrencyCheck] public int Version { get; set; }
        }

        public sealed class TrackerDb(DbContextOptions<TrackerDb> options) : DbContext(options)
        {
            public DbSet<Project> Projects => Set<Project>();
            public DbSet<WorkItem> WorkItems => Set<WorkItem>();
            public DbSet<Label> Labels => Set<Label>();
            public DbSet<Component> Components => Set<Component>();
        }

        [EndpointGroup("/api/reports", Tags = new[] { "Reports" })]
        public static partial class Reports
        {
            [Endpoint("GET", "/open-items")]
            public static partial class OpenItems
            {
                /// <summary>How many of the caller's work items are not done.</summary>
                public static async Task<Results<Ok<int>, ForbidHttpResult>> HandleAsync(ClaimsPrincipal user, TrackerDb db, CancellationToken cancellationToken)
                {
                    if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
                        return TypedResults.Forbid();
                    return TypedResults.Ok(await db.WorkItems.CountAsync(w => w.Status != WorkItemStatus.Done && db.Projects.Any(p => p.Id == w.ProjectId && p.OwnerId == userId), cancellationToken));
                }
            }
        }
        """;

    // The README's snippet: the partial class lives in the generated factory's namespace ({test assembly}.Generated).
    private const string FactorySource = """
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Data.Sqlite;

        namespace Tracker.Tests.Generated;

        public partial class AiBackendApiFactory
        {
            // A shared-cache in-memory database lives as long as one connection to it is open: this one.
            private readonly SqliteConnection _keepAlive = new($"Data Source=file:tracker-{Guid.NewGuid():N}?mode=memory&cache=shared");

            partial void ConfigureHost(IWebHostBuilder builder)
            {
                _keepAlive.Open();
                builder.UseSetting("ConnectionStrings:Tracker", _keepAlive.ConnectionString);
            }

            protected override void Dispose(bool disposing)
            {
                base.Dispose(disposing);
                if (disposing)
                    _keepAlive.Dispose();
            }
        }
        """;

    // The report, written the way a user would check it by hand next to the generated tests.
    private const string CrossOwnerSource = """
        using System.Net;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;
        using Tracker;
        using Tracker.Tests.Generated;

        [assembly: AiBackend.GenerateEndpointTests(typeof(Program))]

        namespace Tracker.Tests;

        public sealed class CrossOwnerTests(AiBackendApiFactory factory) : IClassFixture<AiBackendApiFactory>
        {
            // The app writes enums as names: read its answers with its own options.
            private System.Text.Json.JsonSerializerOptions Json =>
                factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

            [Fact]
            public async Task A_work_item_cannot_be_added_to_another_users_project()
            {
                using var alice = factory.CreateClientFor("alice");
                using var mallory = factory.CreateClientFor("mallory");
                using var created = await alice.PostAsJsonAsync("/api/projects", new CreateProjectRequest { Name = "Alice's" });
                var project = (await created.Content.ReadFromJsonAsync<ProjectResponse>())!;

                using var intrusion = await mallory.PostAsJsonAsync("/api/work-items", new CreateWorkItemRequest { Title = "injected", Priority = 1, ProjectId = project.Id });
                Assert.Equal(HttpStatusCode.NotFound, intrusion.StatusCode);
                Assert.Equal("application/problem+json", intrusion.Content.Headers.ContentType?.MediaType);
                using var unknown = await alice.PostAsJsonAsync("/api/work-items", new CreateWorkItemRequest { Title = "lost", Priority = 1, ProjectId = project.Id + 1000 });
                Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
                using var missing = await alice.PostAsJsonAsync("/api/work-items", new { title = "no project", priority = 1 });
                Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

                var page = await alice.GetFromJsonAsync<WorkItemPage>("/api/work-items?pageSize=100", Json);
                Assert.DoesNotContain(page!.Items, item => item.Title == "injected");
            }

            [Fact]
            public async Task Work_items_are_filtered_by_status_and_project_and_sorted_by_priority()
            {
                using var alice = factory.CreateClientFor("alice-" + Guid.NewGuid().ToString("N"));
                using var created = await alice.PostAsJsonAsync("/api/projects", new CreateProjectRequest { Name = "Queries" });
                var project = (await created.Content.ReadFromJsonAsync<ProjectResponse>())!;
                foreach (var (title, priority, status) in new[] { ("b", 2, WorkItemStatus.Open), ("a", 2, WorkItemStatus.Open), ("c", 1, WorkItemStatus.Done) })
                    (await alice.PostAsJsonAsync("/api/work-items", new CreateWorkItemRequest { Title = title, Priority = priority, Status = status, ProjectId = project.Id })).EnsureSuccessStatusCode();

                var open = await alice.GetFromJsonAsync<WorkItemPage>($"/api/work-items?status=Open&projectId={project.Id}&sort=-priority,title", Json);
                Assert.Equal(new[] { "a", "b" }, open!.Items.Select(i => i.Title));
                Assert.Equal(2, open.TotalCount);
                // Equal priorities fall back to the key: page 2 of size 1 is the second item created, whatever the database does.
                var second = await alice.GetFromJsonAsync<WorkItemPage>($"/api/work-items?projectId={project.Id}&sort=-priority&page=2&pageSize=1", Json);
                Assert.Equal("a", second!.Items.Single().Title);

                foreach (var rejected in new[] { "title=a", "sort=createdAt", "status=7", "status=Nope", "projectId=x", "deletedAt=x" })
                {
                    using var response = await alice.GetAsync("/api/work-items?" + rejected);
                    Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"?{rejected} answered {(int)response.StatusCode}");
                }
            }

            [Fact]
            public async Task The_work_item_list_documents_its_filters_and_sort_as_typed_query_parameters()
            {
                using var client = factory.CreateClient();
                var text = await client.GetStringAsync("/openapi/v1.json");
                using var document = System.Text.Json.JsonDocument.Parse(text);
                var list = document.RootElement.GetProperty("paths").GetProperty("/api/work-items").GetProperty("get");
                var parameters = list.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
                Assert.True(parameters.ContainsKey("status") && parameters.ContainsKey("projectId") && parameters.ContainsKey("sort"), text);
                Assert.All(new[] { "status", "projectId", "sort", "page", "pageSize" }, name => Assert.Equal("query", parameters[name].GetProperty("in").GetString()));
                Assert.False(parameters.ContainsKey("http"), "the HttpRequest parameter is not a query parameter");
                // Typed by the member: the enum's own schema, with its names (the app writes enums as strings), an integer.
                Assert.Equal("#/components/schemas/WorkItemStatus", parameters["status"].GetProperty("schema").GetProperty("$ref").GetString());
                var status = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("WorkItemStatus").ToString();
                Assert.True(status.Contains("\"Open\"") && status.Contains("\"Done\""), status);
                Assert.Contains("integer", parameters["projectId"].GetProperty("schema").ToString());
                Assert.Contains("priority", parameters["sort"].GetProperty("description").GetString());
                Assert.True(list.GetProperty("responses").TryGetProperty("400", out _), text);
            }

            [Fact]
            public async Task A_deleted_work_item_is_kept_marked_and_left_out_of_every_query()
            {
                using var alice = factory.CreateClientFor("alice");
                using var created = await alice.PostAsJsonAsync("/api/projects", new CreateProjectRequest { Name = "Soft" });
                var project = (await created.Content.ReadFromJsonAsync<ProjectResponse>())!;
                using var posted = await alice.PostAsJsonAsync("/api/work-items", new CreateWorkItemRequest { Title = "to delete", ProjectId = project.Id });
                var item = (await posted.Content.ReadFromJsonAsync<WorkItemResponse>(Json))!;

                using (var deleted = await alice.DeleteAsync($"/api/work-items/{item.Id}"))
                    Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
                using (var read = await alice.GetAsync($"/api/work-items/{item.Id}"))
                    Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
                using (var again = await alice.DeleteAsync($"/api/work-items/{item.Id}"))
                    Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
                var page = await alice.GetFromJsonAsync<WorkItemPage>($"/api/work-items?projectId={project.Id}", Json);
                Assert.Empty(page!.Items);

                using var scope = factory.Services.CreateScope();
                var row = scope.ServiceProvider.GetRequiredService<TrackerDb>().WorkItems.Single(w => w.Id == item.Id);
                Assert.NotNull(row.DeletedAt);
            }

            [Fact]
            public async Task A_work_item_carries_its_project_and_a_project_its_live_work_items()
            {
                using var alice = factory.CreateClientFor("alice-" + Guid.NewGuid().ToString("N"));
                using var created = await alice.PostAsJsonAsync("/api/projects", new CreateProjectRequest { Name = "Expanded" });
                var project = (await created.Content.ReadFromJsonAsync<ProjectResponse>(Json))!;
                Assert.Empty(project.Items!);
                using var firstPosted = await alice.PostAsJsonAsync("/api/work-items", new CreateWorkItemRequest { Title = "first", ProjectId = project.Id });
                var first = (await firstPosted.Content.ReadFromJsonAsync<WorkItemResponse>(Json))!;
                Assert.Equal("Expanded", first.Project!.Name);
                using var secondPosted = await alice.PostAsJsonAsync("/api/work-items", new CreateWorkItemRequest { Title = "second", ProjectId = project.Id });
                var second = (await secondPosted.Content.ReadFromJsonAsync<WorkItemResponse>(Json))!;
                (await alice.DeleteAsync($"/api/work-items/{second.Id}")).EnsureSuccessStatusCode();

                var item = await alice.GetFromJsonAsync<WorkItemResponse>($"/api/work-items/{first.Id}", Json);
                Assert.Equal(new WorkItemProjectResponse(project.Id, "Expanded", project.OwnerId), item!.Project);
                var listed = await alice.GetFromJsonAsync<WorkItemPage>($"/api/work-items?projectId={project.Id}", Json);
                Assert.Equal("Expanded", listed!.Items.Single().Project!.Name);
                // The soft-deleted item is not nested; lists leave the collection out.
                var read = await alice.GetFromJsonAsync<ProjectResponse>($"/api/projects/{project.Id}", Json);
                Assert.Equal(new[] { "first" }, read!.Items!.Select(i => i.Title));
                var projects = await alice.GetFromJsonAsync<ProjectPage>("/api/projects?pageSize=100", Json);
                Assert.All(projects!.Items, p => Assert.Null(p.Items));

                using var mallory = factory.CreateClientFor("mallory");
                using (var intrusion = await mallory.GetAsync($"/api/projects/{project.Id}"))
                    Assert.Equal(HttpStatusCode.NotFound, intrusion.StatusCode);
            }

            [Fact]
            public async Task The_OpenAPI_document_names_the_apps_cookie_scheme_on_protected_operations()
            {
                using var client = factory.CreateClient();
                var text = await client.GetStringAsync("/openapi/v1.json");
                using var document = System.Text.Json.JsonDocument.Parse(text);
                var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Cookies");
                Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
                Assert.Equal("cookie", scheme.GetProperty("in").GetString());
                var paths = document.RootElement.GetProperty("paths");
                foreach (var (path, method) in new[] { ("/api/work-items", "get"), ("/api/projects/{id}", "patch"), ("/api/labels", "post"), ("/api/reports/open-items", "get") })
                {
                    var security = paths.GetProperty(path).GetProperty(method).GetProperty("security");
                    Assert.True(security[0].TryGetProperty("Cookies", out _), $"{method} {path}: {security}");
                }

                // Nested responses are documented with their own schemas.
                Assert.True(document.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("WorkItemProjectResponse", out _), text);
            }

            [Fact]
            public async Task A_component_is_addressed_by_its_code()
            {
                using var alice = factory.CreateClientFor("alice");
                var code = "c" + Guid.NewGuid().ToString("N")[..8];
                using var created = await alice.PostAsJsonAsync("/api/components", new CreateComponentRequest { Code = code, Name = "Web UI" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                Assert.Equal($"/api/components/{code}", created.Headers.Location?.OriginalString);
                Assert.Equal("Web UI", (await alice.GetFromJsonAsync<ComponentResponse>($"/api/components/{code}"))!.Name);
                using var taken = await alice.PostAsJsonAsync("/api/components", new CreateComponentRequest { Code = code, Name = "Again" });
                Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
                using var missing = await alice.PostAsJsonAsync("/api/components", new { name = "No code" });
                Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            }

            [Fact]
            public async Task A_work_item_without_a_priority_keeps_the_entitys_default()
            {
                using var alice = factory.CreateClientFor("alice");
                using var created = await alice.PostAsJsonAsync("/api/projects", new CreateProjectRequest { Name = "Defaults" });
                var project = (await created.Content.ReadFromJsonAsync<ProjectResponse>())!;

                using var item = await alice.PostAsJsonAsync("/api/work-items", new { title = "no priority", projectId = project.Id });
                Assert.Equal(HttpStatusCode.Created, item.StatusCode);
                Assert.Equal(3, (await item.Content.ReadFromJsonAsync<WorkItemResponse>(Json))!.Priority);
                using var untitled = await alice.PostAsJsonAsync("/api/work-items", new { projectId = project.Id });
                Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
            }
        }
        """;

    public TrackerScenarioTests()
    {
        Directory.CreateDirectory(_root);
    }

    [Fact]
    public async Task Tracker_api_from_the_package_passes_its_generated_tests()
    {
        IsolatedFeed.Write(_root);
        Write("Tracker/Tracker.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The registry mirror serves SQLitePCLRaw one patch newer than EF Core asks for. -->
                <NoWarn>NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AiBackendAnalyzers" Version="{PackageUnderTest.Version}" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="{PackageUnderTest.EntityFrameworkSqliteVersion}" />
                <PackageReference Include="Microsoft.AspNetCore.OpenApi" Version="{PackageUnderTest.Metadata("OpenApiVersion")}" />
              </ItemGroup>
            </Project>
            """);
        Write("Tracker/Program.cs", ProgramSource);
        Write("Tracker/Model.cs", ModelSource);
        Write("Tracker.Tests/Tracker.Tests.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsTestProject>true</IsTestProject>
                <NoWarn>NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AiBackendAnalyzers" Version="{PackageUnderTest.Version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{PackageUnderTest.Metadata("TestSdkVersion")}" />
                <PackageReference Include="xunit" Version="{PackageUnderTest.Metadata("XunitVersion")}" />
                <PackageReference Include="xunit.runner.visualstudio" Version="{PackageUnderTest.Metadata("XunitRunnerVersion")}" />
                <PackageReference Include="Microsoft.AspNetCore.Mvc.Testing" Version="{PackageUnderTest.Metadata("MvcTestingVersion")}" />
                <Using Include="Xunit" />
              </ItemGroup>
              <ItemGroup>
                <ProjectReference Include="../Tracker/Tracker.csproj" />
              </ItemGroup>
            </Project>
            """);
        Write("Tracker.Tests/AiBackendApiFactory.cs", FactorySource);
        Write("Tracker.Tests/CrossOwnerTests.cs", CrossOwnerSource);

        var (exitCode, output) = await DotNet.RunAsync(Path.Combine(_root, "Tracker.Tests"), Timeout,
            "test", "-c", "Release", "-nodeReuse:false", "--logger", "console;verbosity=normal");

        Assert.True(exitCode == 0, "The tracker's tests failed:\n" + output);
        Assert.DoesNotContain("warning AIB", output);
        foreach (var test in new[]
                 {
                     "CrossOwnerTests.A_work_item_cannot_be_added_to_another_users_project",
                     "CrossOwnerTests.A_work_item_without_a_priority_keeps_the_entitys_default",
                     "GeneratedEndpointTests.WorkItem_in_another_users_Project_is_rejected_with_404",
                     "GeneratedEndpointTests.WorkItem_without_a_Project_is_rejected_with_400",
                     "GeneratedEndpointTests.WorkItem_is_invisible_to_other_users",
                     "GeneratedEndpointTests.Label_create_get_update_list_delete_round_trip",
                     "GeneratedEndpointTests.Label_rejects_a_user_without_its_role_with_403",
                     "GeneratedEndpointTests.OpenItems_requires_an_authenticated_user",
                     "CrossOwnerTests.Work_items_are_filtered_by_status_and_project_and_sorted_by_priority",
                     "CrossOwnerTests.A_deleted_work_item_is_kept_marked_and_left_out_of_every_query",
                     "CrossOwnerTests.A_component_is_addressed_by_its_code",
                     "CrossOwnerTests.A_work_item_carries_its_project_and_a_project_its_live_work_items",
                     "CrossOwnerTests.The_OpenAPI_document_names_the_apps_cookie_scheme_on_protected_operations",
                     "GeneratedEndpointTests.Project_create_get_update_list_delete_round_trip",
                     "GeneratedEndpointTests.WorkItem_read_nests_its_Project",
                     "CrossOwnerTests.The_work_item_list_documents_its_filters_and_sort_as_typed_query_parameters",
                     "GeneratedEndpointTests.Component_create_get_update_list_delete_round_trip",
                     "GeneratedEndpointTests.WorkItem_list_filtered_by_Status_shows_only_matching_items",
                     "GeneratedEndpointTests.WorkItem_list_sorted_by_Priority_turns_around_with_a_minus",
                     "GeneratedEndpointTests.WorkItem_list_rejects_a_query_parameter_it_does_not_offer_with_400",
                 })
            Assert.Contains("Passed Tracker.Tests." + (test.StartsWith("Generated", StringComparison.Ordinal) ? "Generated." : "") + test, output);
        Assert.DoesNotContain(" Failed Tracker.Tests.", output);
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
