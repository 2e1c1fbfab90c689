extern alias AiFix;

using System.Collections.Immutable;
using AiBackend.Testing;
using AiFix::AiBackend.AiFix;
using AiFix::AiBackend.AiFix.Implement;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Tests.AiFix;

/// <summary>
/// "Implement with AI" against a scripted loopback server, on a repository shaped like the sample's: what is sent, when,
/// and what the file looks like after each kind of answer. Nothing here calls the repository, so an unsafe query is
/// caught through the verification's own untrusted-arguments probe.
/// </summary>
[Collection(nameof(AiFixAllTests))] // the Fix-All test captures AiFixAllProvider.Log, which is process-wide
public class ImplementWithAiTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string Model = TodoSampleSource.Entities;

    private const string Stub = Usings + Model + """
        public sealed class TodoRepository(TodoDb db)
        {
            public Task<Todo?> FindAsync(int id, CancellationToken cancellationToken) => db.Todos.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

            /// <summary>The owner's todos whose title contains the text, newest first.</summary>
            public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken)
            {
                throw new NotImplementedException();
            }
        }
        """;

    private const string LinqAnswer = """
        public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken) =>
            db.Todos.Where(t => t.OwnerId == ownerId && t.Title.Contains(text)).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        """;

    private const string Implemented = Usings + Model + """
        public sealed class TodoRepository(TodoDb db)
        {
            public Task<Todo?> FindAsync(int id, CancellationToken cancellationToken) => db.Todos.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

            /// <summary>The owner's todos whose title contains the text, newest first.</summary>
            public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken) =>
                db.Todos.Where(t => t.OwnerId == ownerId && t.Title.Contains(text)).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        }
        """;

    // Compiles and runs, and lets a caller's text rewrite the query.
    private const string ConcatenatedSqlAnswer = """
        public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken) =>
            db.Todos.FromSqlRaw("SELECT * FROM Todos WHERE OwnerId = '" + ownerId + "' AND Title LIKE '%" + text + "%'").ToListAsync(cancellationToken);
        """;

    private const string NotCompilingAnswer = """
        public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken) =>
            db.Todo.Where(t => t.OwnerId == ownerId).ToListAsync(cancellationToken);
        """;

    private static string NotApplied(string reason) => Stub.Replace(
        "    /// <summary>The owner's todos whose title contains the text, newest first.</summary>",
        $"    /// <summary>The owner's todos whose title contains the text, newest first.</summary>\n    // AI implementation not applied: {reason}");

    [Fact]
    public async Task A_linq_query_is_applied_and_only_choosing_it_sends_a_request()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(LinqAnswer));

        var result = await RunAsync(Stub, server);

        Assert.Equal(Implemented, result.Document);
        Assert.Equal((0, 0, 1), (result.RequestsAfterRegister, result.RequestsAfterPreview, result.RequestsAfterApply));
        Assert.Equal($"Implement with AI via {server.Endpoint.Authority} (sends this method and signatures)", result.Title);
        Assert.Equal("Ask test-model; apply only code that compiles and passes the AIB rules", result.InnerTitle);
        Assert.Contains("the method 'SearchAsync'", result.Preview);
    }

    [Fact]
    public async Task The_request_carries_the_method_its_description_the_types_it_uses_and_the_conventions()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(LinqAnswer));

        await RunAsync(Stub, server);

        var body = Assert.Single(server.Requests).Json.RootElement;
        Assert.Equal("aibackend_implement", body.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        var messages = body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()!).ToList();
        Assert.Contains("Never build SQL text by concatenation", messages[0]);
        var user = messages[1];
        Assert.Contains("""
            ```csharp
            public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken)
            {
                throw new NotImplementedException();
            }
            ```
            """, user);
        Assert.Contains("summary: The owner's todos whose title contains the text, newest first.", user);
        Assert.Contains("It is a member of class TodoRepository in file Test0.cs. Its other members:", user);
        Assert.Contains("public Task<Todo?> FindAsync(int id, CancellationToken cancellationToken);", user);
        // The DbContext's sets and the entity's members, as signatures.
        Assert.Contains("class TodoDb : DbContext", user);
        Assert.Contains("    public DbSet<Todo> Todos { get; }", user);
        Assert.Contains("class Todo\n    public int Id { get; set; }", user.Replace("\r", ""));
        Assert.Contains("    public string OwnerId { get; set; }", user);
        Assert.Contains("Data access available: EF Core", user);
        Assert.Contains("make it async and await async APIs", user);
        Assert.Contains("Pass 'cancellationToken' to every call that accepts a CancellationToken.", user);
        Assert.Contains("Nullable reference types are on", user);
        // Signatures only: no other member's body.
        Assert.DoesNotContain("FirstOrDefaultAsync(t => t.Id == id", user);
    }

    [Fact]
    public async Task Concatenated_sql_is_rejected_retried_with_the_finding_and_rejected_again()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(ConcatenatedSqlAnswer));

        var result = await RunAsync(Stub, server);

        Assert.Equal(NotApplied("AIB1001 is reported in the new code"), result.Document);
        Assert.Equal((0, 0, 2), (result.RequestsAfterRegister, result.RequestsAfterPreview, result.RequestsAfterApply));
        var retry = server.Requests[1].Json.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(new[] { "system", "user", "assistant", "user" }, retry.Select(m => m.GetProperty("role").GetString()));
        var feedback = retry[3].GetProperty("content").GetString()!;
        Assert.Contains("That answer was rejected: AIB1001 is reported in the new code.", feedback);
        Assert.Contains("an argument from a caller", feedback);
        Assert.DoesNotContain("AiBackendImplementProbe", feedback);
    }

    [Fact]
    public async Task Concatenated_sql_then_a_parameterised_query_applies_the_second_answer()
    {
        const string parameterised = """
            public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken) =>
                db.Todos.FromSql($"SELECT * FROM Todos WHERE OwnerId = {ownerId} AND instr(Title, {text}) > 0 ORDER BY Id DESC").ToListAsync(cancellationToken);
            """;
        using var server = new FakeChatServer(FakeChatResponse.Fix(ConcatenatedSqlAnswer), FakeChatResponse.Fix(parameterised));

        var result = await RunAsync(Stub, server);

        Assert.Contains("db.Todos.FromSql($\"SELECT * FROM Todos WHERE OwnerId = {ownerId}", result.Document);
        Assert.DoesNotContain("NotImplementedException", result.Document);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task An_answer_that_does_not_compile_gets_the_errors_back_and_is_refused_after_the_retry()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(NotCompilingAnswer));

        var result = await RunAsync(Stub, server);

        Assert.Equal(NotApplied("the new code does not compile (1 new error)"), result.Document);
        Assert.Equal(2, server.RequestCount);
        Assert.Contains("CS1061", server.Requests[1].Body);
    }

    [Fact]
    public async Task An_answer_with_a_new_compiler_warning_is_refused()
    {
        const string careless = """
            public async Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken)
            {
                var newest = await db.Todos.OrderByDescending(t => t.Id).FirstOrDefaultAsync(t => t.OwnerId == ownerId, cancellationToken);
                return await db.Todos.Where(t => t.OwnerId == newest.OwnerId && t.Title.Contains(text)).ToListAsync(cancellationToken);
            }
            """;
        using var server = new FakeChatServer(FakeChatResponse.Fix(careless));

        var result = await RunAsync(Stub, server);

        Assert.Equal(NotApplied("the new code adds compiler warnings (CS8602)"), result.Document);
        Assert.Contains("CS8602 at line", server.Requests[1].Body);
    }

    [Fact]
    public async Task An_answer_that_is_still_a_stub_is_refused()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix("public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken) => throw new NotImplementedException();"));

        var result = await RunAsync(Stub, server);

        Assert.Equal(NotApplied("the answer is still a stub (it throws NotImplementedException)"), result.Document);
    }

    [Fact]
    public async Task A_server_that_hangs_past_the_timeout_is_abandoned_after_one_request()
    {
        using var server = new FakeChatServer(FakeChatResponse.Hang(TimeSpan.FromMinutes(5)));

        var result = await RunAsync(Stub, server, s => s.Timeout = TimeSpan.FromSeconds(1));

        Assert.Equal(NotApplied("no answer within 1 s"), result.Document);
        Assert.Equal((0, 0, 1), (result.RequestsAfterRegister, result.RequestsAfterPreview, result.RequestsAfterApply));
    }

    [Fact]
    public async Task A_todo_line_describes_a_stub_and_goes_once_it_is_implemented()
    {
        var stub = Stub.Replace(
            "    /// <summary>The owner's todos whose title contains the text, newest first.</summary>\n",
            "    // TODO: the owner's todos whose title contains the text, newest first\n");
        using var server = new FakeChatServer(FakeChatResponse.Fix(LinqAnswer));

        var result = await RunAsync(stub, server);

        Assert.Equal(Implemented.Replace("    /// <summary>The owner's todos whose title contains the text, newest first.</summary>\n", ""), result.Document);
        Assert.Contains("the owner's todos whose title contains the text, newest first", server.Requests[0].Body);
    }

    [Fact]
    public async Task A_partial_method_without_implementation_gets_one_after_its_definition()
    {
        var partial = Stub
            .Replace("public sealed class TodoRepository(TodoDb db)", "public sealed partial class TodoRepository(TodoDb db)")
            .Replace("""
                    public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken)
                    {
                        throw new NotImplementedException();
                    }
                """, """
                    public partial Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken);
                """);
        using var server = new FakeChatServer(FakeChatResponse.Fix(LinqAnswer));

        var result = await RunAsync(partial, server, allowErrors: true);

        Assert.Contains("""
                /// <summary>The owner's todos whose title contains the text, newest first.</summary>
                public partial Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken);

                public partial Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken) =>
                    db.Todos.Where(t => t.OwnerId == ownerId && t.Title.Contains(text)).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
            """, result.Document);
        Assert.Contains("Write the implementing declaration (with the partial modifier)", server.Requests[0].Body);
    }

    [Fact]
    public async Task Described_stubs_are_reported_silently_and_nothing_else_is()
    {
        var source = Stub.Replace("public Task<Todo?> FindAsync(int id, CancellationToken cancellationToken) => db.Todos.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);", """
            public Task<Todo?> FindAsync(int id, CancellationToken cancellationToken) => db.Todos.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

                // No description: nothing to implement from.
                public int Count() => throw new NotImplementedException();

                /// <summary>Described, but it already does something.</summary>
                public int Zero() => 0;

                /// <summary>Deletes the owner's done todos.</summary>
                public Task<int> PurgeAsync(string ownerId) => throw new System.NotImplementedException("later");
            """);
        var stubs = await StubDiagnosticsAsync(AiFixDriver.CreateProject(source));

        Assert.Equal(new[] { "'PurgeAsync' is described but not implemented", "'SearchAsync' is described but not implemented" }, stubs.Select(d => d.GetMessage()));
        Assert.All(stubs, d => Assert.Equal(DiagnosticSeverity.Hidden, d.Severity));

        // A build without a documentation file lexes /// lines as plain comments; they still describe the method.
        var withoutDocumentationMode = AiFixDriver.CreateProject(source);
        withoutDocumentationMode = withoutDocumentationMode.WithParseOptions(((Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)withoutDocumentationMode.ParseOptions!).WithDocumentationMode(DocumentationMode.None));
        Assert.Equal(stubs.Select(d => d.GetMessage()), (await StubDiagnosticsAsync(withoutDocumentationMode)).Select(d => d.GetMessage()));
    }

    [Theory]
    [InlineData("5", DiagnosticSeverity.Info)]
    [InlineData("0", DiagnosticSeverity.Hidden)]
    public async Task Stubs_are_suggestions_only_while_the_headless_cap_is_set(string cap, DiagnosticSeverity expected)
    {
        // The package makes the environment variable a compiler-visible MSBuild property.
        var project = AiFixDriver.CreateProject(Stub, TestOptions.Default with { BuildProperties = new Dictionary<string, string> { ["AIBACKEND_AI_FIX_ALL_MAX_REQUESTS"] = cap } });

        Assert.Equal(expected, Assert.Single(await StubDiagnosticsAsync(project)).Severity);
    }

    [Fact]
    public async Task Without_configuration_nothing_is_offered()
    {
        Assert.Single(await StubDiagnosticsAsync(AiFixDriver.CreateProject(Stub)));
        var provider = new ImplementCodeFixProvider(() => null);

        Assert.Empty(provider.FixableDiagnosticIds);
        Assert.Null(provider.GetFixAllProvider());
    }

    [Fact]
    public async Task The_repository_switch_turns_it_off()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(LinqAnswer));
        var project = AiFixDriver.CreateProject(Stub, TestOptions.Default with { GlobalConfig = "aibackend.AIB9001.ai_fix = false" });

        var actions = await RegisterAsync(project, AiFixDriver.Settings(server));

        Assert.Empty(actions);
    }

    [Fact]
    public async Task Fix_all_implements_stubs_one_after_another_within_the_cap_and_summarises()
    {
        var twoStubs = Stub.Replace("""
                    public Task<Todo?> FindAsync(int id, CancellationToken cancellationToken) => db.Todos.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
                """, """
                    /// <summary>The todo with this id, or null.</summary>
                    public Task<Todo?> FindAsync(int id, CancellationToken cancellationToken) => throw new NotImplementedException();
                """);
        using var server = new FakeChatServer(
            FakeChatResponse.Fix("public Task<Todo?> FindAsync(int id, CancellationToken cancellationToken) => db.Todos.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);"),
            FakeChatResponse.Fix(ConcatenatedSqlAnswer));
        var project = AiFixDriver.CreateProject(twoStubs);
        var provider = new ImplementCodeFixProvider(() => AiFixDriver.Settings(server, s => s.FixAllMaxRequests = 10));

        var (text, log) = await AiFixAllTests.FixAllAsync(project, provider, DescribedStubAnalyzer.DiagnosticId, await StubDiagnosticsAsync(project));

        Assert.Contains("=> db.Todos.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);", text);
        Assert.Contains("throw new NotImplementedException();", text); // SearchAsync stays a stub, without a comment
        Assert.DoesNotContain("// AI implementation", text);
        Assert.Equal(3, server.RequestCount);
        Assert.Equal(new[]
        {
            "/src/Test0.cs(25): AIB9001: AI implementation applied (1 request).",
            "/src/Test0.cs(28): AIB9001: AI implementation not applied: AIB1001 is reported in the new code.",
            "AI implementation: 1 implemented, 1 rejected (AIB1001 is reported in the new code), 0 failed, 0 not attempted.",
        }, log);
    }

    private static async Task<ImmutableArray<Diagnostic>> StubDiagnosticsAsync(Project project)
    {
        var compilation = await project.GetCompilationAsync();
        var diagnostics = await compilation!.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DescribedStubAnalyzer()), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id == DescribedStubAnalyzer.DiagnosticId).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private static async Task<List<CodeAction>> RegisterAsync(Project project, AiFix::AiBackend.AiFix.Configuration.AiFixSettings? settings)
    {
        var diagnostic = (await StubDiagnosticsAsync(project)).First();
        var actions = new List<CodeAction>();
        var provider = new ImplementCodeFixProvider(() => settings);
        if (!provider.FixableDiagnosticIds.Contains(DescribedStubAnalyzer.DiagnosticId))
            return actions;
        await provider.RegisterCodeFixesAsync(new CodeFixContext(project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    /// <summary>Registers, previews and applies "Implement with AI" on the first stub; counts requests per stage.</summary>
    private static Task<AiFixDriver.Result> RunAsync(string source, FakeChatServer server, Action<AiFix::AiBackend.AiFix.Configuration.AiFixSettings>? configure = null, bool allowErrors = false) =>
        AiFixDriver.RunAsync(AiFixDriver.CreateProject(source, TestOptions.Default with { AllowCompilerErrors = allowErrors }), server, project => RegisterAsync(project, AiFixDriver.Settings(server, configure)));
}
