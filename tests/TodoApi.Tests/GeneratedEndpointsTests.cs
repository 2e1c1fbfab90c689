using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TodoApi;

namespace TodoApi.Tests;

public class GeneratedEndpointsTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public void Every_endpoint_class_is_mapped_with_its_name_and_route()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        Assert.Equal(
            new[] { "/api/todos", "/api/todos", "/api/todos/{id:int}", "/health" },
            endpoints.Select(e => e.RoutePattern.RawText).OrderBy(r => r, StringComparer.Ordinal));
        Assert.Contains(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "GetTodo");
        Assert.Contains(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "CreateTodo");
    }

    [Fact]
    public async Task Anonymous_endpoints_answer_and_not_found_is_404()
    {
        var client = factory.CreateClient();

        Assert.Equal("healthy", await client.GetFromJsonAsync<string>("/health"));
        var todo = await client.GetFromJsonAsync<Todo>("/api/todos/1");
        Assert.Equal(1, todo!.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/todos/999")).StatusCode);
    }

    [Fact]
    public async Task Endpoint_without_AllowAnonymous_requires_authentication()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/todos", new NewTodo("Needs a token"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
