using AiBackend.Analyzers.Injection;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// Issue 14, deliverable 1: a layered solution (Web → Application → Infrastructure, three projects). What the
/// Infrastructure and Application libraries do with their arguments travels with their assemblies (written by
/// <see cref="FlowSummaryGenerator"/>) or, where a reference is a compilation (an IDE), is read from their source;
/// the Web project gets the findings a single project would.
/// </summary>
public class CrossProjectSummaryTests
{
    // MediatR's contracts, in the shape of the library (the tests do not reference it); a project of their own.
    private const string Mediator = """
        namespace MediatR
        {
            using System.Threading;
            using System.Threading.Tasks;
            public interface IRequest<out TResponse> { }
            public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
            }
            public interface ISender { Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default); }
            public interface IMediator : ISender { }
        }
        """;

    // The ports and use cases: no SQL here, the repository is an interface implemented in Infrastructure.
    private const string Application = """
        namespace Shop.Application
        {
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using MediatR;

            public sealed record Order(int Id, string Customer, string Status);

            public interface IOrderRepository
            {
                Task<IEnumerable<Order>> FindByCustomer(string customer);
                Task<IEnumerable<Order>> FindByStatus(string status);
            }

            public sealed record OrdersOfCustomer(string Customer) : IRequest<IEnumerable<Order>>;

            internal sealed class OrdersOfCustomerHandler : IRequestHandler<OrdersOfCustomer, IEnumerable<Order>>
            {
                private readonly IOrderRepository _orders;
                public OrdersOfCustomerHandler(IOrderRepository orders) => _orders = orders;

                public Task<IEnumerable<Order>> Handle(OrdersOfCustomer request, CancellationToken cancellationToken) =>
                    _orders.FindByCustomer(request.Customer.Trim());
            }

            public sealed class OrderService
            {
                private readonly IOrderRepository _orders;
                public OrderService(IOrderRepository orders) => _orders = orders;

                public Task<IEnumerable<Order>> ForCustomer(string customer) => _orders.FindByCustomer(Normalise(customer));

                public Task<IEnumerable<Order>> ForStatus(string status) => _orders.FindByStatus(status);

                private static string Normalise(string name) => name.Trim().ToUpperInvariant();
            }
        }
        """;

    // The adapters: one query concatenates, one is parameterised; a report query built by a public class; invoice files
    // opened by the name given, or by its file name only.
    private const string Infrastructure = """
        namespace Shop.Infrastructure
        {
            using System.Collections.Generic;
            using System.Data;
            using System.IO;
            using System.Threading.Tasks;
            using Dapper;
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Application;

            internal sealed class OrderRepository : IOrderRepository
            {
                private readonly IDbConnection _db;
                public OrderRepository(IDbConnection db) => _db = db;

                public Task<IEnumerable<Order>> FindByCustomer(string customer) =>
                    _db.QueryAsync<Order>("SELECT * FROM Orders WHERE Customer = '" + customer + "'");

                public Task<IEnumerable<Order>> FindByStatus(string status) =>
                    _db.QueryAsync<Order>("SELECT * FROM Orders WHERE Status = @status", new { status });
            }

            public sealed class ReportQueries
            {
                private readonly IDbConnection _db;
                public ReportQueries(IDbConnection db) => _db = db;

                public int CountIn(string region)
                {
                    using var command = _db.CreateCommand();
                    command.CommandText = Build(region);
                    return (int)command.ExecuteScalar()!;
                }

                public int CountSince(int days) => _db.ExecuteScalar<int>("SELECT COUNT(*) FROM Orders WHERE Age < @days", new { days });

                private static string Build(string region) => $"SELECT COUNT(*) FROM Orders WHERE Region = '{region}'";
            }

            public sealed class InvoiceFiles
            {
                private readonly string _root;
                public InvoiceFiles(string root) => _root = root;

                public Stream Open(string name) => File.OpenRead(Path.Combine(_root, name));

                public Stream OpenSafely(string name) => File.OpenRead(Path.Combine(_root, Path.GetFileName(name)));
            }

            public static class InfrastructureSetup
            {
                public static IServiceCollection AddInfrastructure(this IServiceCollection services) =>
                    services.AddScoped<IOrderRepository, OrderRepository>().AddScoped<ReportQueries>();
            }
        }
        """;

