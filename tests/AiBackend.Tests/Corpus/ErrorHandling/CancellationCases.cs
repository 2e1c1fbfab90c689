// Labeled corpus: cancellation not passed on (AIB2007).
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Errors.Cancellation;

public static class SearchEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/todos", async (AppDb db, CancellationToken ct) =>
            await db.Todos.ToListAsync()); // expect: AIB2007

        app.MapGet("/todos/passed", async (AppDb db, CancellationToken ct) =>
            await db.Todos.ToListAsync(ct)); // safe: AIB2007

        app.MapGet("/todos/none", async (AppDb db) =>
            await db.Todos.ToListAsync()); // safe: AIB2007

        app.MapGet("/status", async (HttpClient http, CancellationToken cancellationToken) =>
            await http.GetStringAsync("https://status.example.com")); // expect: AIB2007

        app.MapGet("/status/passed", async (HttpClient http, CancellationToken cancellationToken) =>
            await http.GetStringAsync("https://status.example.com", cancellationToken)); // safe: AIB2007

        app.MapPost("/todos", async (NewTodo request, AppDb db, HttpContext context) =>
        {
            var exists = await db.Todos.AnyAsync(t => t.Title == request.Title, context.RequestAborted); // safe: AIB2007
            if (exists)
                return Results.Conflict();
            db.Todos.Add(new Todo { Title = request.Title });
            await db.SaveChangesAsync(); // expect: AIB2007
            return Results.Created();
        });

        app.MapPost("/mail", async (string to, IMailer mailer, CancellationToken ct) =>
        {
            await mailer.SendAsync(to, "Hello"); // expect: AIB2007
            return Results.Ok();
        });

        app.MapPost("/mail/passed", async (string to, IMailer mailer, CancellationToken ct) =>
        {
            await mailer.SendAsync(to, "Hello", ct); // safe: AIB2007
            return Results.Ok();
        });
    }
}

[ApiController]
[Route("api/search")]
public sealed class SearchController : ControllerBase
{
    private readonly AppDb _db;

    public SearchController(AppDb db) => _db = db;

    [HttpGet]
    public async Task<IActionResult> Find(string q, CancellationToken cancellationToken)
    {
        var results = await _db.Todos.Where(t => t.Title.Contains(q)).ToListAsync(); // expect: AIB2007
        return Ok(results);
    }

    [HttpGet("passed")]
    public async Task<IActionResult> FindPassed(string q, CancellationToken cancellationToken)
    {
        var results = await _db.Todos.Where(t => t.Title.Contains(q)).ToListAsync(cancellationToken); // safe: AIB2007
        return Ok(results);
    }

    [HttpGet("count")]
    public async Task<IActionResult> Count()
    {
        return Ok(await _db.Todos.CountAsync()); // safe: AIB2007
    }
}
