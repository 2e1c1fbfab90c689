using System.Collections.Immutable;
using System.Globalization;
using AiBackend.Analyzers;
using AiBackend.Analyzers.Injection;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;
using VerifyFix = AiBackend.Testing.CodeFixVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer, AiBackend.CodeFixes.Injection.SqlInjectionCodeFix>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// Issue 14, deliverable 6: a helper whose sink request data reaches from several handlers is reported once, at the
/// sink, naming the first source and the path, with the calls and every source as additional locations, and with the
/// mechanical fix there. The helper's own block produces the finding, so an IDE analysing only its document shows it.
/// A sink the compilation's source does not hold (a referenced assembly, generated code) stays reported at the call.
/// </summary>
public class SinkLocatedReportingTests
{
    private const string Imports = """
        using System.Collections.Generic;
        using System.Data;
        using System.IO;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        """;

    private const string Usings = Imports + """
        public sealed class User { public int Id { get; set; } public string Name { get; set; } = ""; }

        """;

    // One repository method that concatenates its argument into SQL.
    private const string Repository = """
        public sealed class UserRepository
        {
            private readonly IDbConnection _db;
            public UserRepository(IDbConnection db) => _db = db;

            public IEnumerable<User> Find(string name) =>
                _db.Query<User>({|AIB1001:"SELECT * FROM Users WHERE Name = '" + name + "'"|});
        }

        """;

    // Three endpoints pass request data in; a fourth passes a constant.
    private const string Controller = """
        [ApiController]
        public sealed class UsersController : ControllerBase
        {
            private readonly UserRepository _users;
            public UsersController(UserRepository users) => _users = users;

            [HttpGet("users/{name}")]
            public IActionResult ByName(string name) => Ok(_users.Find(name));

            [HttpGet("users/search")]
            public IActionResult Search([FromQuery] string term) => Ok(_users.Find(term.Trim()));

            [HttpPost("users/lookup")]
            public IActionResult Lookup([FromForm] string who) => Ok(_users.Find(who));

            [HttpGet("users/admin")]
            public IActionResult Admin() => Ok(_users.Find("admin"));
        }
        """;