    private const string Web = """
        namespace Shop.Web
        {
            using MediatR;
            using Shop.Application;
            using Shop.Infrastructure;

            [ApiController]
            public sealed class OrdersController : ControllerBase
            {
                private readonly IMediator _mediator;
                private readonly OrderService _orders;
                private readonly ReportQueries _reports;

                public OrdersController(IMediator mediator, OrderService orders, ReportQueries reports)
                {
                    _mediator = mediator;
                    _orders = orders;
                    _reports = reports;
                }

                [HttpGet("orders")]
                public async Task<IActionResult> ByCustomer([FromQuery] string customer) =>
                    Ok(await _mediator.Send({|AIB1001:new OrdersOfCustomer(customer)|}));

                [HttpGet("orders/service")]
                public async Task<IActionResult> ThroughService([FromQuery] string customer) =>
                    Ok(await _orders.ForCustomer({|AIB1001:customer|}));

                [HttpGet("orders/status")]
                public async Task<IActionResult> ByStatus([FromQuery] string status) => Ok(await _orders.ForStatus(status));

                [HttpGet("reports/{region}")]
                public IActionResult Count(string region) => Ok(_reports.CountIn({|AIB1001:region|}));

                [HttpGet("reports/recent")]
                public IActionResult Recent([FromQuery] int days) => Ok(_reports.CountSince(days));

                [HttpGet("invoices/{name}")]
                public IActionResult Invoice(string name, [FromServices] InvoiceFiles files) => File(files.Open({|AIB1003:name|}), "application/pdf");

                [HttpGet("invoices/safe/{name}")]
                public IActionResult SafeInvoice(string name, [FromServices] InvoiceFiles files) => File(files.OpenSafely(name), "application/pdf");
            }
        }
        """;

    private static readonly IIncrementalGenerator[] Generators = { new FlowSummaryGenerator() };

    // Cross-project summaries are opt-in: the libraries' builds and the Web project's analysis both say so.
    private static readonly TestAnalyzerConfigOptionsProvider OptedIn = new(new Dictionary<string, string> { [InjectionPolicy.CrossProjectSummariesOption] = "true" });
    private const string OptInConfig = InjectionPolicy.CrossProjectSummariesOption + " = true";

    /// <summary>The three libraries as a command-line build hands them over: assembly images, summaries generated.</summary>
    private static MetadataReference[] BuiltLibraries(bool withGenerator = true)
    {
        var generators = withGenerator ? Generators : Array.Empty<IIncrementalGenerator>();
        var mediator = ReferencedProject.Image("MediatR", new[] { Mediator });
        var application = ReferencedProject.Image("Shop.Application", new[] { Application }, new[] { mediator }, generators, OptedIn);
        var infrastructure = ReferencedProject.Image("Shop.Infrastructure", new[] { Infrastructure }, new[] { mediator, application }, generators, OptedIn);
        return new[] { mediator, application, infrastructure };
    }

    [Fact]
    public async Task Web_project_gets_the_findings_a_single_project_would_from_built_libraries()
    {
        await Verify.VerifyAsync(InjectionTestCode.Usings + Web, new TestOptions { AdditionalReferences = BuiltLibraries(), GlobalConfig = OptInConfig });
    }

    [Fact]
    public async Task One_project_holding_all_three_layers_reports_the_same_sinks_once_each_where_they_are()
    {
        // In one compilation the sinks are in view: each is reported there, once, however many handlers reach it (the
        // mediator's handler and the service both end in FindByCustomer); the calls that lead there come along.
        var infrastructure = Infrastructure
            .Replace("_db.QueryAsync<Order>(\"SELECT * FROM Orders WHERE Customer = '\" + customer + \"'\")", "_db.QueryAsync<Order>({|AIB1001:\"SELECT * FROM Orders WHERE Customer = '\" + customer + \"'\"|})")
            .Replace("command.CommandText = Build(region);", "{|AIB1001:command.CommandText = Build(region)|};")
            .Replace("File.OpenRead(Path.Combine(_root, name));", "File.OpenRead({|AIB1003:Path.Combine(_root, name)|});");
        var diagnostics = await Verify.VerifyAsync(InjectionTestCode.Usings + infrastructure, new TestOptions { AdditionalSources = new[] { Mediator, Application, InjectionTestCode.Usings + Unmarked(Web) } });

        var byCustomer = diagnostics.Single(d => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start).StartsWith("\"SELECT * FROM Orders WHERE Customer", StringComparison.Ordinal));
        Assert.Equal(
            "Query parameter 'customer' (Test3.cs line 35) reaches SQL text ('SqlMapper.QueryAsync') through 'OrdersController.ByCustomer' → 'OrdersOfCustomerHandler.Handle' → 'OrderRepository.FindByCustomer' (and 1 more source)",
            byCustomer.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        // The two handlers' calls (Send, ForCustomer), the calls below them (Handle's and ForCustomer's into the port), and both sources.
        Assert.Equal(6, byCustomer.AdditionalLocations.Count);
    }

