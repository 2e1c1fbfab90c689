// Labeled corpus: fire-and-forget in a request (AIB2003).
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Errors.Background;

public sealed class SignupService
{
    private readonly IMailer _mailer;
    private readonly IAuditLog _audit;

    public SignupService(IMailer mailer, IAuditLog audit)
    {
        _mailer = mailer;
        _audit = audit;
    }

    public void Welcome(string email)
    {
        _mailer.SendAsync(email, "Welcome!"); // expect: AIB2003
    }

    public async Task WelcomeAsync(string email)
    {
        await _mailer.SendAsync(email, "Welcome!"); // safe: AIB2003
        await _audit.WriteAsync("welcomed " + email);
    }

    public async void Record(string entry) => await _audit.WriteAsync(entry); // expect: AIB2003

    public Task RecordAsync(string entry) => _audit.WriteAsync(entry); // safe: AIB2003
}

public sealed class DigestWorker : BackgroundService
{
    private readonly IMailer _mailer;

    public DigestWorker(IMailer mailer) => _mailer = mailer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            _ = _mailer.SendAsync("ops@example.com", "Digest"); // safe: AIB2003
            await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
        }
    }
}

public static class SignupEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/signup", (string email, SignupService signups) =>
        {
            signups.Welcome(email);
            signups.Record("signup " + email);
            return Results.Accepted();
        });

        app.MapPost("/signup/async", async (string email, SignupService signups) =>
        {
            await signups.WelcomeAsync(email);
            await signups.RecordAsync("signup " + email);
            return Results.Ok();
        });

        app.MapPost("/invite", (string email, IMailer mailer) =>
        {
            _ = mailer.SendAsync(email, "You are invited"); // expect: AIB2003
            return Results.Accepted();
        });

        app.MapPost("/invite/many", async (string[] emails, IMailer mailer) =>
        {
            var sends = emails.Select(e => mailer.SendAsync(e, "You are invited")).ToList(); // safe: AIB2003
            await Task.WhenAll(sends);
            return Results.Ok();
        });

        app.MapPost("/export", (AppDb db) =>
        {
            Task.Run(() => File.WriteAllText("/tmp/export.txt", string.Join("\n", db.Todos.Select(t => t.Title)))); // expect: AIB2003
            return Results.Accepted();
        });

        app.MapPost("/notify-all", (List<string> emails, IMailer mailer) =>
        {
            emails.ForEach(async e => await mailer.SendAsync(e, "News")); // expect: AIB2003
            return Results.Accepted();
        });

        app.MapPost("/notify", (string email, IMailer mailer) => mailer.SendAsync(email, "Hello")); // safe: AIB2003
    }
}

[ApiController]
[Route("api/reports")]
public sealed class ReportsController : ControllerBase
{
    private readonly IAuditLog _audit;

    public ReportsController(IAuditLog audit) => _audit = audit;

    [HttpPost]
    public IActionResult Generate()
    {
        _audit.WriteAsync("report generated"); // expect: AIB2003
        return Accepted();
    }

    [HttpPost("queued")]
    public async Task<IActionResult> GenerateQueued()
    {
        await _audit.WriteAsync("report queued"); // safe: AIB2003
        return Accepted();
    }
}

public static class StartupTasks
{
    public static void Warm(IAuditLog audit)
    {
        _ = audit.WriteAsync("warm-up"); // safe: AIB2003
    }
}
