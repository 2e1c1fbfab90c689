using AiBackend.Analyzers.ErrorHandling;
using AiBackend.CodeFixes.ErrorHandling;
using AiBackend.Testing;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>Each error-handling fix compiles and clears its diagnostic.</summary>
public class ErrorHandlingCodeFixTests
{
    private static readonly string Usings = ErrorHandlingTestCode.Usings;

    [Fact]
    public async Task Swallowing_catch_logs_with_the_logger_in_scope()
    {
        await CodeFixVerifier<ExceptionSwallowedAnalyzer, ExceptionSwallowedCodeFix>.VerifyAsync(Usings + """
            public sealed class Service
            {
                private readonly ILogger<Service> _logger;
                public Service(ILogger<Service> logger) => _logger = logger;

                public void Save(Db db)
                {
                    try { db.SaveChanges(); }
                    [|catch|] { }
                }

                public void Load(Db db)
                {
                    try { db.Todos.Load(); }
                    [|catch (InvalidOperationException)|]
                    {
                    }
                }

                public static void NoLogger(Db db)
                {
                    try { db.SaveChanges(); }
                    [|catch (Exception ex)|] { }
                }
            }
            """, Usings + """
            public sealed class Service
            {
                private readonly ILogger<Service> _logger;
                public Service(ILogger<Service> logger) => _logger = logger;

                public void Save(Db db)
                {
                    try { db.SaveChanges(); }
                    catch (Exception ex) { _logger.LogError(ex, "Save failed."); }
                }

                public void Load(Db db)
                {
                    try { db.Todos.Load(); }
                    catch (InvalidOperationException ex)
                    {
                        _logger.LogError(ex, "Load failed.");
                    }
                }

                public static void NoLogger(Db db)
                {
                    try { db.SaveChanges(); }
                    [|catch (Exception ex)|] { }
                }
            }
            """);
    }

    [Fact]
    public async Task Leaked_exception_text_becomes_a_generic_message()
    {
        await CodeFixVerifier<ExceptionDetailsAnalyzer, ExceptionDetailsCodeFix>.VerifyAsync(Usings + """
            public static class Api
            {
                public static void Map(WebApplication app) => app.MapPost("/a", (Db db) =>
                {
                    try { db.SaveChanges(); return Results.Ok(); }
                    catch (DbUpdateException ex) { return Results.Problem({|AIB2002:detail: ex.Message|}, statusCode: 409); }
                });
            }
            """, Usings + """
            public static class Api
            {
                public static void Map(WebApplication app) => app.MapPost("/a", (Db db) =>
                {
                    try { db.SaveChanges(); return Results.Ok(); }
                    catch (DbUpdateException ex) { return Results.Problem(detail: "An unexpected error occurred.", statusCode: 409); }
                });
            }
            """);
    }

    [Fact]
    public async Task Response_read_gets_EnsureSuccessStatusCode_first()
    {
        await CodeFixVerifier<UncheckedHttpResponseAnalyzer, UncheckedHttpResponseCodeFix>.VerifyAsync(Usings + """
            public sealed class Client
            {
                public async Task<string> Get(HttpClient http)
                {
                    var response = await http.GetAsync("https://example.com");
                    var body = await [|response.Content.ReadAsStringAsync()|];
                    return body;
                }
            }
            """, Usings + """
            public sealed class Client
            {
                public async Task<string> Get(HttpClient http)
                {
                    var response = await http.GetAsync("https://example.com");
                    response.EnsureSuccessStatusCode();
                    var body = await response.Content.ReadAsStringAsync();
                    return body;
                }
            }
            """);
    }

    [Fact]
    public async Task Lookup_gets_a_not_found_check_in_the_handlers_style()
    {
        await CodeFixVerifier<MissingNotFoundAnalyzer, MissingNotFoundCodeFix>.VerifyAsync("using Microsoft.AspNetCore.Http.HttpResults;\n" + Usings + """

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a/{id}", async Task<IResult> (int id, Db db) =>
                    {
                        var todo = await db.Todos.FindAsync(id);
                        return Results.Ok([|todo|]);
                    });
                    app.MapGet("/b/{id}", async Task<Results<Ok<Todo>, NotFound>> (int id, Db db) =>
                    {
                        var todo = await db.Todos.FindAsync(id);
                        return TypedResults.Ok([|todo|]);
                    });
                }
            }

            public sealed class TodosController : ControllerBase
            {
                [HttpGet("{id}")]
                public IActionResult Get(int id, [FromServices] Db db)
                {
                    var todo = db.Todos.Find(id);
                    return Ok([|todo.Title|]);
                }
            }
            """, "using Microsoft.AspNetCore.Http.HttpResults;\n" + Usings + """

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a/{id}", async Task<IResult> (int id, Db db) =>
                    {
                        var todo = await db.Todos.FindAsync(id);
                        if (todo is null)
                            return Results.NotFound();
                        return Results.Ok(todo);
                    });
                    app.MapGet("/b/{id}", async Task<Results<Ok<Todo>, NotFound>> (int id, Db db) =>
                    {
                        var todo = await db.Todos.FindAsync(id);
                        if (todo is null)
                            return TypedResults.NotFound();
                        return TypedResults.Ok(todo);
                    });
                }
            }

            public sealed class TodosController : ControllerBase
            {
                [HttpGet("{id}")]
                public IActionResult Get(int id, [FromServices] Db db)
                {
                    var todo = db.Todos.Find(id);
                    if (todo is null)
                        return NotFound();
                    return Ok(todo.Title);
                }
            }
            """);
    }

    [Fact]
    public async Task Token_is_passed_on()
    {
        await CodeFixVerifier<CancellationNotPassedAnalyzer, CancellationNotPassedCodeFix>.VerifyAsync(Usings + """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", async (Db db, CancellationToken ct) => await db.Todos.{|AIB2007:ToListAsync|}());
                    app.MapGet("/b", async (HttpClient http, CancellationToken ct) => await http.{|AIB2007:GetStringAsync|}("https://example.com"));
                }
            }
            """, Usings + """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", async (Db db, CancellationToken ct) => await db.Todos.ToListAsync(cancellationToken: ct));
                    app.MapGet("/b", async (HttpClient http, CancellationToken ct) => await http.GetStringAsync("https://example.com", ct));
                }
            }
            """);
    }
}
