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

public sealed class MirrorService
{
    private readonly HttpClient _http;
    private readonly AppDb _db;

    public MirrorService(HttpClient http, AppDb db)
    {
        _http = http;
        _db = db;
    }

    public async Task<string> PriceListAsync()
    {
        try
        {
            return await _http.GetStringAsync("https://prices.example.com/list");
        }
        catch (HttpRequestException) // safe: AIB2001
        {
            return await CachedPriceListAsync();
        }
    }

    public async Task MarkAllDoneAsync()
    {
        await using var transaction = await _db.Database.BeginTransactionAsync();
        try
        {
            await _db.Todos.ExecuteUpdateAsync(s => s.SetProperty(t => t.Done, true));
            await transaction.CommitAsync();
        }
        catch (DbUpdateException) // safe: AIB2001
        {
            await transaction.RollbackAsync();
        }
    }

    public async Task<bool> IsUpstreamHealthyAsync()
    {
        try
        {
            using var response = await _http.GetAsync("https://prices.example.com/health");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) // safe: AIB2001
        {
            return false;
        }
    }

    public async Task<bool> SaveAsync(Todo todo)
    {
        try
        {
            _db.Todos.Add(todo);
            await _db.SaveChangesAsync();
            return true;
        }
        catch (Exception) // expect: AIB2001
        {
            return false;
        }
    }

    public void Forget(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception) // expect: AIB2001
        {
            // Whatever happens, carry on.
        }
    }

    public void Archive(string path)
    {
        try
        {
            File.Move(path, path + ".old");
        }
        catch (IOException) // expect: AIB2001
        {
            // TODO: tell the user
        }
    }

    private Task<string> CachedPriceListAsync() => Task.FromResult("[]");
}

public sealed class TodoPagesController : Controller
{
    private readonly AppDb _db;

    public TodoPagesController(AppDb db) => _db = db;

    [HttpPost]
    public async Task<IActionResult> Create(NewTodo model)
    {
        try
        {
            _db.Todos.Add(new Todo { Title = model.Title });
            await _db.SaveChangesAsync();
            return RedirectToAction("Index");
        }
        catch (DbUpdateException) // safe: AIB2001
        {
            ModelState.AddModelError(string.Empty, "The todo could not be saved. Try again.");
            return View(model);
        }
    }

    [HttpPost]
    public async Task<IActionResult> Rename(int id, NewTodo model)
    {
        try
        {
            await _db.Todos.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Title, model.Title));
        }
        catch (DbUpdateException) // expect: AIB2001
        {
            return View(model);
        }

        return RedirectToAction("Index");
    }
}

public static class DatabaseStartup
{
    public static async Task MigrateAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await db.Database.MigrateAsync();
                break;
            }
            catch (InvalidOperationException) // safe: AIB2001
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }

        try
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE Todos SET Done = 0 WHERE Done IS NULL");
        }
        catch (Exception) // safe: AIB2001
        {
            Console.WriteLine("Backfilling Todos.Done failed; run the backfill by hand.");
        }

        try
        {
            db.Todos.Add(new Todo { Title = "Welcome" });
            await db.SaveChangesAsync();
        }
        catch (Exception) // expect: AIB2001
        {
        }
    }
}
