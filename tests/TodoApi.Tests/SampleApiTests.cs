using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TodoApi.Tests.Generated;

namespace TodoApi.Tests;

/// <summary>What the generated tests do not cover: the OpenAPI document, route names, and the hand-written endpoints.</summary>
public class SampleApiTests(AiBackendApiFactory factory) : IClassFixture<AiBackendApiFactory>
{
    [Fact]
    public async Task The_OpenAPI_document_lists_every_route_with_summaries_and_tags()
    {
        using var client = factory.CreateClientFor(null);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        Assert.Equal(
            new[] { "/api/feedback", "/api/reports/summary", "/api/todos", "/api/todos/{id}", "/health" },
            paths.EnumerateObject().Select(p => p.Name).OrderBy(p => p, StringComparer.Ordinal));
        var list = paths.GetProperty("/api/todos").GetProperty("get");
        Assert.Equal("ListTodos", list.GetProperty("operationId").GetString());
        Assert.Equal("Lists todos, a page at a time.", list.GetProperty("summary").GetString());
        Assert.Equal("Todo", list.GetProperty("tags")[0].GetString());
        var summary = paths.GetProperty("/api/reports/summary").GetProperty("get");
        Assert.Equal("How many of the current user's todos are done and overdue.", summary.GetProperty("summary").GetString());
        Assert.Equal("Reports", summary.GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_names_the_bearer_scheme_on_protected_operations_only()
    {
        using var client = factory.CreateClientFor(null);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, method) in new[] { ("/api/todos", "get"), ("/api/todos", "post"), ("/api/todos/{id}", "delete"), ("/api/reports/summary", "get") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray());
            Assert.True(requirement.TryGetProperty("Bearer", out var scopes), $"{method} {path}: {operation}");
            Assert.Equal(0, scopes.GetArrayLength());
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path}");
        }

        Assert.False(paths.GetProperty("/health").GetProperty("get").TryGetProperty("security", out _), "the anonymous health check needs no token");
    }

    [Fact]
    public void Routes_are_mapped_once_with_their_names()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, e => e.RoutePattern.RawText);

        Assert.Equal("/api/reports/summary", endpoints["TodoSummary"]);
        Assert.Equal("/api/todos/{id:int}", endpoints["GetTodo"]);
        Assert.Equal("/health", endpoints["Health"]);
    }

    [Fact]
    public async Task The_hand_written_report_counts_only_the_callers_todos()
    {
        using var alice = factory.CreateClientFor("report-alice");
        using var bob = factory.CreateClientFor("report-bob");
        (await alice.PostAsJsonAsync("/api/todos", new { title = "Alice's", dueDate = "2000-01-01" })).EnsureSuccessStatusCode();
        (await bob.PostAsJsonAsync("/api/todos", new { title = "Bob's", done = true })).EnsureSuccessStatusCode();

        var report = await alice.GetFromJsonAsync<JsonElement>("/api/reports/summary");

        Assert.Equal(1, report.GetProperty("total").GetInt32());
        Assert.Equal(0, report.GetProperty("done").GetInt32());
        Assert.Equal(1, report.GetProperty("overdue").GetInt32());
    }

    [Fact]
    public async Task A_hand_written_endpoint_validates_its_body_with_the_generated_filter()
    {
        using var client = factory.CreateClientFor("feedback-user");

        using var invalid = await client.PostAsJsonAsync("/api/feedback", new { message = "", replyTo = "not-an-address" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("message", out _));
        Assert.True(errors.TryGetProperty("replyTo", out _));

        using var valid = await client.PostAsJsonAsync("/api/feedback", new { message = "Works well", replyTo = "me@example.com" });
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
    }

    [Fact]
    public async Task Health_is_anonymous()
    {
        using var client = factory.CreateClientFor(null);
        Assert.Equal("healthy", await client.GetFromJsonAsync<string>("/health"));
    }
}
