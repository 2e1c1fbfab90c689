using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.GeneratorUsage.EndpointDeclarationAnalyzer>;
using VerifyFix = AiBackend.Testing.CodeFixVerifier<AiBackend.Analyzers.GeneratorUsage.EndpointDeclarationAnalyzer, AiBackend.CodeFixes.GeneratorUsage.MakeEndpointTypePartialCodeFix>;

namespace AiBackend.Tests.Endpoints;

public class EndpointDeclarationAnalyzerTests
{
    [Fact]
    public async Task Valid_endpoints_are_not_reported()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using AiBackend;

            [Endpoint("GET", "/a/{id:int}/{**rest}")]
            public static partial class A { public static string Handle(int id, string rest) => "a"; }

            [Endpoint("patch", "~/b/{name=default}/{page?}", Name = "B")]
            internal partial class B { public static Task<string> HandleAsync(string name, int? page) => Task.FromResult(name); private string Helper() => ""; }

            public static partial class Outer
            {
                [Endpoint("GET", "/c/{{literal}}/{x:regex(^\\d{{3}}$)}")]
                public static partial class C { public static string Handle(string x) => x; }
            }

            public static class NoAttribute { }
            """);
    }

    [Fact]
    public async Task Missing_partial_is_reported_on_the_class_and_on_a_containing_type()
    {
        var diagnostics = await Verify.VerifyAsync("""
            using AiBackend;

            [Endpoint("GET", "/a")]
            public static class {|AIB5001:A|} { public static string Handle() => "a"; }

            public static class {|AIB5001:Outer|}
            {
                [Endpoint("GET", "/b")]
                public static partial class B { public static string Handle() => "b"; }
            }
            """);

        Assert.Equal("Endpoint class 'A' must be declared 'partial' so the generator can add its mapping code", diagnostics[0].GetMessage());
        Assert.Equal("Type 'Outer' contains the endpoint class 'B' and must be declared 'partial'", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Handler_problems_are_reported_precisely()
    {
        await Verify.VerifyAsync("""
            using AiBackend;

            [Endpoint("GET", "/none")]
            public static partial class {|AIB5002:NoHandler|} { public static string Run() => ""; }

            [Endpoint("GET", "/two")]
            public static partial class TwoHandlers
            {
                public static string Handle() => "";
                public static string {|AIB5002:HandleAsync|}() => "";
            }

            [Endpoint("GET", "/instance")]
            public partial class InstanceHandler { public string {|AIB5002:Handle|}() => ""; }

            [Endpoint("GET", "/generic")]
            public static partial class GenericHandler { public static T {|AIB5002:Handle|}<T>() => default!; }
            """);
    }

    [Fact]
    public async Task Invalid_methods_and_routes_are_reported_on_the_argument()
    {
        var diagnostics = await Verify.VerifyAsync("""
            using AiBackend;

            [Endpoint({|AIB5003:"GE T"|}, "/a")]
            public static partial class A { public static string Handle() => ""; }

            [Endpoint("GET", {|AIB5003:"/b/{id"|})]
            public static partial class B { public static string Handle() => ""; }

            [Endpoint("GET", {|AIB5003:"/c/{id}/{ID}"|})]
            public static partial class C { public static string Handle() => ""; }

            [Endpoint("GET", {|AIB5003:"/d//e"|})]
            public static partial class D { public static string Handle() => ""; }

            [Endpoint("GET", {|AIB5003:"/f/{*rest}/g"|})]
            public static partial class F { public static string Handle() => ""; }

            [Endpoint({|AIB5003:""|}, {|AIB5003:"/g?x=1"|})]
            public static partial class G { public static string Handle() => ""; }
            """);

        Assert.Contains(diagnostics, d => d.GetMessage() == "Route template '/b/{id' is invalid: '{' has no matching '}' (write '{{' for a literal brace)");
        Assert.Contains(diagnostics, d => d.GetMessage() == "Route template '/c/{id}/{ID}' is invalid: route parameter 'ID' appears more than once");
    }

    [Fact]
    public async Task A_method_no_client_knows_is_a_warning_and_registered_extensions_are_not()
    {
        // Issue 15: "FETCH" built and started; every real client then got 405.
        var diagnostics = await Verify.VerifyAsync("""
            using AiBackend;

            [Endpoint({|AIB5012:"FETCH"|}, "/a")]
            public static partial class A { public static string Handle() => ""; }

