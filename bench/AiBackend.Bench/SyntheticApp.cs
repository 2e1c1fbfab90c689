using System.Globalization;
using System.Text;

namespace AiBackend.Bench;

/// <summary>
/// Writes a deterministic (seeded) ASP.NET Core app of about the requested number of lines: per business module an
/// entity with DTOs, a Dapper repository, a service calling helpers several levels deep with HttpClient and
/// try/catch, a minimal-API group and a controller. A known sprinkling of real vulnerabilities (SQL, path, redirect)
/// is recorded in <c>manifest.txt</c>.
/// </summary>
public static class SyntheticApp
{
    private static readonly string[] Nouns =
    {
        "Invoice", "Customer", "Order", "Shipment", "Product", "Supplier", "Warehouse", "Payment", "Refund", "Ticket",
        "Contract", "Employee", "Project", "Task", "Asset", "Vehicle", "Booking", "Room", "Course", "Lesson",
    };

    public const int LinesPerModule = 280;

    public static string Write(string root, int lines, int seed = 42)
    {
        var modules = Math.Max(1, lines / LinesPerModule);
        var dir = Path.Combine(root, $"app-{lines}");
        if (File.Exists(Path.Combine(dir, "manifest.txt")))
            return dir;

        Directory.CreateDirectory(Path.Combine(dir, "Modules"));
        var random = new Random(seed);
        var vulnerabilities = new List<string>();
        var names = Enumerable.Range(0, modules).Select(i => Nouns[i % Nouns.Length] + (i / Nouns.Length == 0 ? "" : (i / Nouns.Length).ToString(CultureInfo.InvariantCulture))).ToList();

        // Cut the repository's MSBuild and package settings off: this is a user's app, not part of the build here.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        File.WriteAllText(Path.Combine(dir, "BenchApp.csproj"), Project());
        File.WriteAllText(Path.Combine(dir, "benchmark.globalconfig"), GlobalConfig());
        File.WriteAllText(Path.Combine(dir, "Program.cs"), Program(names));
        File.WriteAllText(Path.Combine(dir, "AppDb.cs"), Db(names));

        for (var i = 0; i < modules; i++)
        {
            var text = Module(names[i], i, random, vulnerabilities);
            File.WriteAllText(Path.Combine(dir, "Modules", names[i] + ".cs"), text);
        }

        var total = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories).Sum(f => File.ReadAllLines(f).Length);
        File.WriteAllLines(Path.Combine(dir, "manifest.txt"), new[] { $"modules {modules}", $"lines {total}", $"seed {seed}" }.Concat(vulnerabilities));
        return dir;
    }

    /// <summary>The peers are restored once and switched on per run with BenchAnalyzers; ours come from AiBackendAnalyzerDir.</summary>
    private static string Project() => """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <NoWarn>$(NoWarn);NU1603;CS1998</NoWarn>
            <BenchAnalyzers Condition="'$(BenchAnalyzers)' == ''">none</BenchAnalyzers>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.EntityFrameworkCore.Relational" Version="10.0.14" />
            <PackageReference Include="Microsoft.Data.Sqlite.Core" Version="10.0.14" />
            <PackageReference Include="Dapper" Version="2.1.66" />
            <PackageReference Include="SecurityCodeScan.VS2019" Version="5.6.7" PrivateAssets="all" GeneratePathProperty="true" />
            <PackageReference Include="SonarAnalyzer.CSharp" Version="10.36.0.15337" PrivateAssets="all" GeneratePathProperty="true" />
            <PackageReference Include="Microsoft.CodeAnalysis.NetAnalyzers" Version="11.0.100" PrivateAssets="all" GeneratePathProperty="true" />
          </ItemGroup>
          <ItemGroup Condition="'$(BenchAnalyzers)' == 'netanalyzers'">
            <GlobalAnalyzerConfigFiles Include="benchmark.globalconfig" />
          </ItemGroup>
          <PropertyGroup Condition="'$(BenchAnalyzers)' == 'netanalyzers'">
            <AnalysisModeSecurity>All</AnalysisModeSecurity>
          </PropertyGroup>
          <Target Name="SelectBenchAnalyzers" BeforeTargets="CoreCompile">
            <ItemGroup>
              <Analyzer Remove="@(Analyzer)" Condition="'%(Analyzer.NuGetPackageId)' == 'SecurityCodeScan.VS2019' and '$(BenchAnalyzers)' != 'scs'" />
              <Analyzer Remove="@(Analyzer)" Condition="'%(Analyzer.NuGetPackageId)' == 'SonarAnalyzer.CSharp' and '$(BenchAnalyzers)' != 'sonar'" />
              <Analyzer Remove="@(Analyzer)" Condition="'%(Analyzer.NuGetPackageId)' == 'Microsoft.CodeAnalysis.NetAnalyzers' and '$(BenchAnalyzers)' != 'netanalyzers'" />
              <Analyzer Include="$(AiBackendAnalyzerDir)/AiBackend.Analyzers.dll;$(AiBackendAnalyzerDir)/AiBackend.Generators.dll" Condition="'$(BenchAnalyzers)' == 'ours'" />
            </ItemGroup>
          </Target>
        </Project>

        """;

    /// <summary>The security CA rules for the NetAnalyzers configuration, including the off-by-default taint rules.</summary>
    private static string GlobalConfig()
    {
        var builder = new StringBuilder("is_global = true\n");
        foreach (var id in new[] { "CA2100", "CA2300", "CA2301", "CA2302", "CA2305", "CA2310", "CA2311", "CA2312", "CA2315", "CA2321", "CA2322", "CA2326", "CA2327", "CA2328", "CA2329", "CA2330", "CA3001", "CA3002", "CA3003", "CA3004", "CA3005", "CA3006", "CA3007", "CA3008", "CA3009", "CA3010", "CA3011", "CA3012", "CA3061", "CA3075", "CA3076", "CA3077", "CA3147", "CA5350", "CA5351", "CA5359", "CA5360", "CA5363", "CA5364", "CA5365", "CA5369", "CA5370", "CA5371", "CA5372", "CA5379", "CA5382", "CA5383", "CA5384", "CA5385", "CA5386", "CA5387", "CA5388", "CA5389", "CA5390", "CA5391", "CA5392", "CA5393", "CA5394", "CA5395", "CA5396", "CA5397", "CA5398", "CA5399", "CA5400", "CA5401", "CA5402", "CA5403", "CA5404", "CA5405" })
            builder.Append(CultureInfo.InvariantCulture, $"dotnet_diagnostic.{id}.severity = warning\n");
        return builder.ToString();
    }

    private static string Program(IReadOnlyList<string> names)
    {
        var builder = new StringBuilder("""
            using Microsoft.EntityFrameworkCore;
            using BenchApp;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<AppDb>();
            builder.Services.AddProblemDetails();
            builder.Services.AddAuthorization();
            builder.Services.AddControllers();
            builder.Services.AddHttpClient();

            """);
        foreach (var name in names)
            builder.Append(CultureInfo.InvariantCulture, $"builder.Services.AddScoped<I{name}Repository, {name}Repository>();\nbuilder.Services.AddScoped<{name}Service>();\n");
        builder.Append("""

            var app = builder.Build();
            app.UseExceptionHandler();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapControllers().RequireAuthorization();

            """);
        foreach (var name in names)
            builder.Append(CultureInfo.InvariantCulture, $"app.Map{name}Endpoints();\n");
        builder.Append("app.Run();\n");
        return builder.ToString();
    }

    private static string Db(IReadOnlyList<string> names)
    {
        var builder = new StringBuilder("""
            using Microsoft.EntityFrameworkCore;

            namespace BenchApp;

            public sealed class AppDb : DbContext
            {
                public AppDb(DbContextOptions<AppDb> options) : base(options) { }

            """);
        foreach (var name in names)
            builder.Append(CultureInfo.InvariantCulture, $"    public DbSet<{name}> {name}Set => Set<{name}>();\n\n");
        builder.Append("}\n");
        return builder.ToString();
    }

    private static string Module(string name, int index, Random random, List<string> vulnerabilities)
    {
        var lower = char.ToLowerInvariant(name[0]) + name.Substring(1);
        var table = name + "s";
        var sqlInjection = index % 20 == 7;
        var pathTraversal = index % 33 == 5;
        var openRedirect = index % 41 == 3;
        if (sqlInjection)
            vulnerabilities.Add($"AIB1001 Modules/{name}.cs {name}Repository.SearchByNameAsync");
        if (pathTraversal)
            vulnerabilities.Add($"AIB1003 Modules/{name}.cs {name}Endpoints export");
        if (openRedirect)
            vulnerabilities.Add($"AIB1004 Modules/{name}.cs {name}Controller.Return");

        var pageSize = 10 + random.Next(5) * 10;
        var threshold = random.Next(10, 1000);
        var searchSql = sqlInjection
            ? $"\"SELECT Id, Name, Amount, Status, OwnerId, CreatedAt FROM {table} WHERE Name LIKE '\" + name + \"%' ORDER BY Id\""
            : $"\"SELECT Id, Name, Amount, Status, OwnerId, CreatedAt FROM {table} WHERE Name LIKE @pattern ORDER BY Id\"";
        var searchArgs = sqlInjection ? "" : ", new { pattern = name + \"%\" }";
        var exportPath = pathTraversal ? "Path.Combine(ExportRoot, file)" : "Path.Combine(ExportRoot, Path.GetFileName(file))";
        var returnCall = openRedirect ? "Redirect(returnUrl)" : "LocalRedirect(returnUrl)";

        return $$"""
            using System.ComponentModel.DataAnnotations;
            using System.Data;
            using System.Globalization;
            using System.Security.Claims;
            using System.Text;
            using System.Text.RegularExpressions;
            using Dapper;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            namespace BenchApp;

            public sealed class {{name}}
            {
                public int Id { get; set; }

                [Required, MaxLength(200)]
                public string Name { get; set; } = "";

                public decimal Amount { get; set; }

                public {{name}}Status Status { get; set; }

                public string OwnerId { get; set; } = "";

                public DateTimeOffset CreatedAt { get; set; }
            }

            public enum {{name}}Status { Draft, Active, Closed }

            public sealed record {{name}}Dto(int Id, string Name, decimal Amount, string Status);

            public sealed record Create{{name}}Request([Required] string Name, decimal Amount);

            public sealed record Update{{name}}Request(string? Name, decimal? Amount, {{name}}Status? Status);

            public interface I{{name}}Repository
            {
                Task<IReadOnlyList<{{name}}>> ListAsync(int page, CancellationToken cancellationToken);

                Task<{{name}}?> FindAsync(int id, CancellationToken cancellationToken);

                Task<IReadOnlyList<{{name}}>> SearchByNameAsync(string name, CancellationToken cancellationToken);

                Task<int> CountAboveAsync(decimal amount, CancellationToken cancellationToken);
            }

            public sealed class {{name}}Repository : I{{name}}Repository
            {
                private const int PageSize = {{pageSize}};
                private readonly AppDb _db;
                private readonly ILogger<{{name}}Repository> _logger;

                public {{name}}Repository(AppDb db, ILogger<{{name}}Repository> logger)
                {
                    _db = db;
                    _logger = logger;
                }

                public async Task<IReadOnlyList<{{name}}>> ListAsync(int page, CancellationToken cancellationToken)
                {
                    var skip = Math.Max(0, page - 1) * PageSize;
                    return await _db.{{name}}Set
                        .OrderBy(x => x.Id)
                        .Skip(skip)
                        .Take(PageSize)
                        .ToListAsync(cancellationToken);
                }

                public async Task<{{name}}?> FindAsync(int id, CancellationToken cancellationToken) =>
                    await _db.{{name}}Set.FirstOrDefaultAsync(x => x.Id == id, cancellationToken);

                public async Task<IReadOnlyList<{{name}}>> SearchByNameAsync(string name, CancellationToken cancellationToken)
                {
                    try
                    {
                        var connection = _db.Database.GetDbConnection();
                        var rows = await connection.QueryAsync<{{name}}>({{searchSql}}{{searchArgs}});
                        return rows.ToList();
                    }
                    catch (Exception ex)
                    {
                        _logger.LogError(ex, "Searching {{lower}}s by name failed");
                        throw;
                    }
                }

                public async Task<int> CountAboveAsync(decimal amount, CancellationToken cancellationToken)
                {
                    var connection = _db.Database.GetDbConnection();
                    using var command = connection.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM {{table}} WHERE Amount > @amount";
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@amount";
                    parameter.Value = amount;
                    command.Parameters.Add(parameter);
                    await _db.Database.OpenConnectionAsync(cancellationToken);
                    var result = await command.ExecuteScalarAsync(cancellationToken);
                    return Convert.ToInt32(result, CultureInfo.InvariantCulture);
                }
            }

            public sealed class {{name}}Service
            {
                private static readonly Regex Code = new("^[A-Z]{3}-[0-9]{4}$", RegexOptions.Compiled, TimeSpan.FromMilliseconds(100));
                private readonly I{{name}}Repository _repository;
                private readonly IHttpClientFactory _http;
                private readonly ILogger<{{name}}Service> _logger;

                public {{name}}Service(I{{name}}Repository repository, IHttpClientFactory http, ILogger<{{name}}Service> logger)
                {
                    _repository = repository;
                    _http = http;
                    _logger = logger;
                }

                public async Task<IReadOnlyList<{{name}}Dto>> ListAsync(int page, CancellationToken cancellationToken)
                {
                    var items = await _repository.ListAsync(page, cancellationToken);
                    return items.Select(Map).ToList();
                }

                public async Task<{{name}}Dto?> GetAsync(int id, CancellationToken cancellationToken)
                {
                    var item = await _repository.FindAsync(id, cancellationToken);
                    return item is null ? null : Map(item);
                }

                public async Task<IReadOnlyList<{{name}}Dto>> SearchAsync(string name, CancellationToken cancellationToken)
                {
                    var normalized = {{name}}Text.Normalize(name);
                    var items = await _repository.SearchByNameAsync(normalized, cancellationToken);
                    return items.Where(i => i.Status != {{name}}Status.Closed).Select(Map).ToList();
                }

                public async Task<decimal> ConvertAsync(decimal amount, string currency, CancellationToken cancellationToken)
                {
                    var client = _http.CreateClient("rates");
                    using var response = await client.GetAsync("https://rates.example.com/v1/" + Uri.EscapeDataString(currency), cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        _logger.LogWarning("Rate lookup for {Currency} failed with {Status}", currency, (int)response.StatusCode);
                        return amount;
                    }

                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var rate) ? amount * rate : amount;
                }

                public bool IsValidCode(string code) => Code.IsMatch(code);

                public string Describe({{name}} item)
                {
                    var builder = new StringBuilder();
                    builder.Append(item.Name).Append(" (").Append(item.Status).Append(')');
                    if (item.Amount > {{threshold}})
                        builder.Append(" large");
                    switch (item.Status)
                    {
                        case {{name}}Status.Draft:
                            builder.Append(" draft");
                            break;
                        case {{name}}Status.Active:
                            builder.Append(" since ").Append(item.CreatedAt.ToString("d", CultureInfo.InvariantCulture));
                            break;
                        default:
                            builder.Append(" closed");
                            break;
                    }

                    return builder.ToString();
                }

                private static {{name}}Dto Map({{name}} item) => new(item.Id, item.Name, item.Amount, item.Status.ToString());
            }

            public static class {{name}}Text
            {
                public static string Normalize(string value) => Collapse(value.Trim()).ToUpperInvariant();

                private static string Collapse(string value)
                {
                    var builder = new StringBuilder(value.Length);
                    var previousSpace = false;
                    foreach (var c in value)
                    {
                        var space = char.IsWhiteSpace(c);
                        if (!space || !previousSpace)
                            builder.Append(space ? ' ' : c);
                        previousSpace = space;
                    }

                    return builder.ToString();
                }
            }

            public static class {{name}}Endpoints
            {
                private const string ExportRoot = "/var/exports/{{lower}}";

                public static void Map{{name}}Endpoints(this IEndpointRouteBuilder routes)
                {
                    var group = routes.MapGroup("/api/{{lower}}s").RequireAuthorization();

                    group.MapGet("/", async (int? page, {{name}}Service service, CancellationToken cancellationToken) =>
                        Results.Ok(await service.ListAsync(page ?? 1, cancellationToken)));

                    group.MapGet("/{id:int}", async (int id, {{name}}Service service, CancellationToken cancellationToken) =>
                        await service.GetAsync(id, cancellationToken) is { } dto ? Results.Ok(dto) : Results.NotFound());

                    group.MapGet("/search", async (string name, {{name}}Service service, CancellationToken cancellationToken) =>
                        Results.Ok(await service.SearchAsync(name, cancellationToken)));

                    group.MapGet("/export", (string file) =>
                    {
                        var path = {{exportPath}};
                        return File.Exists(path) ? Results.File(path, "text/csv") : Results.NotFound();
                    });

                    group.MapPost("/", async (Create{{name}}Request request, AppDb db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
                    {
                        var entity = new {{name}}
                        {
                            Name = request.Name,
                            Amount = request.Amount,
                            OwnerId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
                            CreatedAt = DateTimeOffset.UtcNow,
                        };
                        db.{{name}}Set.Add(entity);
                        await db.SaveChangesAsync(cancellationToken);
                        return Results.Created($"/api/{{lower}}s/{entity.Id}", entity.Id);
                    });
                }
            }

            [ApiController]
            [Route("api/v2/{{lower}}s")]
            [Authorize]
            public sealed class {{name}}Controller : ControllerBase
            {
                private readonly {{name}}Service _service;
                private readonly ILogger<{{name}}Controller> _logger;

                public {{name}}Controller({{name}}Service service, ILogger<{{name}}Controller> logger)
                {
                    _service = service;
                    _logger = logger;
                }

                [HttpGet("{id:int}")]
                public async Task<IActionResult> Get(int id, CancellationToken cancellationToken)
                {
                    var dto = await _service.GetAsync(id, cancellationToken);
                    return dto is null ? NotFound() : Ok(dto);
                }

                [HttpGet("{id:int}/convert")]
                public async Task<IActionResult> Convert(int id, [FromQuery] string currency, CancellationToken cancellationToken)
                {
                    var dto = await _service.GetAsync(id, cancellationToken);
                    if (dto is null)
                        return NotFound();
                    try
                    {
                        return Ok(await _service.ConvertAsync(dto.Amount, currency, cancellationToken));
                    }
                    catch (HttpRequestException ex)
                    {
                        _logger.LogWarning(ex, "Conversion of {{lower}} {Id} failed", id);
                        return Problem("The exchange rate service is unavailable.", statusCode: 503);
                    }
                }

                [HttpGet("validate")]
                public IActionResult Validate([FromQuery] string code) => Ok(_service.IsValidCode(code));

                [HttpGet("return")]
                public IActionResult Return([FromQuery] string returnUrl) => {{returnCall}};
            }

            """;
    }
}
