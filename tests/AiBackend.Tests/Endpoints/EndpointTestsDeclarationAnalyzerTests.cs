using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.GeneratorUsage.EndpointTestsDeclarationAnalyzer>;

namespace AiBackend.Tests.Endpoints;

public class EndpointTestsDeclarationAnalyzerTests
{
    [Fact]
    public async Task An_entry_point_is_accepted()
    {
        await Verify.VerifyAsync("""
            [assembly: AiBackend.GenerateEndpointTests(typeof(Api.Startup))]

            namespace Api { public static class Startup { public static void Main() { } } }
            """, new TestOptions { AdditionalReferences = TestReferences.XunitAssemblies });
    }

    [Fact]
    public async Task A_type_that_is_not_an_entry_point_is_reported_at_the_argument()
    {
        await Verify.VerifyAsync("""
            [assembly: AiBackend.GenerateEndpointTests({|AIB5010:typeof(Api.Settings)|})]

            namespace Api { public sealed class Settings { } }
            """, new TestOptions { AdditionalReferences = TestReferences.XunitAssemblies });
    }

    [Fact]
    public async Task A_test_project_without_xunit_is_told_what_to_add()
    {
        // The harness compiles without xunit unless asked, like a project that forgot the reference.
        await Verify.VerifyAsync("""
            [assembly: {|AIB5010:AiBackend.GenerateEndpointTests(typeof(Program))|}]

            public class Program { public static void Main() { } }
            """);
    }
}
