using System.Text.Json.Nodes;

namespace AiBackend.PackageTests;

/// <summary>
/// The package's squiggles through a real editor protocol: csharp-ls (a Roslyn-based language server, installed as a
/// dotnet tool) loads a project that references the packed package, and the test reads the diagnostics it publishes
/// for an open document, before and after an edit, as an editor would show them.
/// </summary>
public sealed class LanguageServerTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromMinutes(4);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "aib-lsp-test-" + Guid.NewGuid().ToString("N"));

    private const string VulnerableProgram = """
        using Microsoft.Data.Sqlite;

        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/users", (string name) =>
        {
            using var connection = new SqliteConnection("Data Source=app.db");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM users WHERE name = '" + name + "'";
            return command.ExecuteScalar()?.ToString() ?? "";
        });
        app.Run();
        """;

    public LanguageServerTests()
    {
        Directory.CreateDirectory(_root);
    }

    [Fact]
    public async Task Csharp_ls_publishes_AIB1001_on_the_open_document_and_clears_it_after_the_fix()
    {
        var program = WriteApp();
        var server = await InstallServerAsync();
        var (restoreExit, restoreOutput) = await DotNet.RunAsync(_root, CommandTimeout, "restore", Path.Combine(_root, "App"));
        Assert.True(restoreExit == 0, "The app did not restore:\n" + restoreOutput);

        // csharp-ls runs analyzers only with this setting (docs/editors.md); an editor sends it as the csharp section.
        var settings = new JsonObject { ["analyzersEnabled"] = true };
        await using var client = await LanguageServerClient.StartAsync(server, _root, settings, AnalysisTimeout);
        await client.OpenAsync(program, VulnerableProgram);

        var published = await client.WaitForDiagnosticsAsync(program, d => Codes(d).Contains("AIB1001"), AnalysisTimeout);
        var finding = Assert.Single(published, d => (string?)d!["code"] == "AIB1001")!;
        Assert.Equal(LineOf(VulnerableProgram, "command.CommandText ="), (int)finding["range"]!["start"]!["line"]!);
        Assert.Equal("Query parameter 'name' (line 4) reaches SQL text ('SqliteCommand.CommandText')", (string?)finding["message"]);
        Assert.Equal(2, (int)finding["severity"]!); // LSP's Warning, the rule's default severity
        Assert.DoesNotContain("AD0001", Codes(published));

        // The edit a user makes for the fix: the squiggle goes while the package's other diagnostics on the same
        // document (AIB2006 on the builder) stay, so the server did re-run the analyzers on the new text.
        var fixedProgram = VulnerableProgram
            .Replace("WHERE name = '\" + name + \"'\"", "WHERE name = $name\"")
            .Replace("return command.ExecuteScalar()", "command.Parameters.AddWithValue(\"$name\", name);\n        return command.ExecuteScalar()");
        Assert.NotEqual(VulnerableProgram, fixedProgram);
        await client.ChangeAsync(program, 2, fixedProgram);
        var afterFix = await client.WaitForDiagnosticsAsync(program, d => !Codes(d).Contains("AIB1001") && Codes(d).Contains("AIB2006"), AnalysisTimeout);
        Assert.DoesNotContain("AD0001", Codes(afterFix));
        Assert.DoesNotContain(afterFix, d => (int)d!["severity"]! == 1); // the fixed text compiles: no error hides the finding
    }

    private string WriteApp()
    {
        IsolatedFeed.Write(_root);
        var app = Path.Combine(_root, "App");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AiBackendAnalyzers" Version="{PackageUnderTest.Version}" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="{PackageUnderTest.EntityFrameworkSqliteVersion}" />
              </ItemGroup>
            </Project>
            """);
        var program = Path.Combine(app, "Program.cs");
        File.WriteAllText(program, VulnerableProgram);
        return program;
    }

    private async Task<string> InstallServerAsync()
    {
        var tools = Path.Combine(_root, "tools");
        var (exitCode, output) = await DotNet.RunAsync(_root, CommandTimeout,
            "tool", "install", "csharp-ls", "--version", PackageUnderTest.CSharpLanguageServerVersion, "--tool-path", tools);
        Assert.True(exitCode == 0, "csharp-ls did not install:\n" + output);
        return Path.Combine(tools, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
    }

    private static List<string?> Codes(JsonArray diagnostics) => diagnostics.Select(d => (string?)d!["code"]).ToList();

    private static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, index) => (line, index)).First(l => l.line.Contains(fragment, StringComparison.Ordinal)).index;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The server's build host may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
