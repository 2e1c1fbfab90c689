extern alias AiFix;

using AiBackend.Testing;
using AiFix::AiBackend.AiFix;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AiBackend.Tests.AiFix;

/// <summary>The headless Fix-All <c>dotnet format</c> runs: opt-in, Solution scope only, sequential, capped.</summary>
[Collection(nameof(AiFixAllTests))] // AiFixAllProvider.Log is process-wide
public class AiFixAllTests
{
    private const string TwoFindings = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        static class Api
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", A);
                app.MapGet("/b", B);
            }

            public static IResult A(string returnUrl) => Results.Redirect(returnUrl);

            public static IResult B(string next) => Results.Redirect(next);
        }
        """;

    [Fact]
    public async Task Fix_all_fixes_findings_one_after_another_and_logs_each_outcome()
    {
        using var server = new FakeChatServer(
            FakeChatResponse.Fix("public static IResult A(string returnUrl) => Results.LocalRedirect(returnUrl);"),
            FakeChatResponse.Fix("public static IResult B(string next) => Results.LocalRedirect(next);"));

        var (text, log) = await FixAllAsync(server, maxRequests: 10);

        Assert.Equal(TwoFindings.Replace("Results.Redirect(", "Results.LocalRedirect("), text);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(new[]
        {
            "/src/Test0.cs(12): AIB1004: AI fix applied (1 request).",
            "/src/Test0.cs(14): AIB1004: AI fix applied (1 request).",
            "AI fix: 2 fixed, 0 rejected, 0 failed, 0 not attempted.",
        }, log);
    }

    [Fact]
    public async Task Fix_all_stops_at_the_request_cap()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix("public static IResult A(string returnUrl) => Results.LocalRedirect(returnUrl);"));

        var (text, log) = await FixAllAsync(server, maxRequests: 1);

        Assert.Equal(TwoFindings.Replace("Results.Redirect(returnUrl)", "Results.LocalRedirect(returnUrl)"), text);
        Assert.Equal(1, server.RequestCount);
        Assert.Contains("AI fix: the cap of 1 requests is reached; remaining findings were not attempted.", log);
        Assert.Equal("AI fix: 1 fixed, 0 rejected, 0 failed, 1 not attempted (request cap).", log[^1]);
    }

    [Fact]
    public async Task Fix_all_leaves_rejected_findings_unchanged_without_comments_and_moves_on()
    {
        using var server = new FakeChatServer(
            FakeChatResponse.Answer("I cannot help with that."),
            FakeChatResponse.Answer("Still no."),
            FakeChatResponse.Fix("public static IResult B(string next) => Results.LocalRedirect(next);"));

        var (text, log) = await FixAllAsync(server, maxRequests: 10);

        Assert.Equal(TwoFindings.Replace("Results.Redirect(next)", "Results.LocalRedirect(next)"), text);
        Assert.Equal(3, server.RequestCount);
        Assert.Equal("/src/Test0.cs(12): AIB1004: AI fix not applied: the answer is neither JSON with a 'member' nor a single C# code block.", log[0]);
        Assert.Equal("AI fix: 1 fixed, 1 rejected (the answer is neither JSON with a 'member' nor a single C# code block), 0 failed, 0 not attempted.", log[^1]);
    }

    [Fact]
    public void Fix_all_is_offered_only_at_solution_scope_and_only_when_opted_in()
    {
        using var server = new FakeChatServer();
        Assert.Null(new AiFixCodeFixProvider(() => AiFixDriver.Settings(server)).GetFixAllProvider());

        var fixAll = new AiFixCodeFixProvider(() => AiFixDriver.Settings(server, s => s.FixAllMaxRequests = 3)).GetFixAllProvider()!;
        Assert.Equal(new[] { FixAllScope.Solution }, fixAll.GetSupportedFixAllScopes());
    }

    [Fact]
    public async Task A_server_failure_is_counted_as_failed_with_its_reason()
    {
        using var server = new FakeChatServer(FakeChatResponse.Error(401, "Incorrect API key provided"));

        var (text, log) = await FixAllAsync(server, maxRequests: 10);

        Assert.Equal(TwoFindings, text);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal("AI fix: 0 fixed, 0 rejected, 2 failed (the server answered 401 Unauthorized: Incorrect API key provided ×2), 0 not attempted.", log[^1]);
    }

    [Fact]
    public async Task The_cap_holds_for_the_whole_run_across_diagnostic_ids()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix("public static IResult A(string returnUrl) => Results.LocalRedirect(returnUrl);"));
        var settings = AiFixDriver.Settings(server, s => s.FixAllMaxRequests = 1);
        var project = AiFixDriver.CreateProject(TwoFindings);
        var diagnostics = await AiFixDriver.FindingsAsync(project, "AIB1004");

        // dotnet format calls the Fix-All once per diagnostic ID, each time through GetFixAllProvider.
        await FixAllAsync(project, new AiFixCodeFixProvider(() => settings), "AIB1004", diagnostics);
        var (_, log) = await FixAllAsync(project, new AiFixCodeFixProvider(() => settings), "AIB1004", diagnostics);

        Assert.Equal(1, server.RequestCount);
        Assert.Equal("AI fix: 0 fixed, 0 rejected, 0 failed, 2 not attempted (request cap).", log[^1]);
    }

    [Fact]
    public async Task Under_dotnet_format_without_a_cap_it_says_how_to_set_one_and_sends_nothing()
    {
        using var server = new FakeChatServer();
        var project = AiFixDriver.CreateProject(TwoFindings);
        var provider = new AiFixCodeFixProvider(() => AiFixDriver.Settings(server));
        HeadlessHost.Override = true;
        try
        {
            var (text, log) = await FixAllAsync(project, provider, "AIB1004", await AiFixDriver.FindingsAsync(project, "AIB1004"));

            Assert.Equal(TwoFindings, text);
            Assert.Equal(new[] { "AI fix: not run for AIB1004: set AIBACKEND_AI_FIX_ALL_MAX_REQUESTS to the most requests this run may send (for example 20)." }, log);
            Assert.Equal(0, server.RequestCount);
        }
        finally
        {
            HeadlessHost.Override = null;
        }
    }

    private static async Task<(string Text, List<string> Log)> FixAllAsync(FakeChatServer server, int maxRequests)
    {
        var project = AiFixDriver.CreateProject(TwoFindings);
        var provider = new AiFixCodeFixProvider(() => AiFixDriver.Settings(server, s => s.FixAllMaxRequests = maxRequests));
        var diagnostics = await AiFixDriver.FindingsAsync(project, "AIB1004");
        Assert.Equal(2, diagnostics.Length);
        return await FixAllAsync(project, provider, "AIB1004", diagnostics);
    }

    /// <summary>Runs the provider's Fix-All as dotnet format does; returns the first document's text and the log lines.</summary>
    internal static async Task<(string Text, List<string> Log)> FixAllAsync(Project project, CodeFixProvider provider, string id, IEnumerable<Diagnostic> diagnostics)
    {
        var log = new List<string>();
        var previous = AiFixAllProvider.Log;
        AiFixAllProvider.Log = log.Add;
        try
        {
            // As dotnet format does: a Solution-scope context built from precomputed (soon stale) diagnostics.
            var context = new FixAllContext(project.Documents.First(), provider, FixAllScope.Solution, null!, new[] { id },
                new FixedDiagnostics(diagnostics), CancellationToken.None);
            var action = await provider.GetFixAllProvider()!.GetFixAsync(context);
            var operations = await action!.GetOperationsAsync(CancellationToken.None);
            var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return ((await solution.GetProject(project.Id)!.Documents.First().GetTextAsync()).ToString(), log);
        }
        finally
        {
            AiFixAllProvider.Log = previous;
        }
    }
}