    [Fact]
    public async Task A_helper_called_from_three_handlers_is_reported_once_at_its_sink()
    {
        var diagnostic = Assert.Single(await Verify.VerifyAsync(Usings + Repository + Controller));

        Assert.Equal(
            "Route parameter 'name' (line 25) reaches SQL text ('SqlMapper.Query') through 'UsersController.ByName' → 'UserRepository.Find' (and 2 more sources)",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        // The three calls, then the three sources; not the constant call.
        Assert.Equal(new[] { 25, 28, 31, 25, 28, 31 }, diagnostic.AdditionalLocations.Select(l => l.GetLineSpan().StartLinePosition.Line + 1));
        Assert.Equal(new[] { "name", "term.Trim()", "who", "name", "term", "who" }, diagnostic.AdditionalLocations.Select(TextAt));
        Assert.Equal(DiagnosticProperties.Parameterize, diagnostic.Properties[DiagnosticProperties.Fix]);
    }

    [Fact]
    public async Task Handlers_in_other_files_name_their_file_and_the_finding_stays_in_the_helpers()
    {
        var diagnostic = Assert.Single(await Verify.VerifyAsync(Usings + Repository, new TestOptions { AdditionalSources = new[] { Imports + Controller } }));

        Assert.Equal(
            "Route parameter 'name' (Test1.cs line 16) reaches SQL text ('SqlMapper.Query') through 'UsersController.ByName' → 'UserRepository.Find' (and 2 more sources)",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.All(diagnostic.AdditionalLocations, l => Assert.Equal(TestProject.SourcePath(1), l.GetLineSpan().Path));
    }

    [Fact]
    public async Task A_chain_handler_service_repository_is_reported_at_the_repositorys_sink_with_the_whole_path()
    {
        var diagnostic = Assert.Single(await Verify.VerifyAsync(Usings + """
            public interface IOrderRepository { IEnumerable<User> ForCustomer(string customer); }

            public sealed class OrderRepository : IOrderRepository
            {
                private readonly IDbConnection _db;
                public OrderRepository(IDbConnection db) => _db = db;

                public IEnumerable<User> ForCustomer(string customer) =>
                    _db.Query<User>({|AIB1001:$"SELECT * FROM Orders WHERE Customer = '{customer}'"|});
            }

            public sealed class OrderService
            {
                private readonly IOrderRepository _orders;
                public OrderService(IOrderRepository orders) => _orders = orders;

                public IEnumerable<User> Find(string customer) => _orders.ForCustomer(customer.ToUpperInvariant());
            }

            [ApiController]
            public sealed class OrdersController : ControllerBase
            {
                private readonly OrderService _service;
                public OrdersController(OrderService service) => _service = service;

                [HttpGet("orders")]
                public IActionResult Get([FromQuery] string customer) => Ok(_service.Find(customer));
            }
            """));

        Assert.Equal(
            "Query parameter 'customer' (line 36) reaches SQL text ('SqlMapper.Query') through 'OrdersController.Get' → 'OrderService.Find' → 'OrderRepository.ForCustomer'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(new[] { "customer", "customer.ToUpperInvariant()", "customer" }, diagnostic.AdditionalLocations.Select(TextAt));
    }

    [Fact]
    public async Task A_sink_four_calls_below_the_handler_is_still_reported_once_at_the_sink()
    {
        var diagnostic = Assert.Single(await Verify.VerifyAsync(Usings + """
            public static class Sql
            {
                public static IEnumerable<User> Run(IDbConnection db, string where) => db.Query<User>({|AIB1001:"SELECT * FROM Users WHERE " + where|});
            }

            public sealed class UserQueries
            {
                private readonly IDbConnection _db;
                public UserQueries(IDbConnection db) => _db = db;
                public IEnumerable<User> ByName(string name) => Sql.Run(_db, Clause("Name", name));
                private static string Clause(string column, string value) => column + " = '" + value + "'";
            }

            public sealed class UserService
            {
                private readonly UserQueries _queries;
                public UserService(UserQueries queries) => _queries = queries;
                public IEnumerable<User> Find(string name) => _queries.ByName(name.Trim());
            }

            [ApiController]
            public sealed class UsersController : ControllerBase
            {
                private readonly UserService _users;
                public UsersController(UserService users) => _users = users;

                [HttpGet("users/{name}")]
                public IActionResult Get(string name) => Ok(Lookup(name));

                private IEnumerable<User> Lookup(string name) => _users.Find(name);
            }
            """));

        Assert.Equal(
            "Route parameter 'name' (line 37) reaches SQL text ('SqlMapper.Query') through 'UsersController.Get' → 'UsersController.Lookup' → 'UserService.Find' → 'UserQueries.ByName' → 'Sql.Run'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_sink_inside_a_lambda_of_the_helper_is_reported_there()
    {
        var diagnostic = Assert.Single(await Verify.VerifyAsync(Usings + """
            public static class Bulk
            {
                public static List<IEnumerable<User>> FindAll(IDbConnection db, IEnumerable<string> names) =>
                    System.Linq.Enumerable.ToList(System.Linq.Enumerable.Select(names, n => db.Query<User>({|AIB1001:"SELECT * FROM Users WHERE Name = '" + n + "'"|})));
            }

            [ApiController]
            public sealed class UsersController : ControllerBase
            {
                private readonly IDbConnection _db;
                public UsersController(IDbConnection db) => _db = db;

                [HttpGet("users")]
                public IActionResult Get([FromQuery] string[] names) => Ok(Bulk.FindAll(_db, names));
            }
            """));

        Assert.Contains("through 'UsersController.Get' → 'Bulk.FindAll'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_api_handlers_in_top_level_statements_reach_the_helpers_sink()
    {
        var diagnostic = Assert.Single(await Verify.VerifyAsync(Usings + Repository, new TestOptions
        {
            OutputKind = OutputKindOption.Application,
            AdditionalSources = new[]
            {
                Imports + """
                    var app = WebApplication.CreateBuilder(args).Build();
                    app.MapGet("/users/{name}", (string name, UserRepository users) => users.Find(name));
                    app.MapGet("/admins", (UserRepository users) => users.Find("admin"));
                    app.Run();
                    """,
            },
        }));

        Assert.Equal(
            "Route parameter 'name' (Test1.cs line 10) reaches SQL text ('SqlMapper.Query') through 'top-level statements' → 'UserRepository.Find'",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_sql_fix_applies_at_the_sink_where_the_concatenated_value_is_the_helpers_parameter()
    {
        await VerifyFix.VerifyAsync(Usings + Repository + Controller, Usings + """
            public sealed class UserRepository
            {
                private readonly IDbConnection _db;
                public UserRepository(IDbConnection db) => _db = db;

                public IEnumerable<User> Find(string name) =>
                    _db.Query<User>("SELECT * FROM Users WHERE Name = @name", new { name });
            }

            """ + Controller);
    }

    [Fact]
    public async Task An_ide_analysing_only_the_helpers_document_shows_the_finding_the_build_reports()
    {
        var (source, _) = Markup.Parse(Usings + Repository);
        var options = new TestOptions { AdditionalSources = new[] { Imports + Controller } };
        var project = TestProject.Create(new[] { source }, options);
        var compilation = await TestProject.CompileAsync(project, options);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer());

        var build = Assert.Single(await TestProject.AnalyzeAsync(project, compilation, analyzers));
        var helperOpen = Assert.Single(await TestProject.AnalyzeDocumentAsync(compilation, analyzers, 0, project.AnalyzerOptions));
        var handlersOpen = await TestProject.AnalyzeDocumentAsync(compilation, analyzers, 1, project.AnalyzerOptions);

        Assert.Equal(build.Location, helperOpen.Location);
        Assert.Equal(build.GetMessage(CultureInfo.InvariantCulture), helperOpen.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(build.AdditionalLocations, helperOpen.AdditionalLocations);
        // The handlers' document has no finding of its own: the fix goes in the helper.
        Assert.Empty(handlersOpen);
    }

    [Fact]
    public async Task An_ide_analysing_only_an_explicit_interface_implementation_finds_its_callers_through_the_interface()
    {
        var (source, _) = Markup.Parse(Usings + """
            public interface IUserSearch { IEnumerable<User> Find(string name); }

            public sealed class SqlUserSearch : IUserSearch
            {
                private readonly IDbConnection _db;
                public SqlUserSearch(IDbConnection db) => _db = db;

                IEnumerable<User> IUserSearch.Find(string name) =>
                    _db.Query<User>({|AIB1001:"SELECT * FROM Users WHERE Name = '" + name + "'"|});
            }
            """);
        var options = new TestOptions
        {
            AdditionalSources = new[]
            {
                Imports + """
                    [ApiController]
                    public sealed class SearchController : ControllerBase
                    {
                        private readonly IUserSearch _search;
                        public SearchController(IUserSearch search) => _search = search;

                        [HttpGet("users/{name}")]
                        public IActionResult ByName(string name) => Ok(_search.Find(name));
                    }
                    """,
            },
        };
        var project = TestProject.Create(new[] { source }, options);
        var compilation = await TestProject.CompileAsync(project, options);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer());

        var build = Assert.Single(await TestProject.AnalyzeAsync(project, compilation, analyzers));
        var helperOpen = Assert.Single(await TestProject.AnalyzeDocumentAsync(compilation, analyzers, 0, project.AnalyzerOptions));

        Assert.Equal(build.Location, helperOpen.Location);
        Assert.Contains("SearchController.ByName", helperOpen.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ide_analysing_a_document_with_many_helpers_finds_every_helpers_callers()
    {
        // More helpers than the callers' look-up searches for name by name, so the rest come from the full index.
        const int helpers = 24;
        var repository = "public sealed class Lookups\n{\n    private readonly IDbConnection _db;\n    public Lookups(IDbConnection db) => _db = db;\n"
            + string.Concat(Enumerable.Range(0, helpers).Select(i =>
                $"    public IEnumerable<User> Find{i}(string name) => _db.Query<User>(\"SELECT * FROM T{i} WHERE Name = '\" + name + \"'\");\n"))
            + "}\n";
        var controller = "[ApiController]\npublic sealed class LookupsController : ControllerBase\n{\n    private readonly Lookups _lookups;\n    public LookupsController(Lookups lookups) => _lookups = lookups;\n"
            + string.Concat(Enumerable.Range(0, helpers).Select(i =>
                $"    [HttpGet(\"t{i}/{{name}}\")] public IActionResult Get{i}(string name) => Ok(_lookups.Find{i}(name));\n"))
            + "}\n";
        var options = new TestOptions { AdditionalSources = new[] { Imports + controller } };
        var project = TestProject.Create(new[] { Usings + repository }, options);
        var compilation = await TestProject.CompileAsync(project, options);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer());

        var build = await TestProject.AnalyzeAsync(project, compilation, analyzers);
        var helpersOpen = await TestProject.AnalyzeDocumentAsync(compilation, analyzers, 0, project.AnalyzerOptions);

        Assert.Equal(helpers, build.Length);
        Assert.Equal(Describe(build), Describe(helpersOpen));
    }

    [Fact]
    public async Task Where_the_finding_lands_does_not_depend_on_which_document_is_analysed_first()
    {
        var (source, _) = Markup.Parse(Usings + Repository);
        var options = new TestOptions { AdditionalSources = new[] { Imports + Controller } };
        var project = TestProject.Create(new[] { source }, options);
        var compilation = await TestProject.CompileAsync(project, options);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer());

        // One analyzer instance and driver: the handlers' document first, then the helper's, then everything.
        var withAnalyzers = compilation.WithAnalyzers(analyzers, project.AnalyzerOptions);
        var handlersFirst = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(compilation.SyntaxTrees.Single(t => t.FilePath == TestProject.SourcePath(1))), null, CancellationToken.None);
        var helperThen = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(compilation.SyntaxTrees.Single(t => t.FilePath == TestProject.SourcePath(0))), null, CancellationToken.None);
        var all = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        Assert.Empty(handlersFirst);
        Assert.Equal(Describe(helperThen), Describe(all));
        Assert.Equal(Describe(await TestProject.AnalyzeAsync(project, compilation, analyzers)), Describe(all));
    }

    [Fact]
    public async Task A_helper_called_only_with_constants_gives_nothing()
    {
        await Verify.VerifyAsync(Usings + Unmarked(Repository) + """
            [ApiController]
            public sealed class UsersController : ControllerBase
            {
                private readonly UserRepository _users;
                public UsersController(UserRepository users) => _users = users;

                [HttpGet("users/admins")]
                public IActionResult Admins() => Ok(_users.Find("admin"));

                [HttpGet("users/{id:int}")]
                public IActionResult ById(int id) => Ok(_users.Find(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            """);
    }

    [Fact]
    public async Task A_helper_called_only_from_code_that_sees_no_request_gives_nothing()
    {
        await Verify.VerifyAsync(Usings + Unmarked(Repository) + """
            public sealed class NightlyCleanup
            {
                private readonly UserRepository _users;
                public NightlyCleanup(UserRepository users) => _users = users;

                public void Run(string[] args) => _users.Find(args[0]);

                public void RunFor(string name) => Run(new[] { name });
            }
            """);
    }

    [Fact]
    public async Task A_sink_in_the_handler_itself_is_reported_in_the_handler()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            [ApiController]
            public sealed class FilesController : ControllerBase
            {
                [HttpGet("files/{name}")]
                public IActionResult Read(string name) => Content(System.IO.File.ReadAllText({|AIB1003:Path.Combine("/srv", name)|}));
            }
            """);

        Assert.Equal("Route parameter 'name' (line 14) reaches a file-system path ('File.ReadAllText')", Assert.Single(diagnostics).GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticProperties.FileNameOnly, diagnostics[0].Properties[DiagnosticProperties.Fix]);
    }

    [Fact]
    public async Task A_sink_in_a_referenced_assembly_is_reported_at_the_call()
    {
        var library = ReferencedProject.Image("Users.Data", new[] { Unmarked(Usings + Repository) }, null,
            new[] { new FlowSummaryGenerator() }, new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string> { [InjectionPolicy.CrossProjectSummariesOption] = "true" }));

        var diagnostics = await Verify.VerifyAsync(
            Imports + Controller.Replace("Ok(_users.Find(name));", "Ok(_users.Find({|AIB1001:name|}));")
                .Replace("Ok(_users.Find(term.Trim()));", "Ok(_users.Find({|AIB1001:term.Trim()|}));")
                .Replace("Ok(_users.Find(who));", "Ok(_users.Find({|AIB1001:who|}));"),
            new TestOptions { AdditionalReferences = new[] { library }, GlobalConfig = InjectionPolicy.CrossProjectSummariesOption + " = true" });

        Assert.Equal(3, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Contains("through 'Find' (sink at File0.cs line ", d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.False(d.Properties.ContainsKey(DiagnosticProperties.Fix)));
    }

    [Fact]
    public async Task A_sink_in_generated_code_is_reported_at_the_call()
    {
        // Generated code is not analysed, so its sink could not carry the finding: the handler's call does.
        var generated = "// <auto-generated/>\n" + Unmarked(Usings + Repository);
        var diagnostics = await Verify.VerifyAsync(Imports + """
            [ApiController]
            public sealed class UsersController : ControllerBase
            {
                private readonly UserRepository _users;
                public UsersController(UserRepository users) => _users = users;

                [HttpGet("users/{name}")]
                public IActionResult ByName(string name) => Ok(_users.Find({|AIB1001:name|}));
            }
            """, new TestOptions { AdditionalSources = new[] { generated } });

        Assert.StartsWith("Route parameter 'name' (line 16) reaches SQL text ('SqlMapper.Query') through 'Find' (sink at line ", Assert.Single(diagnostics).GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string Unmarked(string markup) => Markup.Parse(markup).Source;

    private static string TextAt(Location location) => location.SourceTree!.ToString().Substring(location.SourceSpan.Start, location.SourceSpan.Length);

    private static IEnumerable<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(CultureInfo.InvariantCulture)} [{string.Join(", ", d.AdditionalLocations.Select(l => l.GetLineSpan().ToString()))}]");
}
