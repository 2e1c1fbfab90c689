using AiBackend.Analyzers.ErrorHandling;
using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.FireAndForgetAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

public class FireAndForgetTests
{
    [Fact]
    public async Task Unawaited_work_in_handlers_and_what_they_call_is_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public interface IMailer { Task SendAsync(string to); }

            public sealed class Notifier
            {
                private readonly IMailer _mailer;
                public Notifier(IMailer mailer) => _mailer = mailer;

                public void Notify(string to)
                {
                    [|_mailer.SendAsync(to);|]
                }

                public async void {|AIB2003:NotifyLater|}(string to) => await _mailer.SendAsync(to);
            }

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", (string to, IMailer mailer) =>
                    {
                        [|_ = mailer.SendAsync(to);|]
                        return Results.Accepted();
                    });
                    app.MapPost("/b", (string to, Notifier notifier) =>
                    {
                        notifier.Notify(to);
                        notifier.NotifyLater(to);
                        return Results.Accepted();
                    });
                    app.MapPost("/c", async (string to, IMailer mailer) =>
                    {
                        [|Task.Run(() => mailer.SendAsync(to));|]
                        await mailer.SendAsync(to);
                        return Results.Ok();
                    });
                    app.MapPost("/d", (List<string> to, IMailer mailer) =>
                    {
                        to.ForEach({|AIB2003:async|} address => await mailer.SendAsync(address));
                        return Results.Accepted();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Awaited_returned_and_background_work_is_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public interface IMailer { Task SendAsync(string to); }

            public sealed class Worker : Microsoft.Extensions.Hosting.BackgroundService
            {
                private readonly IMailer _mailer;
                public Worker(IMailer mailer) => _mailer = mailer;

                protected override Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    _ = _mailer.SendAsync("ops@example.com");
                    return Task.CompletedTask;
                }

                private async void OnTick(object? sender, EventArgs e) => await _mailer.SendAsync("ops@example.com");
            }

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", async (string to, IMailer mailer) =>
                    {
                        await mailer.SendAsync(to);
                        return Results.Ok();
                    });
                    app.MapPost("/b", (string to, IMailer mailer) => mailer.SendAsync(to));
                    app.MapPost("/c", async (string[] to, IMailer mailer) =>
                    {
                        var sends = to.Select(mailer.SendAsync).ToList();
                        await Task.WhenAll(sends);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Await_is_added_in_async_code()
    {
        await CodeFixVerifier<FireAndForgetAnalyzer, AiBackend.CodeFixes.ErrorHandling.FireAndForgetCodeFix>.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public interface IMailer { Task SendAsync(string to); }

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", async (string to, IMailer mailer) =>
                    {
                        [|_ = mailer.SendAsync(to);|]
                        [|mailer.SendAsync(to);|]
                        return Results.Accepted();
                    });
                    app.MapPost("/b", (string to, IMailer mailer) =>
                    {
                        [|mailer.SendAsync(to);|]
                        return Results.Accepted();
                    });
                }
            }
            """, ErrorHandlingTestCode.Usings + """
            public interface IMailer { Task SendAsync(string to); }

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", async (string to, IMailer mailer) =>
                    {
                        await mailer.SendAsync(to);
                        await mailer.SendAsync(to);
                        return Results.Accepted();
                    });
                    app.MapPost("/b", (string to, IMailer mailer) =>
                    {
                        [|mailer.SendAsync(to);|]
                        return Results.Accepted();
                    });
                }
            }
            """);
    }
}
