using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionSwallowedAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

public class ExceptionSwallowedTests
{
    [Fact]
    public async Task Empty_and_null_returning_catches_are_reported()
    {
        var diagnostics = await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Service
            {
                public void Save(Db db)
                {
                    try { db.SaveChanges(); }
                    [|catch (Exception ex)|] { }
                }

                public Todo? Load(Db db, int id)
                {
                    try { return db.Todos.Find(id); }
                    [|catch|] { return null; }
                }

                public void Loop(IEnumerable<string> items)
                {
                    foreach (var item in items)
                    {
                        try { Console.WriteLine(int.Parse(item)); }
                        [|catch (FormatException)|] { continue; }
                    }
                }
            }
            """);

        Assert.Equal("This catch swallows every exception: it neither logs, rethrows nor returns an error", diagnostics[0].GetMessage());
        Assert.Equal("This catch swallows 'FormatException': it neither logs, rethrows nor returns an error", diagnostics[2].GetMessage());
    }

    [Fact]
    public async Task Handled_failures_are_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Service
            {
                private readonly ILogger<Service> _logger;
                public Service(ILogger<Service> logger) => _logger = logger;

                public void Logs(Db db)
                {
                    try { db.SaveChanges(); }
                    catch (DbUpdateException ex) { _logger.LogError(ex, "Save failed"); }
                }

                public void Rethrows(Db db)
                {
                    try { db.SaveChanges(); }
                    catch (DbUpdateException ex) { throw new InvalidOperationException("Save failed", ex); }
                }

                public IResult ErrorResult(Db db)
                {
                    try { db.SaveChanges(); return Results.Ok(); }
                    catch (DbUpdateException) { return Results.Problem("Could not save."); }
                }

                public bool TryParse(string text, out int value)
                {
                    value = 0;
                    try { value = int.Parse(text); return true; }
                    catch (FormatException) { return false; }
                }

                public int Fallback(string text)
                {
                    try { return int.Parse(text); }
                    catch (FormatException) { return -1; }
                }

                public async Task Cancelled(HttpClient http, CancellationToken token)
                {
                    try { await http.GetStringAsync("https://example.com", token); }
                    catch (OperationCanceledException) { }
                }

                public void Filtered(Db db)
                {
                    try { db.SaveChanges(); }
                    catch (DbUpdateException ex) when (ex.InnerException is null) { }
                }

                public void Documented(string path)
                {
                    try { System.IO.File.Delete(path); }
                    catch (System.IO.IOException)
                    {
                        // Best effort: the temp file is swept by the nightly job anyway.
                    }
                }

                public void Dispose()
                {
                    try { Console.Out.Flush(); }
                    catch { }
                }

                public string Records(Func<string> work)
                {
                    string status;
                    try { work(); status = "ok"; }
                    catch (InvalidOperationException) { status = "failed"; }
                    return status;
                }
            }
            """);
    }
}
