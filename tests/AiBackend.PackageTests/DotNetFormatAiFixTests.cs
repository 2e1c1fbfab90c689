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

    public DotNetFormatAiFixTests()
    {
        Directory.CreateDirectory(_root);
    }

    [Fact]
    public async Task Dotnet_format_applies_a_verified_ai_fix_and_reports_it()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(FixedMember));
        var app = WriteApp();
        var (restoreExit, restoreOutput) = await DotNet.RunAsync(app, TimeSpan.FromMinutes(5), "restore");
        Assert.True(restoreExit == 0, restoreOutput);

        var (exitCode, output) = await DotNet.RunAsync(app, TimeSpan.FromMinutes(8), new Dictionary<string, string>
        {
            ["AIBACKEND_AI_ENDPOINT"] = server.Endpoint.AbsoluteUri,
            ["AIBACKEND_AI_MODEL"] = "test-model",
            ["AIBACKEND_AI_FIX_ALL_MAX_REQUESTS"] = "5",
            // The machine's own settings file must not leak into the test.
            ["AIBACKEND_AI_SETTINGS"] = Path.Combine(_root, "no-settings.json"),
        }, "format", "analyzers", "App.csproj", "--diagnostics", "AIB1001", "--severity", "warn", "--no-restore", "-v", "diag");

        Assert.True(exitCode == 0, output);
        Assert.Contains("AIB1001: AI fix applied (1 request).", output);
        var program = File.ReadAllText(Path.Combine(app, "Program.cs"));
        Assert.Contains("command.CommandText = \"SELECT Email FROM Users WHERE Name = @name\";", program);
        Assert.Contains("        parameter.ParameterName = \"@name\";", program);
        Assert.DoesNotContain("'\" + name + \"'", program);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Without_configuration_dotnet_format_changes_nothing_and_sends_nothing()
    {
        using var server = new FakeChatServer(FakeChatResponse.Fix(FixedMember));
        var app = WriteApp();
        var (restoreExit, restoreOutput) = await DotNet.RunAsync(app, TimeSpan.FromMinutes(5), "restore");
        Assert.True(restoreExit == 0, restoreOutput);

        var (_, output) = await DotNet.RunAsync(app, TimeSpan.FromMinutes(8), new Dictionary<string, string>
        {
            ["AIBACKEND_AI_SETTINGS"] = Path.Combine(_root, "no-settings.json"),
        }, "format", "analyzers", "App.csproj", "--diagnostics", "AIB1001", "--severity", "warn", "--no-restore");

        Assert.Equal(ProgramSource, File.ReadAllText(Path.Combine(app, "Program.cs")));
        Assert.DoesNotContain("AI fix", output);
        Assert.Equal(0, server.RequestCount);
    }

    private string WriteApp()
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
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), ProgramSource);
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
