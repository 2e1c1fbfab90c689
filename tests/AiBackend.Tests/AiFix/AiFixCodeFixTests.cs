extern alias AiFix;

using System.Text.Json;
using AiBackend.Testing;

namespace AiBackend.Tests.AiFix;

/// <summary>
/// The AI fix end to end against a scripted loopback server: what is sent, when, and what the document looks like after
/// each kind of answer (including every failure mode).
/// </summary>
public class AiFixCodeFixTests
{
    private const string Vulnerable = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Data.Sqlite;

        public static class UserEndpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/users", Find);

            /// <summary>The user's e-mail.</summary>
            public static string? Find(string name, SqliteConnection db)
            {
                using var command = db.CreateCommand();
                command.CommandText = "SELECT Email FROM Users WHERE Name = '" + name + "'";
                return command.ExecuteScalar() as string;
            }
        }
        """;

    private const string ParameterizedMember = """
        public static string? Find(string name, SqliteConnection db)
        {
            using var command = db.CreateCommand();
            command.CommandText = "SELECT Email FROM Users WHERE Name = $name";
            command.Parameters.AddWithValue("$name", name);
            return command.ExecuteScalar() as string;
        }
        """;

    private const string Fixed = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Data.Sqlite;

        public static class UserEndpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/users", Find);

            /// <summary>The user's e-mail.</summary>
            public static string? Find(string name, SqliteConnection db)
            {
                using var command = db.CreateCommand();
                command.CommandText = "SELECT Email FROM Users WHERE Name = $name";
                command.Parameters.AddWithValue("$name", name);
                return command.ExecuteScalar() as string;
            }
        }
        """;

    // Still concatenates: compiles, but AIB1001 is still reported.
    private const string StillVulnerableMember = """
        public static string? Find(string name, SqliteConnection db)
        {
            using var command = db.CreateCommand();
            command.CommandText = string.Concat("SELECT Email FROM Users WHERE Name = '", name, "'");
            return command.ExecuteScalar() as string;
        }
        """;

    private const string NotCompilingMember = """
        public static string? Find(string name, SqliteConnection db)
        {
            using var command = db.CreateCommand();
            command.CommandText = "SELECT Email FROM Users WHERE Name = $name";
            command.Parameters.AddWithValu("$name", name);
            return command.ExecuteScalar() as string;
        }
        """;

    private static string NotApplied(string reason) => Vulnerable.Replace(
        "    /// <summary>The user's e-mail.</summary>",
        $"    /// <summary>The user's e-mail.</summary>\n    // AI fix for AIB1001 not applied: {reason}");

    [Fact]
    public async Task A_correct_fix_is_applied_and_only_choosing_it_sends_a_request()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(ParameterizedMember));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(Fixed, result.Document);
        Assert.Equal((0, 0, 1), (result.RequestsAfterRegister, result.RequestsAfterPreview, result.RequestsAfterApply));
        Assert.Equal($"Fix with AI via {server.Endpoint.Authority} (sends this method)", result.Title);
        Assert.Equal("Ask test-model; apply only a fix that compiles and clears AIB1001", result.InnerTitle);
        Assert.Contains("the method 'Find'", result.Preview);
        Assert.Empty(await AiFixDriver.FindingsAsync(result.Project, "AIB1001"));
    }

    [Fact]
    public async Task The_request_carries_the_model_the_member_with_the_finding_marked_the_rule_and_the_schema()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(ParameterizedMember));

        await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/chat/completions"), (request.Method, request.Path));
        Assert.Equal("Bearer test-key-0123", request.Headers["Authorization"]);
        var body = request.Json.RootElement;
        Assert.Equal("test-model", body.GetProperty("model").GetString());
        Assert.Equal("json_schema", body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.True(body.GetProperty("response_format").GetProperty("json_schema").GetProperty("strict").GetBoolean());
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(new[] { "system", "user" }, messages.Select(m => m.GetProperty("role").GetString()));
        var user = messages[1].GetProperty("content").GetString()!;
        Assert.Contains("Finding: AIB1001 SQL injection (warning)", user);
        Assert.Contains("Message: Query parameter 'name' (line 9) reaches SQL text", user);
        Assert.Contains("Documentation: https://github.com/AiBackendAnalyzers/AiBackendAnalyzers/blob/main/docs/rules/AIB1001.md", user);
        Assert.Contains("""
            ```csharp
            public static string? Find(string name, SqliteConnection db)
            {
                using var command = db.CreateCommand();
                /*AIB>*/command.CommandText = "SELECT Email FROM Users WHERE Name = '" + name + "'"/*<AIB*/;
                return command.ExecuteScalar() as string;
            }
            ```
            """, user);
        // Only the member is sent: not the rest of the class.
        Assert.DoesNotContain("MapGet", user);
    }

    [Fact]
    public async Task Azure_style_api_key_header_is_sent_instead_of_bearer_when_configured()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(ParameterizedMember));

        await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server, s => s.AuthHeader = AiFix::AiBackend.AiFix.Configuration.AiAuthHeader.ApiKey);

        var request = Assert.Single(server.Requests);
        Assert.Equal("test-key-0123", request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task A_fix_that_keeps_the_vulnerability_is_retried_once_with_feedback_then_refused()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(StillVulnerableMember));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("AIB1001 is still reported"), result.Document);
        Assert.Equal(2, server.RequestCount);
        var retry = server.Requests[1].Json.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(new[] { "system", "user", "assistant", "user" }, retry.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("That answer was rejected: AIB1001 is still reported.", retry[3].GetProperty("content").GetString());
        Assert.Contains("AIB1001 at line 12: Query parameter 'name' (line 9) reaches SQL text", retry[3].GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_fix_that_does_not_compile_gets_the_compiler_errors_back_and_a_good_retry_is_applied()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(NotCompilingMember), FakeChatResponse.Fix(ParameterizedMember));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(Fixed, result.Document);
        Assert.Equal(2, server.RequestCount);
        var feedback = server.Requests[1].Json.RootElement.GetProperty("messages")[3].GetProperty("content").GetString()!;
        Assert.Contains("the fixed code does not compile (1 new error)", feedback);
        Assert.Contains("CS1061", feedback);
    }

    [Fact]
    public async Task A_fix_that_never_compiles_leaves_the_code_unchanged_with_the_reason()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(NotCompilingMember));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("the fixed code does not compile (1 new error)"), result.Document);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_fix_that_introduces_another_finding_is_refused()
    {
        // Parameterized, but now swallows exceptions: AIB2001 would be new.
        const string swallowing = """
            public static string? Find(string name, SqliteConnection db)
            {
                try
                {
                    using var command = db.CreateCommand();
                    command.CommandText = "SELECT Email FROM Users WHERE Name = $name";
                    command.Parameters.AddWithValue("$name", name);
                    return command.ExecuteScalar() as string;
                }
                catch (System.Exception)
                {
                }

                return null;
            }
            """;
        using var server = new FakeChatServer(FakeChatResponse.Fix(swallowing));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("the fix introduces AIB2001"), result.Document);
    }

    [Fact]
    public async Task A_different_member_is_not_the_expected_shape()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(ParameterizedMember.Replace("Find(", "FindUser(")));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("the answer is not a replacement for the method 'Find' (a different kind or name)"), result.Document);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_the_reason()
    {
        using var server = new FakeChatServer(FakeChatResponse.Answer("{\"member\": \"public static string? Find(\", "));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("the answer is neither JSON with a 'member' nor a single C# code block"), result.Document);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_server_answer_that_is_not_json_at_all_is_refused_without_a_retry()
    {
        using var server = new FakeChatServer(FakeChatResponse.Raw("<html>Bad gateway</html>"));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Contains("// AI fix for AIB1001 not applied: the server's answer is not JSON", result.Document);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Prose_and_a_fence_around_the_json_are_tolerated()
    {
        var json = JsonSerializer.Serialize(new { member = ParameterizedMember, usings = Array.Empty<string>(), explanation = "parameters" });
        using var server = new FakeChatServer(FakeChatResponse.Answer($"Sure! Here is the fix:\n```json\n{json}\n```\nThis uses a parameter {{like this}}."));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(Fixed, result.Document);
    }

    [Fact]
    public async Task A_plain_csharp_block_from_a_server_without_structured_output_is_used()
    {
        using var server = new FakeChatServer(FakeChatResponse.Answer($"Use a parameter:\n```csharp\n{ParameterizedMember}\n```"));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server, s => s.StructuredOutput = false);

        Assert.Equal(Fixed, result.Document);
        Assert.False(server.Requests[0].Json.RootElement.TryGetProperty("response_format", out _));
    }

    [Fact]
    public async Task Too_many_requests_then_success_waits_as_told_and_applies_the_fix()
    {
        using var server = new FakeChatServer(
            FakeChatResponse.Error(429, "rate limited", ("Retry-After", "1")),
            FakeChatResponse.Fix(ParameterizedMember));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(Fixed, result.Document);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_gives_up_at_once()
    {
        using var server = new FakeChatServer(FakeChatResponse.Error(429, "rate limited", ("Retry-After", "3600")));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("the server asked to retry after 3600 s, longer than 3 s"), result.Document);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_server_error_is_retried_once_then_reported()
    {
        using var server = new FakeChatServer(FakeChatResponse.Error(500, "boom"));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("the server is still busy or failing after one retry"), result.Document);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task An_authentication_error_is_reported_with_the_server_message_and_not_retried()
    {
        using var server = new FakeChatServer(FakeChatResponse.Error(401, "Incorrect API key provided"));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("the server answered 401 Unauthorized: Incorrect API key provided"), result.Document);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_server_that_hangs_past_the_timeout_is_abandoned()
    {
        using var server = new FakeChatServer(FakeChatResponse.Hang(TimeSpan.FromMinutes(5)));

        var started = DateTime.UtcNow;
        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server, s => s.Timeout = TimeSpan.FromSeconds(1));

        Assert.Equal(NotApplied("no answer within 1 s"), result.Document);
        Assert.Equal(1, server.RequestCount);
        // Not a timing assertion of our code's speed: proof that the five-minute hang was not waited out.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_huge_answer_is_refused_unread()
    {
        using var server = new FakeChatServer(FakeChatResponse.Answer(new string('x', 3 * 1024 * 1024)));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("the answer is larger than 1024 KB"), result.Document);
    }

    [Fact]
    public async Task A_truncated_answer_is_reported_as_such()
    {
        using var server = new FakeChatServer(FakeChatResponse.Answer("{\"member\": \"public static", finishReason: "length"));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.Equal(NotApplied("the model's answer was cut off (token limit)"), result.Document);
    }

    [Fact]
    public async Task Secret_literals_never_reach_the_server_and_are_restored_in_the_fix()
    {
        const string secret = "sk-live-9f8A7b6C5d4E3f2G1h0JkLmNoPq";
        var source = Vulnerable.Replace("using var command = db.CreateCommand();", $"var apiKey = \"{secret}\";\n        using var command = db.CreateCommand();");
        // The model keeps the placeholder it was shown.
        var answer = ParameterizedMember.Replace("using var command = db.CreateCommand();", "var apiKey = \"AIB_REDACTED_1\";\n    using var command = db.CreateCommand();");
        using var server = new FakeChatServer(FakeChatResponse.Fix(answer));

        var result = await AiFixDriver.RunAsync(source, "AIB1001", server);

        Assert.DoesNotContain(secret, server.Requests[0].Body);
        Assert.Contains("var apiKey = \\\"AIB_REDACTED_1\\\";", server.Requests[0].Body);
        Assert.Contains($"var apiKey = \"{secret}\";", result.Document);
        Assert.Contains("command.Parameters.AddWithValue", result.Document);
    }

    [Fact]
    public async Task Namespaces_the_fix_needs_are_imported()
    {
        const string member = """
            public static string? Find(string name, SqliteConnection db)
            {
                using var command = db.CreateCommand();
                command.CommandText = "SELECT Email FROM Users WHERE Name = $name";
                command.Parameters.Add(new SqliteParameter("$name", SqliteType.Text) { Value = name });
                return Convert.ToString(command.ExecuteScalar());
            }
            """;
        using var server = new FakeChatServer(FakeChatResponse.Fix(member, "System", "using Microsoft.Data.Sqlite;"));

        var result = await AiFixDriver.RunAsync(Vulnerable, "AIB1001", server);

        Assert.StartsWith("using Microsoft.AspNetCore.Builder;\nusing Microsoft.Data.Sqlite;\nusing System;\n", result.Document);
        Assert.Empty(await AiFixDriver.FindingsAsync(result.Project, "AIB1001"));
    }

    [Fact]
    public async Task Top_level_statements_are_fixed_one_statement_at_a_time()
    {
        const string program = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var app = WebApplication.Create();
            app.MapGet("/go", (string returnUrl) => Results.Redirect(returnUrl));
            app.Run();
            """;
        using var server = new FakeChatServer(FakeChatResponse.Fix("app.MapGet(\"/go\", (string returnUrl) => Results.LocalRedirect(returnUrl));"));

        var project = AiFixDriver.CreateProject(program, TestOptions.Default with { OutputKind = OutputKindOption.Application });
        var actions = await AiFixDriver.RegisterAsync(project, "AIB1004", AiFixDriver.Settings(server));
        var operations = await Assert.Single(Assert.Single(actions).NestedActions).GetOperationsAsync(CancellationToken.None);
        var text = (await operations.OfType<Microsoft.CodeAnalysis.CodeActions.ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!.Documents.First().GetTextAsync()).ToString();

        Assert.Equal(program.Replace("Results.Redirect(returnUrl)", "Results.LocalRedirect(returnUrl)"), text);
        Assert.StartsWith("Fix with AI via", actions[0].Title);
        Assert.EndsWith("(sends this statement)", actions[0].Title);
    }
}
