extern alias AiFix;

using AiFix::AiBackend.AiFix;
using AiFix::AiBackend.AiFix.Configuration;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AiBackend.Tests.AiFix;

/// <summary>When the AI fix is offered at all: only configured on the user's machine, and a repository can only turn it off.</summary>
public class AiFixRegistrationTests
{
    private const string Vulnerable = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        static class Api
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/go", (string returnUrl) => Results.Redirect(returnUrl));
        }
        """;

    [Fact]
    public async Task An_unconfigured_install_registers_nothing_fixes_nothing_and_sends_nothing()
    {
        using var server = new FakeChatServer(FakeChatResponse.Error(500, "must not be called"));
        var provider = new AiFixCodeFixProvider(() => null);

        Assert.Empty(provider.FixableDiagnosticIds);
        Assert.Null(provider.GetFixAllProvider());
        var project = AiFixDriver.CreateProject(Vulnerable);
        var diagnostic = Assert.Single(await AiFixDriver.FindingsAsync(project, "AIB1004"));
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(project.Documents.First(), diagnostic, (a, _) => actions.Add(a), CancellationToken.None));

        Assert.Empty(actions);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Configured_it_offers_one_nested_action_per_finding_and_no_fix_all_by_default()
    {
        using var server = new FakeChatServer();
        var settings = AiFixDriver.Settings(server);
        var provider = new AiFixCodeFixProvider(() => settings);

        var actions = await AiFixDriver.RegisterAsync(AiFixDriver.CreateProject(Vulnerable), "AIB1004", settings);

        var action = Assert.Single(actions);
        Assert.Single(action.NestedActions);
        Assert.Contains("AIB1001", provider.FixableDiagnosticIds);
        Assert.Contains("AIB3011", provider.FixableDiagnosticIds);
        Assert.DoesNotContain(provider.FixableDiagnosticIds, id => id.StartsWith("AIB5", StringComparison.Ordinal));
        Assert.Null(provider.GetFixAllProvider());
        Assert.Equal(0, server.RequestCount);
    }

    [Theory]
    [InlineData("aibackend.ai_fix = false")]
    [InlineData("aibackend.AIB1004.ai_fix = off")]
    public async Task The_repository_can_turn_it_off_globally_or_per_rule(string config)
    {
        using var server = new FakeChatServer();
        var project = AiFixDriver.CreateProject(Vulnerable, TestOptions.Default with { GlobalConfig = config });

        Assert.Empty(await AiFixDriver.RegisterAsync(project, "AIB1004", AiFixDriver.Settings(server)));
    }

    [Theory]
    [InlineData("aibackend.AIB1001.ai_fix = false")]
    [InlineData("aibackend.ai_fix = true")]
    [InlineData("aibackend.ai_fix.endpoint = https://attacker.example/v1")]
    public async Task Other_repository_settings_neither_disable_it_nor_redirect_it(string config)
    {
        using var server = new FakeChatServer();
        var project = AiFixDriver.CreateProject(Vulnerable, TestOptions.Default with { GlobalConfig = config });

        var action = Assert.Single(await AiFixDriver.RegisterAsync(project, "AIB1004", AiFixDriver.Settings(server)));
        Assert.Equal($"Fix with AI via {server.Endpoint.Authority} (sends this method)", action.Title);
    }
}
