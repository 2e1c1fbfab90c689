using System.Text.Json;

namespace AiBackend.PackageTests;

/// <summary>
/// Issue 14: a layered solution built with <c>dotnet build</c> against the installed package. Web (a minimal API)
/// sends a MediatR-style request whose handler in Application calls a repository port that Infrastructure implements
/// with concatenated SQL: Web gets the AIB1001 finding a single project holding the same code gets (same source, same
/// sink), carried by the summaries the package's generator wrote into the Application and Infrastructure assemblies;
/// reported at Web's call, since the sink is not in Web's source, where the single project reports it at the sink.
/// </summary>
public sealed class LayeredSolutionTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "aib-layered-test-" + Guid.NewGuid().ToString("N"));

    // The mediator contracts in MediatR's shape, vendored into the Application project.
    private const string MediatorSource = """
        namespace MediatR;

        public interface IRequest<out TResponse> { }

        public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
        {
            Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
        }

        public interface ISender
        {
            Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
        }

        public interface IMediator : ISender { }
        """;

    private const string ApplicationSource = """
        using MediatR;

        namespace Shop.Application;

        public sealed record Order(int Id, string Customer);

        public interface IOrderRepository
        {
            Task<IReadOnlyList<Order>> FindByCustomer(string customer, CancellationToken cancellationToken);
            Task<IReadOnlyList<Order>> FindRecent(int days, CancellationToken cancellationToken);
        }

        public sealed record OrdersOfCustomer(string Customer) : IRequest<IReadOnlyList<Order>>;

        public sealed record RecentOrders(int Days) : IRequest<IReadOnlyList<Order>>;

        internal sealed class OrdersOfCustomerHandler(IOrderRepository orders) : IRequestHandler<OrdersOfCustomer, IReadOnlyList<Order>>
        {
            public Task<IReadOnlyList<Order>> Handle(OrdersOfCustomer request, CancellationToken cancellationToken) =>
                orders.FindByCustomer(request.Customer.Trim(), cancellationToken);
        }

        internal sealed class RecentOrdersHandler(IOrderRepository orders) : IRequestHandler<RecentOrders, IReadOnlyList<Order>>
        {
            public Task<IReadOnlyList<Order>> Handle(RecentOrders request, CancellationToken cancellationToken) =>
                orders.FindRecent(request.Days, cancellationToken);
        }
        """;

    private const string InfrastructureSource = """
        using System.Data.Common;
        using Shop.Application;

        namespace Shop.Infrastructure;

        public sealed class OrderRepository(DbConnection connection) : IOrderRepository
        {
            public async Task<IReadOnlyList<Order>> FindByCustomer(string customer, CancellationToken cancellationToken)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT Id, Customer FROM Orders WHERE Customer = '" + customer + "'";
                return await Read(command, cancellationToken);
            }

            public async Task<IReadOnlyList<Order>> FindRecent(int days, CancellationToken cancellationToken)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT Id, Customer FROM Orders WHERE Age < @days";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@days";
                parameter.Value = days;
                command.Parameters.Add(parameter);
                return await Read(command, cancellationToken);
            }

            private static async Task<IReadOnlyList<Order>> Read(DbCommand command, CancellationToken cancellationToken)
            {
                var orders = new List<Order>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    orders.Add(new Order(reader.GetInt32(0), reader.GetString(1)));
                return orders;
            }
        }
        """;

    private const string WebSource = """
        using MediatR;
        using Shop.Application;

        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();

        app.MapGet("/orders", async (string customer, IMediator mediator, CancellationToken cancellationToken) =>
            await mediator.Send(new OrdersOfCustomer(customer), cancellationToken));

        app.MapGet("/orders/recent", async (int days, IMediator mediator, CancellationToken cancellationToken) =>
            await mediator.Send(new RecentOrders(days), cancellationToken));

        app.Run();
        """;

    public LayeredSolutionTests()
    {
        Directory.CreateDirectory(_root);
        IsolatedFeed.Write(_root);
        // The solution opts in to cross-project summaries the documented way (docs/taint-analysis.md).
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <AiBackendCrossProjectSummaries>true</AiBackendCrossProjectSummaries>
              </PropertyGroup>
            </Project>
            """);
    }

    [Fact]
    public async Task Web_gets_the_finding_a_single_project_gets_through_the_mediator_handler_and_the_repository_port()
    {
        Project("Shop.Application", "Microsoft.NET.Sdk", references: Array.Empty<string>(), ("Mediator.cs", MediatorSource), ("Orders.cs", ApplicationSource));
        Project("Shop.Infrastructure", "Microsoft.NET.Sdk", new[] { "Shop.Application" }, ("OrderRepository.cs", InfrastructureSource));
        Project("Shop.Web", "Microsoft.NET.Sdk.Web", new[] { "Shop.Application", "Shop.Infrastructure" }, ("Program.cs", WebSource));
        // The baseline: the same files in one project.
        Project("Shop.Single", "Microsoft.NET.Sdk.Web", Array.Empty<string>(),
            ("Mediator.cs", MediatorSource), ("Orders.cs", ApplicationSource), ("OrderRepository.cs", InfrastructureSource), ("Program.cs", WebSource));

        var layered = await BuildAsync("Shop.Web");
        var single = await BuildAsync("Shop.Single");

        var expected = Assert.Single(single, r => r.RuleId == "AIB1001");
        var actual = Assert.Single(layered, r => r.RuleId == "AIB1001");

        // One project holds the sink: the finding is there, where the fix goes, with the path to it.
        var sinkLine = LineOf(InfrastructureSource, "WHERE Customer = '");
        Assert.EndsWith("OrderRepository.cs", expected.File);
        Assert.Equal(sinkLine, expected.Line);
        Assert.Contains("through 'top-level statements' → 'OrdersOfCustomerHandler.Handle' → 'OrderRepository.FindByCustomer'", expected.Message);

        // Across projects the sink is in a referenced assembly: the same source and sink, reported at the call, naming it.
        Assert.EndsWith("Program.cs", actual.File);
        Assert.Equal(LineOf(WebSource, "new OrdersOfCustomer(customer)"), actual.Line);
        Assert.Contains($"through 'Handle' (sink at OrderRepository.cs line {sinkLine})", actual.Message);
        var source = actual.Message[..actual.Message.IndexOf(" (line ", StringComparison.Ordinal)];
        Assert.StartsWith(source + " (Program.cs line ", expected.Message);
    }

    /// <summary>A project in its own folder; warnings are errors, so a generated line the compiler warns about fails the build.</summary>
    private void Project(string name, string sdk, IReadOnlyList<string> references, params (string File, string Text)[] files)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        var projectReferences = string.Concat(references.Select(r => $"""<ProjectReference Include="../{r}/{r}.csproj" />"""));
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>AIB1001</WarningsNotAsErrors>
                <ErrorLog>$(MSBuildProjectDirectory)/build.sarif,version=2.1</ErrorLog>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AiBackendAnalyzers" Version="{PackageUnderTest.Version}" />
                {projectReferences}
              </ItemGroup>
            </Project>
            """);
        foreach (var (file, text) in files)
            File.WriteAllText(Path.Combine(folder, file), text);
    }

    private async Task<List<(string RuleId, string File, int Line, string Message)>> BuildAsync(string project)
    {
        var (exitCode, output) = await DotNet.RunAsync(Path.Combine(_root, project), BuildTimeout, "build", "-c", "Release", "-nodeReuse:false");
        Assert.True(exitCode == 0, $"{project} did not build:\n" + output);
        var results = SarifResults(Path.Combine(_root, project, "build.sarif"));
        Assert.DoesNotContain(results, r => r.RuleId is "AD0001" or "CS8785" or "CS0436");
        return results;
    }

    private static int LineOf(string source, string text) =>
        source.Split('\n').Select((line, index) => (line, index)).Single(l => l.line.Contains(text, StringComparison.Ordinal)).index + 1;

    private static List<(string RuleId, string File, int Line, string Message)> SarifResults(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var results = new List<(string, string, int, string)>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                if (!result.TryGetProperty("locations", out var locations) || locations.GetArrayLength() == 0)
                    continue;
                var location = locations[0].GetProperty("physicalLocation");
                results.Add((
                    result.GetProperty("ruleId").GetString()!,
                    location.GetProperty("artifactLocation").GetProperty("uri").GetString()!,
                    location.GetProperty("region").GetProperty("startLine").GetInt32(),
                    result.GetProperty("message").GetProperty("text").GetString()!));
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
