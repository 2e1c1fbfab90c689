// Labeled corpus: exception swallowed (AIB2001).
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Errors.Swallow;

public sealed class TodoService
{
    private readonly AppDb _db;
    private readonly ILogger<TodoService> _logger;

    public TodoService(AppDb db, ILogger<TodoService> logger)
    {
        _db = db;
        _logger = logger;
    }

    public async Task CompleteAsync(int id)
    {
        try
        {
            var todo = await _db.Todos.FindAsync(id);
            if (todo is not null)
            {
                todo.Done = true;
                await _db.SaveChangesAsync();
            }
        }
        catch (DbUpdateException) // expect: AIB2001
        {
        }
    }

    public async Task<Todo?> LoadAsync(int id)
    {
        try
        {
            return await _db.Todos.FindAsync(id);
        }
        catch (Exception) // expect: AIB2001
        {
            return null;
        }
    }

    public async Task RenameAsync(int id, string title)
    {
        try
        {
            var todo = await _db.Todos.SingleAsync(t => t.Id == id);
            todo.Title = title;
            await _db.SaveChangesAsync();
        }
        catch (InvalidOperationException ex) // safe: AIB2001
        {
            _logger.LogWarning(ex, "Todo {Id} not found", id);
        }
    }

    public async Task DeleteAsync(int id)
    {
        try
        {
            await _db.Todos.Where(t => t.Id == id).ExecuteDeleteAsync();
        }
        catch (DbUpdateException ex) // safe: AIB2001
        {
            throw new InvalidOperationException($"Could not delete todo {id}.", ex);
        }
    }

    public bool TryParsePriority(string text, out int priority)
    {
        priority = 0;
        try
        {
            priority = int.Parse(text);
            return true;
        }
        catch (FormatException) // safe: AIB2001
        {
            return false;
        }
    }

    public int ParseOrDefault(string text)
    {
        try
        {
            return int.Parse(text);
        }
        catch (FormatException) // safe: AIB2001
        {
            return -1;
        }
    }

    public async Task ImportAsync(IEnumerable<string> titles)
    {
        foreach (var title in titles)
        {
            try
            {
                _db.Todos.Add(new Todo { Title = title });
                await _db.SaveChangesAsync();
            }
            catch // expect: AIB2001
            {
                continue;
            }
        }
    }

    public async Task SyncAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            await http.GetStringAsync("https://sync.example.com/todos", cancellationToken);
        }
        catch (OperationCanceledException) // safe: AIB2001
        {
        }
    }

    public void CleanUp(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException) // safe: AIB2001
        {
            // The temp folder is swept nightly; a locked file is removed then.
        }
    }

    public async Task<bool> PingAsync(HttpClient http)
    {
        try
        {
            await http.GetAsync("https://status.example.com");
            return true;
        }
        catch (HttpRequestException) when (http.BaseAddress is null) // safe: AIB2001
        {
            return false;
        }
    }
}

[ApiController]
[Route("api/todos")]
public sealed class TodosController : ControllerBase
{
    private readonly AppDb _db;

    public TodosController(AppDb db) => _db = db;

    [HttpPost]
    public async Task<IActionResult> Create(NewTodo request)
    {
        try
        {
            _db.Todos.Add(new Todo { Title = request.Title });
            await _db.SaveChangesAsync();
        }
        catch (DbUpdateException) // expect: AIB2001
        {
        }

        return Ok();
    }

    [HttpPut("{id:int}")]
    public async Task<IActionResult> Update(int id, NewTodo request)
    {
        try
        {
            var todo = await _db.Todos.SingleAsync(t => t.Id == id);
            todo.Title = request.Title;
            await _db.SaveChangesAsync();
            return NoContent();
        }
        catch (DbUpdateConcurrencyException) // safe: AIB2001
        {
            return Conflict();
        }
    }

    [HttpDelete("{id:int}")]
    public async Task<IActionResult> Delete(int id)
    {
        try
        {
            await _db.Todos.Where(t => t.Id == id).ExecuteDeleteAsync();
        }
        catch (Exception) // expect: AIB2001
        {
            return Ok();
        }

        return NoContent();
    }
}

public static class SwallowEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/todos/bulk", async (List<NewTodo> items, AppDb db) =>
        {
            try
            {
                db.Todos.AddRange(items.Select(i => new Todo { Title = i.Title }));
                await db.SaveChangesAsync();
            }
            catch (Exception) // expect: AIB2001
            {
            }

            return Results.Accepted();
        });

        app.MapPost("/todos/bulk-safe", async (List<NewTodo> items, AppDb db, ILogger<AppDb> logger) =>
        {
            try
            {
                db.Todos.AddRange(items.Select(i => new Todo { Title = i.Title }));
                await db.SaveChangesAsync();
                return Results.Accepted();
            }
            catch (DbUpdateException ex) // safe: AIB2001
            {
                logger.LogError(ex, "Bulk insert of {Count} todos failed", items.Count);
                return Results.Problem("The todos could not be saved.");
            }
        });
    }
}
