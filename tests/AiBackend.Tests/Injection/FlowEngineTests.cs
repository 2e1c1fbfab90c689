using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>How the engine follows data: handlers of every shape, helpers, interfaces, recursion, options, broken code.</summary>
public class FlowEngineTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> VerifyAsync(string code, TestOptions? options = null) =>
        Verify.VerifyAsync(InjectionTestCode.Usings + code, options);

    [Fact]
    public async Task Method_group_handler_parameters_are_request_data()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app) => app.MapGet("/files/{name}", Read);

                private static string Read(string name) => File.ReadAllText({|AIB1003:"/srv/" + name|});

                private static string Unused(string name) => File.ReadAllText("/srv/" + name);
            }
            """);
    }

    [Fact]
    public async Task Top_level_program_handlers_are_analyzed()
    {
        await VerifyAsync("""
            var app = WebApplication.Create();
            app.MapGet("/go", (string to) => Results.Redirect({|AIB1004:to|}));
            app.Run();
            """, TestOptions.Default with { OutputKind = OutputKindOption.Application });
    }

    [Fact]
    public async Task Generated_endpoint_handlers_are_request_data()
    {
        await VerifyAsync("""
            [AiBackend.Endpoint("GET", "/files/{name}")]
            public static partial class ReadFile
            {
                public static string Handle(string name) => File.ReadAllText({|AIB1003:Path.Combine("/srv", name)|});
            }
            """);
    }

    [Fact]
    public async Task Interface_calls_use_the_implementations_summaries()
    {
        var diagnostics = await VerifyAsync("""
            public interface IStore { string Read(string name); }

            public sealed class DiskStore : IStore
            {
                public string Read(string name) => File.ReadAllText({|AIB1003:Path.Combine("/srv", name)|});
            }

            public sealed class FilesController : ControllerBase
            {
                private readonly IStore _store;
                public FilesController(IStore store) => _store = store;

                [HttpGet("{name}")]
                public string Get(string name) => _store.Read(name);

                [HttpGet("fixed")]
                public string Fixed() => _store.Read("readme.txt");
            }
            """);

        var diagnostic = diagnostics.Single();
        Assert.Equal("Route parameter 'name' (line 27) reaches a file-system path ('File.ReadAllText') through 'FilesController.Get' → 'DiskStore.Read'", diagnostic.GetMessage());
        Assert.Equal(2, diagnostic.AdditionalLocations.Count);
    }

    [Fact]
    public async Task Recursive_helpers_terminate_and_still_report()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app) => app.MapGet("/a", (string name) => File.ReadAllText({|AIB1003:Build(name, 3)|}));

                private static string Build(string part, int depth) => depth == 0 ? "/srv/" + part : Build(part + "/x", depth - 1);
            }
            """);
    }

    [Fact]
    public async Task Sanitizer_on_one_branch_does_not_clean_the_other()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app) => app.MapGet("/a", (string name, bool strict) =>
                {
                    var file = name;
                    if (strict)
                        file = Path.GetFileName(name);
                    return File.ReadAllText({|AIB1003:Path.Combine("/srv", file)|});
                });
            }
            """);
    }

    [Fact]
    public async Task Loops_carry_taint_around_the_back_edge()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app) => app.MapGet("/a", (string[] parts) =>
                {
                    var path = "/srv";
                    foreach (var part in parts)
                        path = path + "/" + part;
                    return File.ReadAllText({|AIB1003:path|});
                });
            }
            """);
    }

    /// <summary>
    /// Found by the benchmark's synthetic app: the receiver of a call with a conditional argument is captured first,
    /// and what the call stores must still land in the local.
    /// </summary>
    [Fact]
    public async Task Builder_appends_with_conditional_arguments_keep_their_taint()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app) => app.MapGet("/a", (string name) => File.ReadAllText({|AIB1003:Collapse(name)|}));

                private static string Collapse(string value)
                {
                    var builder = new System.Text.StringBuilder();
                    foreach (var c in value)
                        builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
                    return builder.ToString();
                }
            }
            """);
    }

    [Fact]
    public async Task Request_members_are_sources_outside_handlers()
    {
        await VerifyAsync("""
            public sealed class DownloadMiddleware
            {
                public string Read(HttpContext context) => File.ReadAllText({|AIB1003:"/srv/" + context.Request.Query["f"]|});

                public string Upload(IFormFile file) => File.ReadAllText({|AIB1003:"/srv/" + file.FileName|});
            }
            """);
    }

    [Fact]
    public async Task Services_injected_into_handlers_are_not_request_data()
    {
        await VerifyAsync("""
            public sealed class PathService { public string Root() => "/srv"; }

            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/a", ([FromServices] PathService paths, Microsoft.Extensions.Logging.ILogger<PathService> log) => File.ReadAllText(paths.Root()));
            }
            """);
    }

    [Fact]
    public async Task Editorconfig_adds_sources_sinks_and_sanitizers()
    {
        var options = TestOptions.Default with
        {
            GlobalConfig = """
                aibackend.taint.sources = Legacy.Input.Get
                aibackend.AIB1001.sinks = Legacy.Db.Run(sql)
                aibackend.AIB1001.sanitizers = Legacy.Db.Quote
                """,
        };
        await VerifyAsync("""
            namespace Legacy
            {
                public static class Input { public static string Get(string key) => key; }
                public static class Db
                {
                    public static void Run(string sql, int timeout = 30) { }
                    public static string Quote(string value) => "'" + value.Replace("'", "''") + "'";
                }

                public static class Jobs
                {
                    public static void Nightly()
                    {
                        Db.Run({|AIB1001:"DELETE FROM T WHERE K = " + Input.Get("k")|});
                        Db.Run("DELETE FROM T WHERE K = " + Db.Quote(Input.Get("k")));
                    }
                }
            }
            """, options);
    }

    [Fact]
    public async Task Broken_code_does_not_crash_the_analyzer()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string name) => File.ReadAllText(Path.Combine("/srv"
                    app.MapGet("/b", (string name, Missing m) => m.Run(name + ));
                    Undefined.Call(name);
            """, TestOptions.Default with { AllowCompilerErrors = true });
    }

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        await Verify.VerifyAsync("// <auto-generated/>\n" + InjectionTestCode.Usings + """
            static class Api
            {
                public static void Map(WebApplication app) => app.MapGet("/a", (string name) => File.ReadAllText("/srv/" + name));
            }
            """);
    }

    [Fact]
    public async Task Pragma_suppresses_a_finding()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app) => app.MapGet("/a", (string name) =>
                {
            #pragma warning disable AIB1003 // The folder only holds public files and the name is checked by the proxy.
                    return File.ReadAllText("/srv/" + name);
            #pragma warning restore AIB1003
                });
            }
            """);
    }
}
