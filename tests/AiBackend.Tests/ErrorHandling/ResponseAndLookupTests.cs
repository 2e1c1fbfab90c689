using AiBackend.Testing;
using VerifyResponse = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.UncheckedHttpResponseAnalyzer>;
using VerifyLookup = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.MissingNotFoundAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

public class ResponseAndLookupTests
{
    [Fact]
    public async Task Response_read_without_a_status_check_is_reported()
    {
        await VerifyResponse.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Client
            {
                private readonly HttpClient _http;
                public Client(HttpClient http) => _http = http;

                public async Task<string> A()
                {
                    var response = await _http.GetAsync("https://example.com/a");
                    return await [|response.Content.ReadAsStringAsync()|];
                }

                public async Task<Todo?> B(bool check)
                {
                    using var response = await _http.PostAsJsonAsync("https://example.com/b", new { check });
                    if (check)
                        response.EnsureSuccessStatusCode();
                    return await [|response.Content.ReadFromJsonAsync<Todo>()|];
                }

                public async Task<string> C() => await [|(await _http.GetAsync("https://example.com/c")).Content.ReadAsStringAsync()|];
            }
            """);
    }

    [Fact]
    public async Task Checked_escaped_and_throwing_reads_are_not_reported()
    {
        await VerifyResponse.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Client
            {
                private readonly HttpClient _http;
                public Client(HttpClient http) => _http = http;

                public async Task<string> A()
                {
                    var response = await _http.GetAsync("https://example.com/a");
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }

                public async Task<string> B()
                {
                    var response = await _http.GetAsync("https://example.com/b");
                    if (!response.IsSuccessStatusCode)
                        return "error: " + await response.Content.ReadAsStringAsync();
                    return await response.Content.ReadAsStringAsync();
                }

                public async Task<string> C()
                {
                    var response = await _http.GetAsync("https://example.com/c");
                    return response.StatusCode == System.Net.HttpStatusCode.NotFound ? "" : await response.Content.ReadAsStringAsync();
                }

                public async Task<Todo?> D() => await _http.GetFromJsonAsync<Todo>("https://example.com/d");

                public async Task<string> E()
                {
                    var response = await _http.GetAsync("https://example.com/e");
                    return await Read(response);
                }

                private static Task<string> Read(HttpResponseMessage response) => response.Content.ReadAsStringAsync();
            }
            """);
    }

    [Fact]
    public async Task Lookup_returned_or_dereferenced_without_a_null_check_is_reported()
    {
        await VerifyLookup.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/todos/{id}", async (int id, Db db) =>
                    {
                        var todo = await db.Todos.FindAsync(id);
                        return Results.Ok([|todo|]);
                    });
                    app.MapGet("/todos/{id}/title", async (int id, Db db) =>
                    {
                        var todo = await db.Todos.FirstOrDefaultAsync(t => t.Id == id);
                        return Results.Ok([|todo.Title|]);
                    });
                    app.MapGet("/todos/{id}/raw", (int id, Db db) => [|db.Todos.Find(id)|]);
                }
            }

            public sealed class TodosController : ControllerBase
            {
                private readonly Db _db;
                public TodosController(Db db) => _db = db;

                [HttpGet("{id}")]
                public IActionResult Get(int id)
                {
                    var todo = _db.Todos.SingleOrDefault(t => t.Id == id);
                    return Ok([|todo|]);
                }
            }
            """);
    }

    [Fact]
    public async Task Checked_lookups_are_not_reported()
    {
        await VerifyLookup.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a/{id}", async (int id, Db db) =>
                    {
                        var todo = await db.Todos.FindAsync(id);
                        if (todo is null)
                            return Results.NotFound();
                        return Results.Ok(todo);
                    });
                    app.MapGet("/b/{id}", async (int id, Db db) =>
                    {
                        var todo = await db.Todos.FindAsync(id);
                        return todo is not null ? Results.Ok(todo) : Results.NotFound();
                    });
                    app.MapGet("/c/{id}", async (int id, Db db) =>
                        await db.Todos.FindAsync(id) is { } todo ? Results.Ok(todo) : Results.NotFound());
                    app.MapGet("/d/{id}", async (int id, Db db) =>
                    {
                        var todo = await db.Todos.FindAsync(id);
                        return Results.Ok(todo?.Title);
                    });
                    app.MapGet("/e", (Db db) =>
                    {
                        var count = db.Todos.Count();
                        var first = db.Todos.OrderBy(t => t.Id).FirstOrDefault();
                        if (first == null) return Results.NoContent();
                        return Results.Ok(new { count, first.Title });
                    });
                }
            }
            """);
    }
}
