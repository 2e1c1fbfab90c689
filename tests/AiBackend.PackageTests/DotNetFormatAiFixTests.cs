using AiBackend.Testing;

namespace AiBackend.PackageTests;

/// <summary>
/// The headless AI fix as a CI job runs it: both packages installed from the local feed, <c>dotnet format analyzers</c>
/// with the model configured through environment variables, pointed at a loopback fake server.
/// </summary>
public sealed class DotNetFormatAiFixTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aib-aifix-test-" + Guid.NewGuid().ToString("N"));

    private const string ProgramSource = """
        using System.Data.Common;

        var app = WebApplication.Create(args);
        app.MapGet("/users/{name}", Users.Email);
        app.Run();

        static class Users
        {
            public static object? Email(string name, DbConnection db)
            {
                using var command = db.CreateCommand();
                command.CommandText = "SELECT Email FROM Users WHERE Name = '" + name + "'";
                return command.ExecuteScalar();
            }
        }
        """;

    private const string FixedMember = """
        public static object? Email(string name, DbConnection db)
        {
            using var command = db.CreateCommand();
            command.CommandText = "SELECT Email FROM Users WHERE Name = @name";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@name";
            parameter.Value = name;
            command.Parameters.Add(parameter);
            return command.ExecuteScalar();
        }
        """;

    // A repository added to the sample (samples/TodoApi, whose Todo entity and DbContext the test copies), with two described stubs.
    private const string SampleRepository = """
        using Microsoft.EntityFrameworkCore;

        namespace TodoApi.Data;

        public sealed class TodoRepository(TodoDb db)
        {
            /// <summary>The owner's todos whose title contains the text, newest first.</summary>
            public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken)
            {
                throw new NotImplementedException();
            }

            /// <summary>How many of the owner's todos are not done.</summary>
            public Task<int> CountOpenAsync(string ownerId, CancellationToken cancellationToken)
            {
                throw new NotImplementedException();
            }
        }
        """;

    private const string SampleProgram = """
        using Microsoft.EntityFrameworkCore;
        using TodoApi.Data;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDbContext<TodoDb>(options => options.UseSqlite("Data Source=todos.db"));
        builder.Services.AddScoped<TodoRepository>();
        var app = builder.Build();
        app.UseExceptionHandler("/error");
        app.Run();
        """;

    private const string SafeSearch = """
        public Task<List<Todo>> SearchAsync(string ownerId, string text, CancellationToken cancellationToken) =>
            db.Todos.Where(t => t.OwnerId == ownerId && t.Title.Contains(text)).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        """;

    private const string UnsafeCount = """
        public Task<int> CountOpenAsync(string ownerId, CancellationToken cancellationToken) =>
            db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM Todos WHERE Done = 0 AND OwnerId = '" + ownerId + "'").SingleAsync(cancellationToken);
        """;

    public DotNetFormatAiFixTests()
    {
        Directory.CreateDirectory(_root);
    }

    [Fact]
    public async Task Dotnet_format_applies_a_verified_ai_fix_and_reports_it()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(FixedMember));
        var app = await RestoredAppAsync(("Program.cs", ProgramSource));

        // The documented command: the fix run, then the check that exits non-zero when a finding is left.
        var (exitCode, output) = await FormatAsync(app, server, "AIB1001", "warn");

        Assert.True(exitCode == 0, output);
        Assert.Contains("AIB1001: AI fix applied (1 request).", output);
        Assert.Contains("AI fix: 1 fixed, 0 rejected, 0 failed, 0 not attempted.", output);
        // The deterministic AIB1001 fix has nothing to say about a finding it cannot fix (a DbCommand without AddWithValue).
        Assert.DoesNotContain("Fix All", output);
        var program = File.ReadAllText(Path.Combine(app, "Program.cs"));
        Assert.Contains("command.CommandText = \"SELECT Email FROM Users WHERE Name = @name\";", program);
        Assert.Contains("        parameter.ParameterName = \"@name\";", program);
        Assert.DoesNotContain("'\" + name + \"'", program);
        Assert.Equal(1, server.RequestCount);

        var (checkExit, checkOutput) = await CheckAsync(app, server, "AIB1001", "warn");
        Assert.True(checkExit == 0, checkOutput);
    }

    [Fact]
    public async Task Dotnet_format_implements_a_described_repository_method_with_a_safe_query_and_refuses_an_unsafe_one()
    {
        using var server = new FakeChatServer(
            FakeChatResponse.Fix(SafeSearch),
            FakeChatResponse.Fix(UnsafeCount),
            FakeChatResponse.Fix(UnsafeCount));
        // The sample's own data model, as it is in the repository ([Resource], [OwnedBy] and all), not a stand-in.
        var app = await RestoredAppAsync(("Program.cs", SampleProgram), ("Data/Todo.cs", SampleFile("Data/Todo.cs")), ("Data/TodoDb.cs", SampleFile("Data/TodoDb.cs")), ("Data/TodoRepository.cs", SampleRepository));

        var (exitCode, output) = await FormatAsync(app, server, "AIB9001", "info");

        Assert.True(exitCode == 0, output);
        Assert.Contains("AIB9001: AI implementation applied (1 request).", output);
        Assert.Contains("AIB9001: AI implementation not applied: AIB1001 is reported in the new code.", output);
        Assert.Contains("AI implementation: 1 implemented, 1 rejected (AIB1001 is reported in the new code), 0 failed, 0 not attempted.", output);
        Assert.Equal(3, server.RequestCount);
        var repository = File.ReadAllText(Path.Combine(app, "Data", "TodoRepository.cs"));
        Assert.Contains(".Where(t => t.OwnerId == ownerId && t.Title.Contains(text))", repository);
        Assert.DoesNotContain("FromSqlRaw", repository);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(repository, "NotImplementedException")); // the unsafe one stays a stub

        // The check lists the stub that is left and fails, so CI can tell.
        var (checkExit, checkOutput) = await CheckAsync(app, server, "AIB9001", "info");
        Assert.True(checkExit != 0, checkOutput);
        Assert.Contains("AIB9001", checkOutput);
        Assert.Contains("'CountOpenAsync' is described but not implemented", checkOutput);
    }

    [Fact]
    public async Task Configured_without_a_cap_dotnet_format_says_how_to_set_one_and_sends_nothing()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(FixedMember));
        var app = await RestoredAppAsync(("Program.cs", ProgramSource));
        var environment = Environment(server);
        environment.Remove("AIBACKEND_AI_FIX_ALL_MAX_REQUESTS");

        var (_, output) = await DotNet.RunAsync(app, TimeSpan.FromMinutes(8), environment, "format", "analyzers", "App.csproj", "--diagnostics", "AIB1001", "--severity", "warn", "--no-restore");

        Assert.Contains("AI fix: not run for AIB1001: set AIBACKEND_AI_FIX_ALL_MAX_REQUESTS to the most requests this run may send (for example 20).", output);
        Assert.DoesNotContain("Fix All", output);
        Assert.Equal(ProgramSource, File.ReadAllText(Path.Combine(app, "Program.cs")));
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Without_configuration_dotnet_format_changes_nothing_and_sends_nothing()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(FixedMember));
        var app = await RestoredAppAsync(("Program.cs", ProgramSource));

        var (_, output) = await DotNet.RunAsync(app, TimeSpan.FromMinutes(8), new Dictionary<string, string>
        {
            ["AIBACKEND_AI_SETTINGS"] = Path.Combine(_root, "no-settings.json"),
        }, "format", "analyzers", "App.csproj", "--diagnostics", "AIB1001", "--severity", "warn", "--no-restore");

        Assert.Equal(ProgramSource, File.ReadAllText(Path.Combine(app, "Program.cs")));
        Assert.DoesNotContain("AI fix", output);
        Assert.Equal(0, server.RequestCount);
    }

    private Dictionary<string, string> Environment(FakeChatServer server) => new()
    {
        ["AIBACKEND_AI_ENDPOINT"] = server.Endpoint.AbsoluteUri,
        ["AIBACKEND_AI_MODEL"] = "test-model",
        ["AIBACKEND_AI_FIX_ALL_MAX_REQUESTS"] = "5",
        // The machine's own settings file must not leak into the test.
        ["AIBACKEND_AI_SETTINGS"] = Path.Combine(_root, "no-settings.json"),
    };

    private Task<(int ExitCode, string Output)> FormatAsync(string app, FakeChatServer server, string id, string severity) =>
        DotNet.RunAsync(app, TimeSpan.FromMinutes(8), Environment(server), "format", "analyzers", "App.csproj", "--diagnostics", id, "--severity", severity, "--no-restore");

    private Task<(int ExitCode, string Output)> CheckAsync(string app, FakeChatServer server, string id, string severity) =>
        DotNet.RunAsync(app, TimeSpan.FromMinutes(8), Environment(server), "format", "analyzers", "App.csproj", "--diagnostics", id, "--severity", severity, "--no-restore", "--verify-no-changes");

    private static string SampleFile(string path) =>
        File.ReadAllText(Path.Combine(PackageUnderTest.Directory, "..", "..", "samples", "TodoApi", path));

    private async Task<string> RestoredAppAsync(params (string Path, string Text)[] files)
    {
        var app = WriteApp(files);
        var (exitCode, output) = await DotNet.RunAsync(app, TimeSpan.FromMinutes(5), "restore");
        Assert.True(exitCode == 0, output);
        return app;
    }

    private string WriteApp((string Path, string Text)[] files)
    {
        var app = Path.Combine(_root, "App");
        Directory.CreateDirectory(app);
        IsolatedFeed.Write(_root);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AiBackendAnalyzers.AiFix" Version="{PackageUnderTest.Version}" PrivateAssets="all" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="{PackageUnderTest.EntityFrameworkSqliteVersion}" />
              </ItemGroup>
            </Project>
            """);
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(app, path))!);
            File.WriteAllText(Path.Combine(app, path), text);
        }

        return app;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned by the OS.
        }
    }
}
