// Labeled corpus: missing not-found handling (AIB2005).
using Dapper;
using System.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Errors.Lookups;

public static class TodoEndpoints
{
    public static void Map(WebApplication app)
    {
        var todos = app.MapGroup("/todos");

        todos.MapGet("/{id:int}", async (int id, AppDb db) =>
        {
            var todo = await db.Todos.FindAsync(id);
            return Results.Ok(todo); // expect: AIB2005
        });

        todos.MapGet("/{id:int}/checked", async (int id, AppDb db) =>
        {
            var todo = await db.Todos.FindAsync(id);
            if (todo is null)
                return Results.NotFound();
            return Results.Ok(todo); // safe: AIB2005
        });

        todos.MapGet("/{id:int}/typed", async Task<Results<Ok<Todo>, NotFound>> (int id, AppDb db) =>
            await db.Todos.FindAsync(id) is { } todo ? TypedResults.Ok(todo) : TypedResults.NotFound()); // safe: AIB2005

        todos.MapGet("/{id:int}/title", async (int id, AppDb db) =>
        {
            var todo = await db.Todos.FirstOrDefaultAsync(t => t.Id == id);
            return Results.Ok(todo.Title); // expect: AIB2005
        });

        todos.MapGet("/{id:int}/title-safe", async (int id, AppDb db) =>
        {
            var todo = await db.Todos.FirstOrDefaultAsync(t => t.Id == id);
            return todo == null ? Results.NotFound() : Results.Ok(todo.Title); // safe: AIB2005
        });

        todos.MapGet("/{id:int}/raw", (int id, AppDb db) => db.Todos.Find(id)); // expect: AIB2005

        todos.MapGet("/first", async (AppDb db) =>
        {
            var first = await db.Todos.OrderBy(t => t.Id).FirstOrDefaultAsync();
            return first is null ? Results.NoContent() : Results.Ok(first); // safe: AIB2005
        });

        todos.MapPut("/{id:int}", async (int id, NewTodo update, AppDb db) =>
        {
            var todo = await db.Todos.SingleOrDefaultAsync(t => t.Id == id);
            todo.Title = update.Title; // expect: AIB2005
            await db.SaveChangesAsync();
            return Results.NoContent();
        });

        todos.MapDelete("/{id:int}", async (int id, AppDb db) =>
        {
            var todo = await db.Todos.FindAsync(id);
            ArgumentNullException.ThrowIfNull(todo);
            db.Todos.Remove(todo); // safe: AIB2005
            await db.SaveChangesAsync();
            return Results.NoContent();
        });

        todos.MapGet("/{id:int}/dapper", async (int id, IDbConnection connection) =>
        {
            var todo = await connection.QuerySingleOrDefaultAsync<Todo>("SELECT * FROM Todos WHERE Id = @id", new { id });
            return Results.Ok(todo); // expect: AIB2005
        });

        todos.MapGet("/count", async (AppDb db) =>
        {
            var count = await db.Todos.CountAsync();
            return Results.Ok(count); // safe: AIB2005
        });
    }
}

[ApiController]
[Route("api/todos")]
public sealed class TodoLookupController : ControllerBase
{
    private readonly AppDb _db;

    public TodoLookupController(AppDb db) => _db = db;

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Get(int id)
    {
        var todo = await _db.Todos.FindAsync(id);
        return Ok(todo); // expect: AIB2005
    }

    [HttpGet("{id:int}/safe")]
    public async Task<IActionResult> GetSafe(int id)
    {
        var todo = await _db.Todos.FindAsync(id);
        if (todo == null)
            return NotFound();
        return Ok(todo); // safe: AIB2005
    }

    [HttpGet("{id:int}/done")]
    public async Task<ActionResult<bool>> IsDone(int id)
    {
        var todo = await _db.Todos.FindAsync(id);
        return todo?.Done ?? false; // safe: AIB2005
    }
}

public sealed class TodoFormModel
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
}

public sealed class TodoFormController : Controller
{
    private readonly AppDb _db;

    public TodoFormController(AppDb db) => _db = db;

    [HttpPost]
    public async Task<IActionResult> Retitle(TodoFormModel model)
    {
        var todo = await _db.Todos.FirstOrDefaultAsync(t => t.Id == model.Id);
        if (todo == null)
            ModelState.AddModelError(nameof(model.Id), "Todo not found.");
        if (!ModelState.IsValid)
            return View(model);
        todo.Title = model.Title; // safe: AIB2005
        await _db.SaveChangesAsync();
        return RedirectToAction("Index");
    }

    [HttpPost]
    public async Task<IActionResult> RetitleNoCheck(TodoFormModel model)
    {
        var todo = await _db.Todos.FirstOrDefaultAsync(t => t.Id == model.Id);
        if (!ModelState.IsValid)
            return View(model);
        todo.Title = model.Title; // expect: AIB2005
        await _db.SaveChangesAsync();
        return RedirectToAction("Index");
    }
}