    private static string Unmarked(string markup) => System.Text.RegularExpressions.Regex.Replace(markup, @"\{\|AIB\d{4}:", "").Replace("|}", "");

    [Fact]
    public async Task Web_project_gets_the_same_findings_from_project_references_that_are_compilations()
    {
        var mediator = ReferencedProject.Compilation("MediatR", new[] { Mediator });
        var application = ReferencedProject.Compilation("Shop.Application", new[] { Application }, new[] { mediator });
        var infrastructure = ReferencedProject.Compilation("Shop.Infrastructure", new[] { Infrastructure }, new[] { mediator, application });
        var diagnostics = await Verify.VerifyAsync(InjectionTestCode.Usings + Web, new TestOptions { AdditionalReferences = new[] { mediator, application, infrastructure }, GlobalConfig = OptInConfig });

        // The sink lies in another compilation's tree: named by file, never a location in this compilation.
        Assert.All(diagnostics, d => Assert.Contains("(sink at File0.cs line ", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Libraries_built_without_summaries_stay_opaque()
    {
        // The control: the same assemblies without the generator's attributes give the Web project nothing.
        await Verify.VerifyAsync(
            InjectionTestCode.Usings + Unmarked(Web),
            new TestOptions { AdditionalReferences = BuiltLibraries(withGenerator: false), GlobalConfig = OptInConfig });
    }

    [Fact]
    public async Task Message_names_the_helper_and_the_sink_in_the_referenced_project()
    {
        var diagnostics = await Verify.VerifyAsync(InjectionTestCode.Usings + Web, new TestOptions { AdditionalReferences = BuiltLibraries(), GlobalConfig = OptInConfig });

        var sinkLine = Array.FindIndex(Infrastructure.Split('\n'), l => l.Contains("WHERE Customer = '", StringComparison.Ordinal)) + 1;
        var sent = Assert.Single(diagnostics, d => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start).StartsWith("new OrdersOfCustomer", StringComparison.Ordinal));
        Assert.Equal($"Query parameter 'customer' (line {LineOf(sent, "string customer")}) reaches SQL text ('SqlMapper.QueryAsync') through 'Handle' (sink at File0.cs line {sinkLine})", sent.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Generator_writes_summaries_of_the_methods_that_reach_sinks_or_call_out_of_view_services_only()
    {
        var mediator = ReferencedProject.Image("MediatR", new[] { Mediator });
        var application = ReferencedProject.Image("Shop.Application", new[] { Application }, new[] { mediator }, Generators, OptedIn);
        var infrastructure = Assert.Single(ReferencedProject.GeneratedSources("Shop.Infrastructure", new[] { Infrastructure }, new[] { mediator, application }, Generators, OptedIn));
        var applicationSummaries = Assert.Single(ReferencedProject.GeneratedSources("Shop.Application", new[] { Application }, new[] { mediator }, Generators, OptedIn));

        Assert.Contains("[assembly: global::System.Reflection.AssemblyMetadata(\"AiBackend.FlowSummary\"", infrastructure);
        Assert.Contains("M:Shop.Infrastructure.OrderRepository.FindByCustomer(System.String)", infrastructure);
        Assert.Contains("I\\tM:Shop.Application.IOrderRepository.FindByCustomer(System.String)", infrastructure);
        Assert.Contains("AIB1001", infrastructure);
        Assert.Contains("M:Shop.Infrastructure.ReportQueries.CountIn(System.String)", infrastructure);
        Assert.DoesNotContain("FindByStatus", infrastructure);
        Assert.DoesNotContain("CountSince", infrastructure);
        Assert.Contains("M:Shop.Infrastructure.InvoiceFiles.Open(System.String)", infrastructure);
        Assert.DoesNotContain("OpenSafely", infrastructure);

        // The handler and the service pass their argument to the repository port, implemented elsewhere.
        Assert.Contains("H\\tT:Shop.Application.OrdersOfCustomer", applicationSummaries);
        Assert.Contains("M:Shop.Application.OrderService.ForCustomer(System.String)", applicationSummaries);
        Assert.Contains("C\\tM:Shop.Application.IOrderRepository.FindByCustomer(System.String)", applicationSummaries);
    }

    [Fact]
    public void Generator_writes_nothing_for_a_library_without_sinks_or_services()
    {
        const string contracts = """
            namespace Shop.Contracts
            {
                public sealed record OrderDto(int Id, string Customer);
                public static class OrderText
                {
                    public static string Title(OrderDto order) => order.Customer.Trim() + " #" + order.Id;
                }
            }
            """;
        Assert.Empty(ReferencedProject.GeneratedSources("Shop.Contracts", new[] { contracts }, null, Generators, OptedIn));
    }

    [Fact]
    public void Generator_writes_nothing_unless_the_solution_opts_in()
    {
        var mediator = ReferencedProject.Image("MediatR", new[] { Mediator });
        var application = ReferencedProject.Image("Shop.Application", new[] { Application }, new[] { mediator }, Generators, OptedIn);
        var references = new[] { mediator, application };
        Assert.Empty(ReferencedProject.GeneratedSources("Shop.Infrastructure", new[] { Infrastructure }, references, Generators));

        // The MSBuild property (Directory.Build.props) opts a whole solution in.
        var property = new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string> { [InjectionPolicy.CrossProjectSummariesProperty] = "true" });
        Assert.Single(ReferencedProject.GeneratedSources("Shop.Infrastructure", new[] { Infrastructure }, references, Generators, property));
    }

    [Fact]
    public async Task Without_the_opt_in_referenced_projects_stay_opaque_in_the_IDE_too()
    {
        // Project references that are compilations are read only when the solution opted in, so an IDE and a build agree.
        var mediator = ReferencedProject.Compilation("MediatR", new[] { Mediator });
        var application = ReferencedProject.Compilation("Shop.Application", new[] { Application }, new[] { mediator });
        var infrastructure = ReferencedProject.Compilation("Shop.Infrastructure", new[] { Infrastructure }, new[] { mediator, application });
        await Verify.VerifyAsync(
            InjectionTestCode.Usings + Unmarked(Web),
            new TestOptions { AdditionalReferences = new[] { mediator, application, infrastructure } });
    }

    [Fact]
    public void Source_paths_in_summaries_follow_the_builds_path_map()
    {
        const string reports = """
            namespace Shop.Reports
            {
                using System.Data;
                using Dapper;

                public static class RegionReport
                {
                    public static int Count(IDbConnection db, string region) =>
                        db.ExecuteScalar<int>("SELECT COUNT(*) FROM Orders WHERE Region = '" + region + "'");
                }
            }
            """;
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(reports, TestProject.ParseOptions(TestOptions.Default), "/home/builder/src/Shop.Reports/RegionReport.cs");
        var map = System.Collections.Immutable.ImmutableArray.Create(KeyValuePair.Create("/home/builder/src/", "/_/"));
        var options = TestProject.CompilationOptions(TestOptions.Default).WithSourceReferenceResolver(new SourceFileResolver(System.Collections.Immutable.ImmutableArray<string>.Empty, null, map));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Shop.Reports", new[] { tree }, TestReferences.Default, options);

        var generated = FlowSummaryGenerator.Generate(compilation, OptedIn, CancellationToken.None);

        Assert.Contains("/_/Shop.Reports/RegionReport.cs", generated);
        Assert.DoesNotContain("/home/builder", generated);
    }

    private static int LineOf(Diagnostic diagnostic, string text)
    {
        var source = diagnostic.Location.SourceTree!.ToString().Split('\n');
        return Array.FindIndex(source, l => l.Contains(text, StringComparison.Ordinal)) + 1;
    }
}
