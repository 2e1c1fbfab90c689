using AiBackend.Generators.Endpoints;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Verify = AiBackend.Testing.GeneratorVerifier<AiBackend.Generators.Endpoints.EndpointGenerator>;

namespace AiBackend.Tests.Endpoints;

public class EndpointGeneratorTests
{
    [Fact]
    public void Maps_an_anonymous_get_endpoint()
    {
        Verify.Verify("""
            using AiBackend;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.HttpResults;

            namespace Demo.Api;

            [Endpoint("get", "/api/hello/{name}")]
            [AllowAnonymous]
            public static partial class SayHello
            {
                public static Ok<string> Handle(string name) => TypedResults.Ok($"Hello {name}");
            }

            public static class App
            {
                public static void Configure(WebApplication app) => app.MapAiBackendEndpoints();
            }
            """);
    }

    [Fact]
    public void Requires_authorization_by_default_and_honours_authorize_data()
    {
        Verify.Verify("""
            using System.Threading;
            using System.Threading.Tasks;
            using AiBackend;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Http;

            namespace Demo;

            [Endpoint("POST", "/api/orders", Name = "CreateOrder")]
            public static partial class PlaceOrder
            {
                public static Task<IResult> HandleAsync(CancellationToken cancellationToken) => Task.FromResult(Results.Created("/api/orders/1", null));
            }

            [Endpoint("DELETE", "/api/orders/{id:int}")]
            [Authorize(Policy = "Admin", Roles = "ops,\"root\"")]
            [Authorize("Audited")]
            partial class DeleteOrder
            {
                public static IResult Handle(int id) => Results.NoContent();
            }
            """);
    }

    [Fact]
    public void Maps_nested_classes_records_and_non_standard_methods()
    {
        Verify.Verify("""
            using AiBackend;
            using Microsoft.AspNetCore.Http;

            public static partial class Reports
            {
                [Endpoint("HEAD", "/reports/{year:int}")]
                internal static partial class Probe
                {
                    public static IResult Handle(int year) => Results.Ok();
                }

                public partial record Holder
                {
                    [Endpoint("PURGE", "/cache/{**path}")]
                    public partial record Purge
                    {
                        public static IResult Handle(string path) => Results.Accepted();
                    }
                }
            }
            """);
    }

    [Fact]
    public void Default_authorization_can_be_turned_off_for_apps_with_a_fallback_policy()
    {
        Verify.Verify(
            """
            using AiBackend;
            using Microsoft.AspNetCore.Http;

            [Endpoint("GET", "/status")]
            static partial class Status
            {
                public static string Handle() => "ok";
            }
            """,
            new TestOptions { BuildProperties = new Dictionary<string, string> { ["AiBackendRequireAuthorizationByDefault"] = "false" } });
    }

    [Fact]
    public void Generates_nothing_for_a_class_the_analyzer_reports()
    {
        // The paired analyzer reports these (AIB5001, AIB5002); the generator must neither crash nor emit broken code.
        var output = Verify.Verify(
            """
            using AiBackend;

            [Endpoint("GET", "/a")]
            public static class NotPartial { public static string Handle() => "a"; }

            [Endpoint("GET", "/b")]
            public static partial class NoHandler { }

            [Endpoint("GET", "/c")]
            public static partial class Valid { public static string Handle() => "c"; }
            """);

        Assert.Equal(2, output.SyntaxTrees.Count(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)));
    }

    [Fact]
    public void Generates_nothing_without_endpoints()
    {
        var output = Verify.Verify("public static class NothingHere { }");
        Assert.Single(output.SyntaxTrees);
    }

    [Fact]
    public void Generated_code_compiles_under_warnings_as_errors_with_documentation_diagnostics()
    {
        var output = Verify.Verify("""
            using AiBackend;

            namespace Demo;

            /// <summary>Documented endpoint.</summary>
            [Endpoint("GET", "/docs")]
            public static partial class Documented
            {
                /// <summary>Handles it.</summary>
                /// <returns>Text.</returns>
                public static string Handle() => "docs";
            }
            """);

        var withDocs = output.WithOptions(output.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>()));
        var problems = withDocs.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id is not ("CS1701" or "CS1702"));
        Assert.Empty(problems.Select(d => d.ToString()));
    }

    [Fact]
    public void An_app_on_aspnetcore_openapi_gets_the_security_transformer_and_one_without_it_does_not()
    {
        // Issue 15: the OpenAPI document had no security scheme. The transformer needs Microsoft.AspNetCore.OpenApi 10,
        // so it is only generated (and compiled, warnings as errors) where the app references it.
        const string App = """
            using AiBackend;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;

            namespace Demo;

            [Endpoint("GET", "/secret"), Authorize]
            public static partial class Secret
            {
                public static string Handle() => "s";
            }

            public static class Startup
            {
                public static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                    Microsoft.Extensions.DependencyInjection.OpenApiServiceCollectionExtensions.AddOpenApi(services, options => options.AddAiBackendSecurity());
            }
            """;

        var output = Verify.Verify(App, TestOptions.Default with { AdditionalReferences = TestReferences.OpenApi });

        Assert.Contains(output.SyntaxTrees, t => Path.GetFileName(t.FilePath) == "AiBackendOpenApiSecurity.g.cs");
        var withDocs = output.WithOptions(output.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        Assert.Empty(withDocs.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id is not ("CS1701" or "CS1702")).Select(d => d.ToString()));

        var without = Verify.Verify("""
            using AiBackend;

            namespace Demo;

            [Endpoint("GET", "/open")]
            public static partial class Open
            {
                public static string Handle() => "o";
            }
            """, testName: "Without_aspnetcore_openapi");
        Assert.DoesNotContain(without.SyntaxTrees, t => Path.GetFileName(t.FilePath) == "AiBackendOpenApiSecurity.g.cs");
    }

    [Fact]
    public void An_edit_inside_one_endpoint_rewrites_its_file_and_leaves_the_mapper_unchanged()
    {
        // The mapper keeps only each endpoint's type and groups: when only a route changes, its step must come out
        // unchanged, so the mapper file and the OpenAPI step after it are not redone.
        const string Source = """
            using AiBackend;
            using Microsoft.AspNetCore.Authorization;

            namespace Demo;

            [Endpoint("GET", "/api/hello"), AllowAnonymous]
            public static partial class Hello
            {
                public static string Handle() => "hello";
            }

            [Endpoint("GET", "/api/bye"), AllowAnonymous]
            public static partial class Bye
            {
                public static string Handle() => "bye";
            }
            """;
        var parseOptions = TestProject.ParseOptions(TestOptions.Default);
        var tree = CSharpSyntaxTree.ParseText(Source, parseOptions, TestProject.SourcePath(0));
        var compilation = CSharpCompilation.Create(TestProject.Name, [tree], TestReferences.Default, TestProject.CompilationOptions(TestOptions.Default));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new EndpointGenerator().AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        var edited = tree.WithChangedText(SourceText.From(Source.Replace("/api/hello", "/api/hi", StringComparison.Ordinal)));
        var rerun = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult().Results.Single();

        Assert.Contains(rerun.TrackedSteps[EndpointTrackingNames.Endpoints].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(rerun.TrackedSteps[EndpointTrackingNames.AllEndpoints].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, $"the mapper's step was {o.Reason}"));
        Assert.Contains(rerun.GeneratedSources, s => s.SourceText.ToString().Contains("/api/hi", StringComparison.Ordinal));
    }
}
