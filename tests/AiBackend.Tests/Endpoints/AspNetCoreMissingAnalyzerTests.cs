using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.GeneratorUsage.AspNetCoreMissingAnalyzer>;

namespace AiBackend.Tests.Endpoints;

public class AspNetCoreMissingAnalyzerTests
{
    private static readonly TestOptions ClassLibrary = new() { WithoutAspNetCore = true };

    [Fact]
    public async Task Endpoint_and_resource_in_a_project_without_AspNetCore_are_reported_at_their_attribute()
    {
        var diagnostics = await Verify.VerifyAsync("""
            using AiBackend;

            [{|AIB5013:Endpoint("GET", "/ping")|}]
            public static partial class Ping { public static string Handle() => "pong"; }

            [System.Obsolete, {|AIB5013:Resource("/api/notes")|}]
            public class Note { public int Id { get; set; } public string Text { get; set; } = ""; }
            """, ClassLibrary);

        Assert.Equal(
            new[]
            {
                "Nothing is generated for 'Ping': [Endpoint] writes ASP.NET Core endpoints and this project does not reference ASP.NET Core (use Sdk=\"Microsoft.NET.Sdk.Web\" or add <FrameworkReference Include=\"Microsoft.AspNetCore.App\" />)",
                "Nothing is generated for 'Note': [Resource] writes ASP.NET Core endpoints and this project does not reference ASP.NET Core (use Sdk=\"Microsoft.NET.Sdk.Web\" or add <FrameworkReference Include=\"Microsoft.AspNetCore.App\" />)",
            },
            diagnostics.Select(d => d.GetMessage()));
    }

    [Fact]
    public async Task The_same_declarations_in_a_project_that_references_AspNetCore_are_not_reported()
    {
        await Verify.VerifyAsync("""
            using AiBackend;

            [Endpoint("GET", "/ping")]
            public static partial class Ping { public static string Handle() => "pong"; }

            [Resource("/api/notes")]
            public class Note { public int Id { get; set; } public string Text { get; set; } = ""; }
            """);
    }

    [Fact]
    public async Task A_project_without_AspNetCore_that_uses_neither_attribute_is_not_reported()
    {
        // Groups and other attributes generate nothing themselves; only the declarations that would be mapped count.
        await Verify.VerifyAsync("""
            using AiBackend;

            [EndpointGroup("/api")]
            public static partial class Api { }

            [System.Serializable]
            public class Note { public int Id { get; set; } }
            """, ClassLibrary);
    }
}
