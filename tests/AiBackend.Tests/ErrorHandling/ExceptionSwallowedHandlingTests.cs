using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionSwallowedAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>What counts as dealing with a failure, in the shapes real apps write it (issue 13).</summary>
public class ExceptionSwallowedHandlingTests
{
    [Fact]
    public async Task Compensating_and_fallback_calls_handle_the_failure()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Mirror
            {
                private readonly HttpClient _primary = new();
                private Db _db = new();

                public async Task<string> ReadAsync(string key)
                {
                    try { return await _primary.GetStringAsync("https://primary.example.com/" + key); }
                    catch (HttpRequestException) { return await FallbackAsync(key); }
                }

                public async Task<IActionResult> PageAsync(string key)
                {
                    try { await _primary.GetStringAsync("https://primary.example.com/" + key); return new OkResult(); }
                    catch (Exception) { return await FallbackPageAsync(); }
                }

                public void Write(Todo todo)
                {
                    try { _db.Todos.Add(todo); _db.SaveChanges(); }
                    catch { ResetConnection(); }
                }

                public async Task MoveAsync(Todo todo)
                {
                    using var transaction = await _db.Database.BeginTransactionAsync();
                    try { _db.Todos.Update(todo); await _db.SaveChangesAsync(); await transaction.CommitAsync(); }
                    catch (DbUpdateException) { await transaction.RollbackAsync(); }
                }

                public List<string> Validate(string json)
                {
                    var errors = new List<string>();
                    try { System.Text.Json.JsonDocument.Parse(json); }
                    catch (System.Text.Json.JsonException) { errors.Add(InvalidJson()); }
                    return errors;
                }

                public Task<string> FallbackAsync(string key) => Task.FromResult("cached:" + key);
                private static string InvalidJson() => "The settings are not valid JSON.";
                public Task<IActionResult> FallbackPageAsync() => Task.FromResult<IActionResult>(new OkResult());
                private void ResetConnection() => _db = new Db();
            }
            """);
    }

    [Fact]
    public async Task Unrelated_calls_in_a_catch_do_not_handle_it()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Importer
            {
                private int _skipped;
                public void Import(Db db, Todo todo)
                {
                    try { db.Todos.Add(todo); db.SaveChanges(); }
                    [|catch (DbUpdateException)|] { db.ChangeTracker.Clear(); Count(); }
                }

                public int Pending(Db db)
                {
                    var count = 0;
                    try { count = db.Todos.Count(); }
                    [|catch (InvalidOperationException)|] { db.Todos.Local.Where(t => t.Title.Length > 0).ToList(); }
                    return count;
                }

                public void ImportAgain(Db db, Todo todo, List<Todo?> failed)
                {
                    try { db.Todos.Add(todo); db.SaveChanges(); }
                    [|catch (DbUpdateException)|] { db.Todos.Add(todo); failed.Add(null); }
                }

                public async Task<IActionResult> SaveAsync(Db db, Todo todo)
                {
                    try { db.Todos.Add(todo); await db.SaveChangesAsync(); }
                    [|catch (Exception)|] { return await RefreshAsync(); }
                    return new OkResult();
                }

                private void Count() => _skipped = _skipped + 1;
                private Task<IActionResult> RefreshAsync() => Task.FromResult<IActionResult>(new OkResult());
            }
            """);
    }

    [Fact]
    public async Task Model_state_and_temp_data_errors_shown_on_the_page_handle_the_failure()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed record NewTodo(string Title);

            public sealed class TodosController : Controller
            {
                private readonly Db _db;
                public TodosController(Db db) => _db = db;

                [HttpPost]
                public async Task<IActionResult> Create(NewTodo model)
                {
                    try { _db.Todos.Add(new Todo { Title = model.Title }); await _db.SaveChangesAsync(); return RedirectToAction("Index"); }
                    catch (DbUpdateException) { ModelState.AddModelError(string.Empty, "The todo could not be saved."); return View(model); }
                }

                [HttpPost]
                public async Task<IActionResult> Delete(int id)
                {
                    try { await _db.Todos.Where(t => t.Id == id).ExecuteDeleteAsync(); }
                    catch (Exception) { TempData["Error"] = "The todo could not be deleted."; }
                    return RedirectToAction("Index");
                }

                [HttpPost]
                public async Task<IActionResult> Archive(int id)
                {
                    try { await _db.Todos.Where(t => t.Id == id).ExecuteDeleteAsync(); return RedirectToAction("Index"); }
                    catch (Exception) { return RedirectToAction(nameof(Error)); }
                }

                [HttpPost]
                public async Task<IActionResult> Rename(int id, NewTodo model)
                {
                    try { await _db.Todos.Where(t => t.Id == id).ExecuteDeleteAsync(); }
                    [|catch (Exception)|] { return View(model); }
                    return RedirectToAction("Index");
                }

                public IActionResult Error() => View();
            }
            """);
    }

    [Fact]
    public async Task Bool_methods_that_ask_a_question_may_answer_false()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Checks
            {
                public bool IsValidJson(string text)
                {
                    try { System.Text.Json.JsonDocument.Parse(text); return true; }
                    catch (System.Text.Json.JsonException) { return false; }
                }

                public async Task<bool> CanConnectAsync(Db db)
                {
                    try { return await db.Database.CanConnectAsync(); }
                    catch { return false; }
                }

                public bool ValidateToken(string token)
                {
                    try { return Convert.FromBase64String(token).Length == 32; }
                    catch (FormatException) { return false; }
                }

                public bool UserExists(Db db, int id)
                {
                    try { return db.Todos.Any(t => t.Id == id); }
                    catch (InvalidOperationException) { return false; }
                }

                public bool HasAccess(Db db) { bool IsReachable() { try { return db.Todos.Any(); } catch (Exception) { return false; } } return IsReachable(); }
            }
            """);
    }

    [Fact]
    public async Task False_from_a_method_that_does_something_else_is_still_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Writer
            {
                public bool Save(Db db)
                {
                    try { db.SaveChanges(); return true; }
                    [|catch (DbUpdateException)|] { return false; }
                }

                public bool Hashed(string text)
                {
                    try { return text.GetHashCode() > 0; }
                    [|catch (Exception)|] { return false; }
                }

                public bool Issue(Db db)
                {
                    try { db.SaveChanges(); return true; }
                    [|catch|] { return false; }
                }

                public string IsReady(Db db)
                {
                    try { db.SaveChanges(); return "yes"; }
                    [|catch|] { return null!; }
                }
            }
            """);
    }

    [Fact]
    public async Task A_comment_explains_a_specific_exception_but_not_catching_everything()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Files
            {
                public void DeleteSpecific(string path)
                {
                    try { System.IO.File.Delete(path); }
                    catch (System.IO.IOException)
                    {
                        // Locked by the indexer; the nightly sweep removes it.
                    }
                }

                public void DeleteAnything(string path)
                {
                    try { System.IO.File.Delete(path); }
                    [|catch (Exception)|]
                    {
                        // Never mind.
                    }
                }

                public void DeleteBare(string path)
                {
                    try { System.IO.File.Delete(path); }
                    [|catch|] { /* ignore */ }
                }

                public void DeleteLater(string path)
                {
                    try { System.IO.File.Delete(path); }
                    [|catch (System.IO.IOException)|]
                    {
                        // TODO: log this
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Startup_code_reports_failures_through_the_console_or_by_stopping()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Db>();
                try { await db.Database.MigrateAsync(); }
                catch (Exception) { Console.WriteLine("Migrating the database failed."); }

                try { await db.Database.EnsureCreatedAsync(); }
                catch (Exception) { Environment.Exit(1); }

                for (var attempt = 0; attempt < 10; attempt++)
                {
                    try { await db.Database.MigrateAsync(); break; }
                    catch (InvalidOperationException) { await Task.Delay(TimeSpan.FromSeconds(2)); }
                }

                try { await db.Todos.AddAsync(new Todo { Title = "Welcome" }); await db.SaveChangesAsync(); }
                [|catch (Exception)|] { }
            }

            app.Run();
            """,
            new TestOptions
            {
                OutputKind = OutputKindOption.Application,
                AdditionalSources = new[] { ErrorHandlingTestCode.Usings },
            });
    }

    [Fact]
    public async Task A_polling_loop_that_sleeps_after_every_failure_is_still_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Worker : BackgroundService
            {
                private readonly Db _db;
                public Worker(Db db) => _db = db;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        try { await _db.Todos.Where(t => t.Title == "").ExecuteDeleteAsync(stoppingToken); }
                        [|catch (Exception)|] { await Task.Delay(1000, stoppingToken); }
                    }
                }
            }
            """);
    }
}
