using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace AiBackend.PackageTests;

/// <summary>
/// The package as users get it: installed from a local feed (no project reference) into a fresh web app, built with a
/// SARIF error log, and run.
/// </summary>
public sealed class InstalledPackageTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "aib-package-test-" + Guid.NewGuid().ToString("N"));

    private const string ProgramSource = """
        using System.ComponentModel.DataAnnotations;
        using AiBackend;
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.IdentityModel.Tokens;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
            o.Events.OnRedirectToLogin = context => { context.Response.StatusCode = 401; return Task.CompletedTask; });
        builder.Services.AddAuthorization();
        builder.Services.AddDbContext<NotesDb>(o => o.UseSqlite($"Data Source={Path.Combine(AppContext.BaseDirectory, "notes.db")}"));

        var app = builder.Build();
        using (var scope = app.Services.CreateScope())
            scope.ServiceProvider.GetRequiredService<NotesDb>().Database.EnsureCreated();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAiBackendEndpoints();
        app.Run();

        [Endpoint("GET", "/ping/{name}")]
        [AllowAnonymous]
        static partial class Ping { public static string Handle(string name) => $"pong {name}"; }

        [Endpoint("GET", "/secret")]
        static partial class Secret { public static string Handle() => "secret"; }

        [Resource("/api/notes"), AllowAnonymous]
        public class Note { public int Id { get; set; } [Required, MaxLength(20)] public string Text { get; set; } = ""; }

        public sealed class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options) { public DbSet<Note> Notes => Set<Note>(); }

        static class Insecure
        {
            public static TokenValidationParameters Parameters() => new()
            {
                ValidateLifetime = false,
            };
        }
        """;

    public InstalledPackageTests()
    {
        Directory.CreateDirectory(_root);
    }

    [Fact]
    public async Task Installed_package_reports_AIB3002_in_sarif_and_maps_generated_endpoints()
    {
        var app = WriteApp();
        var sarif = Path.Combine(_root, "build.sarif");
        var (exitCode, output) = await DotNet.RunAsync(app, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false", $"-p:ErrorLog={sarif}%2Cversion=2.1");
        Assert.True(exitCode == 0, "The app did not build:\n" + output);
        Assert.DoesNotContain("AIBCFG001", output);

        var results = SarifResults(sarif);
        var finding = Assert.Single(results, r => r.RuleId == "AIB3002");
        Assert.EndsWith("Program.cs", finding.File);
        Assert.Equal(LineOf("ValidateLifetime = false"), finding.Line);
        Assert.Equal("'ValidateLifetime = false' disables token validation: expired tokens are accepted", finding.Message);
        Assert.DoesNotContain(results, r => r.RuleId is "AD0001" or "CS8032" or "CS9057" or "AIBCFG001");

        await RunAndCallAsync(Path.Combine(app, "bin", "Release", "net10.0", "App.dll"));
    }

    [Fact]
    public async Task Too_old_a_compiler_gets_a_clear_warning_instead_of_silence()
    {
        // The SDK picks analyzers/dotnet/roslynX.Y by CompilerApiVersion; pretending to be Roslyn 4.7 makes it skip
        // ours exactly as an old SDK would. The build then fails (no MapAiBackendEndpoints), but says why first.
        var app = WriteApp();
        var (_, output) = await DotNet.RunAsync(app, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false", "-p:CompilerApiVersion=roslyn4.7");

        Assert.Contains("AIBCFG001", output);
        Assert.Contains("needs a C# compiler with Roslyn 4.8 or newer", output);
        Assert.DoesNotContain("AIB3002", output);
    }

    [Fact]
    public async Task On_linux_x64_the_compiler_gets_the_ReadyToRun_analyzer_and_generator_assemblies_unless_turned_off()
    {
        var app = WriteApp();
        var (restored, restoreOutput) = await DotNet.RunAsync(app, BuildTimeout, "restore");
        Assert.True(restored == 0, "restore failed:\n" + restoreOutput);

        var chosen = await AnalyzerPathsAsync(app, "App.csproj");
        var portable = await AnalyzerPathsAsync(app, "App.csproj", "-p:AiBackendReadyToRun=false");

        string[] precompiled = ["AiBackend.Analyzers.dll", "AiBackend.Generators.dll"];
        foreach (var assembly in precompiled)
            Assert.Contains(portable, p => p.EndsWith("analyzers/dotnet/roslyn4.8/cs/" + assembly, StringComparison.Ordinal));
        Assert.DoesNotContain(portable, p => p.Contains("/ReadyToRun/", StringComparison.Ordinal));
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            // The same analyzers, the two assemblies taken from their precompiled copies; the code fixes and every
            // other package's analyzers unchanged.
            foreach (var assembly in precompiled)
            {
                Assert.Single(chosen, p => p.EndsWith("buildTransitive/ReadyToRun/linux-x64/" + assembly, StringComparison.Ordinal));
                Assert.DoesNotContain(chosen, p => p.EndsWith("analyzers/dotnet/roslyn4.8/cs/" + assembly, StringComparison.Ordinal));
            }

            Assert.Contains(chosen, p => p.EndsWith("analyzers/dotnet/roslyn4.8/cs/AiBackend.CodeFixes.dll", StringComparison.Ordinal));
            bool Other(string path) => !precompiled.Any(a => path.EndsWith("/" + a, StringComparison.Ordinal));
            Assert.Equal(portable.Where(Other), chosen.Where(Other));
        }
        else
        {
            Assert.Equal(portable, chosen);
        }
    }

    [Fact]
    public async Task A_library_without_AspNetCore_gets_the_analyzers_but_not_the_generators_and_AIB5013_says_why()
    {
        var library = Path.Combine(_root, "Domain");
        Directory.CreateDirectory(library);
        IsolatedFeed.Write(_root);
        File.WriteAllText(Path.Combine(library, "Domain.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AiBackendAnalyzers" Version="{PackageUnderTest.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(library, "Note.cs"), """
            namespace Domain;

            [AiBackend.Resource("/api/notes")]
            public class Note { public int Id { get; set; } public string Text { get; set; } = ""; }
            """);
        var (restored, restoreOutput) = await DotNet.RunAsync(library, BuildTimeout, "restore");
        Assert.True(restored == 0, "restore failed:\n" + restoreOutput);

        var analyzers = await AnalyzerPathsAsync(library, "Domain.csproj");
        Assert.Contains(analyzers, p => p.EndsWith("/AiBackend.Analyzers.dll", StringComparison.Ordinal));
        Assert.DoesNotContain(analyzers, p => p.EndsWith("/AiBackend.Generators.dll", StringComparison.Ordinal));

        // The build stops at the attribute, with the reason, not at generated code the library cannot compile.
        var (exitCode, output) = await DotNet.RunAsync(library, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Note.cs(3,2): error AIB5013: Nothing is generated for 'Note': [Resource] writes ASP.NET Core endpoints", output);
        Assert.DoesNotContain("error CS", output);
    }

    /// <summary>
    /// The analyzer assemblies MSBuild hands the compiler once the package's analyzers and the project's references are
    /// resolved (the generators depend on the references).
    /// </summary>
    private static async Task<List<string>> AnalyzerPathsAsync(string folder, string project, params string[] properties)
    {
        var (exitCode, output) = await DotNet.RunAsync(folder, BuildTimeout, ["msbuild", project, "-nodeReuse:false", "-t:ResolveAssemblyReferences", "-getItem:Analyzer", .. properties]);
        Assert.True(exitCode == 0, "msbuild failed:\n" + output);
        using var document = JsonDocument.Parse(output[output.IndexOf('{')..]);
        return document.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
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
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>AIB3002</WarningsNotAsErrors>
                <!-- The registry mirror serves SQLitePCLRaw one patch newer than EF Core asks for. -->
                <NoWarn>NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AiBackendAnalyzers" Version="{PackageUnderTest.Version}" />
                <PackageReference Include="Microsoft.IdentityModel.Tokens" Version="{PackageUnderTest.IdentityModelVersion}" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="{PackageUnderTest.EntityFrameworkSqliteVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), ProgramSource);
        return app;
    }

    private static int LineOf(string text) =>
        ProgramSource.Split('\n').Select((line, index) => (line, index)).Single(l => l.line.Contains(text, StringComparison.Ordinal)).index + 1;

    private static async Task RunAndCallAsync(string assembly)
    {
        var port = FreePort();
        using var process = DotNet.Start(Path.GetDirectoryName(assembly)!, assembly, "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var ping = await WaitForAsync(http, "/ping/package", process);
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
            Assert.Equal("pong package", await ping.Content.ReadAsStringAsync());

            // Secure by default: no [AllowAnonymous], so the generated mapping requires an authenticated user.
            using var secret = await http.GetAsync("/secret");
            Assert.Equal(HttpStatusCode.Unauthorized, secret.StatusCode);

            // [Resource] from the package: generated DTOs, validation and EF Core endpoints on a SQLite file.
            using var created = await http.PostAsync("/api/notes", Json("""{"text":"from the package"}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var read = await http.GetAsync(created.Headers.Location);
            Assert.Contains("\"text\":\"from the package\"", await read.Content.ReadAsStringAsync());
            using var invalid = await http.PostAsync("/api/notes", Json("""{"text":"this text is far too long"}"""));
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    private static async Task<HttpResponseMessage> WaitForAsync(HttpClient http, string path, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{await process.StandardOutput.ReadToEndAsync()}{await process.StandardError.ReadToEndAsync()}");
            try
            {
                return await http.GetAsync(path);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<(string RuleId, string File, int Line, string Message)> SarifResults(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var results = new List<(string, string, int, string)>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                var location = result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
                    ? locations[0].GetProperty("physicalLocation")
                    : default;
                var file = location.ValueKind == JsonValueKind.Object ? location.GetProperty("artifactLocation").GetProperty("uri").GetString()! : "";
                var line = location.ValueKind == JsonValueKind.Object ? location.GetProperty("region").GetProperty("startLine").GetInt32() : 0;
                results.Add((result.GetProperty("ruleId").GetString()!, file, line, result.GetProperty("message").GetProperty("text").GetString()!));
            }
        }

        return results;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