            [Endpoint("propfind", "/b")]
            public static partial class B { public static string Handle() => ""; }

            [Endpoint("PURGE", "/c")]
            public static partial class C { public static string Handle() => ""; }

            [Endpoint("QUERY", "/d")]
            public static partial class D { public static string Handle() => ""; }

            [Endpoint("Options", "/e")]
            public static partial class E { public static string Handle() => ""; }
            """);

        Assert.Equal("'FETCH' is not an HTTP method clients know (RFC 9110 and IANA's registry): the endpoint only answers requests that send exactly this method", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task Unsupported_shapes_are_reported()
    {
        await Verify.VerifyAsync("""
            using AiBackend;

            [Endpoint("GET", "/a")]
            public static partial class {|AIB5004:Generic|}<T> { public static string Handle() => ""; }

            public partial class Outer
            {
                [Endpoint("GET", "/b")]
                private static partial class {|AIB5004:Hidden|} { public static string Handle() => ""; }
            }
            """);
    }

    [Fact]
    public async Task Broken_attribute_usage_does_not_crash()
    {
        var diagnostics = await Verify.VerifyAsync("""
            using AiBackend;

            [Endpoint("GET")]
            public static partial class A { public static string Handle() => ""; }

            [Endpoint({|AIB5003:null!|}, {|AIB5003:null!|})]
            public static partial class B { public static string Handle() => ""; }

            [Endpoint("GET", "/c")]
            public static partial class C { public static string Handle( => ""; }
            """,
            new AiBackend.Testing.TestOptions { AllowCompilerErrors = true });

        Assert.Equal(new[] { "The HTTP method cannot be null", "The route template cannot be null" }, diagnostics.Select(d => d.GetMessage()));
    }

    [Fact]
    public async Task Pragma_and_editorconfig_work_because_an_analyzer_reports_it()
    {
        await Verify.VerifyAsync(
            """
            using AiBackend;

            #pragma warning disable AIB5001 // Mapped by hand elsewhere.
            [Endpoint("GET", "/a")]
            public static class A { public static string Handle() => "a"; }
            #pragma warning restore AIB5001

            [Endpoint("GET", "/b")]
            public static partial class B { public static string Run() => "b"; }
            """,
            new AiBackend.Testing.TestOptions { GlobalConfig = "dotnet_diagnostic.AIB5002.severity = none" });
    }

    [Fact]
    public async Task Fix_adds_partial_to_the_class_and_its_container()
    {
        await VerifyFix.VerifyAsync(
            """
            using AiBackend;

            public static class {|AIB5001:Outer|}
            {
                [Endpoint("GET", "/a")]
                public static class {|AIB5001:A|} { public static string Handle() => "a"; }
            }

            /// <summary>Documented.</summary>
            [Endpoint("GET", "/b")]
            class {|AIB5001:B|} { public static string Handle() => "b"; }
            """,
            """
            using AiBackend;

            public static partial class Outer
            {
                [Endpoint("GET", "/a")]
                public static partial class A { public static string Handle() => "a"; }
            }

            /// <summary>Documented.</summary>
            [Endpoint("GET", "/b")]
            partial class B { public static string Handle() => "b"; }
            """);
    }

    [Fact]
    public async Task Route_and_handler_parameters_that_do_not_match_are_warnings()
    {
        await Verify.VerifyAsync("""
            using AiBackend;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [Endpoint("GET", {|AIB5005:"/orders/{orderId:int}"|})]
            public static partial class Renamed { public static string Handle(int id) => "renamed"; }

            [Endpoint("GET", "/items")]
            public static partial class WrongRoute { public static string Handle([FromRoute] int {|AIB5005:id|}) => "x"; }

            [Endpoint("GET", "/bound/{id:int}/{Slug}")]
            public static partial class Bound { public static string Handle([FromRoute(Name = "id")] int key, string slug) => "ok"; }

            public sealed record Query(int Year, string Region);

            [Endpoint("GET", "/reports/{year:int}/{region}")]
            public static partial class AsParams { public static string Handle([AsParameters] Query query) => "ok"; }

            [EndpointGroup("/users/{userId}")]
            public static partial class Users
            {
                [Endpoint("GET", "/profile")]
                public static partial class Profile { public static string Handle(string userId) => userId; }

                [Endpoint("GET", {|AIB5005:"/settings"|})]
                public static partial class Settings { public static string Handle() => "settings"; }
            }
            """);
    }
}
