using AiBackend.Analyzers.Injection;
using AiBackend.CodeFixes.Injection;
using AiBackend.Testing;

namespace AiBackend.Tests.Injection;

/// <summary>The redirect, path, Json.NET and regex fixes: each compiles and clears its diagnostic.</summary>
public class InjectionCodeFixTests
{
    private static readonly string Usings = InjectionTestCode.Usings;

    [Fact]
    public async Task Redirects_become_local_redirects()
    {
        await CodeFixVerifier<InjectionAnalyzer, OpenRedirectCodeFix>.VerifyAsync(Usings + """
            public sealed class HomeController : Controller
            {
                public IActionResult A(string url) => Redirect({|AIB1004:url|});
                public IActionResult B(string url) => RedirectPermanent({|AIB1004:url|});
            }

            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string returnUrl) => Results.Redirect({|AIB1004:returnUrl|}));
                    app.MapGet("/b", (string returnUrl) => TypedResults.Redirect({|AIB1004:url: returnUrl|}, permanent: true));
                    app.MapGet("/c", (HttpContext context, string to) => context.Response.Redirect({|AIB1004:to|}));
                }
            }
            """, Usings + """
            public sealed class HomeController : Controller
            {
                public IActionResult A(string url) => LocalRedirect(url);
                public IActionResult B(string url) => LocalRedirectPermanent(url);
            }

            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string returnUrl) => Results.LocalRedirect(returnUrl));
                    app.MapGet("/b", (string returnUrl) => TypedResults.LocalRedirect(localUrl: returnUrl, permanent: true));
                    app.MapGet("/c", (HttpContext context, string to) => context.Response.Redirect({|AIB1004:to|}));
                }
            }
            """);
    }

    [Fact]
    public async Task Paths_keep_only_the_file_name_of_the_client_part()
    {
        await CodeFixVerifier<InjectionAnalyzer, PathTraversalCodeFix>.VerifyAsync(Usings + """
            static class Api
            {
                private static readonly string Root = "/srv/files";

                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string name) => File.ReadAllText({|AIB1003:Path.Combine(Root, name)|}));
                    app.MapGet("/b", (string name) => File.ReadAllText({|AIB1003:"/srv/files/" + name|}));
                    app.MapGet("/c", (string folder, string name) => File.ReadAllText({|AIB1003:Path.Combine(Root, folder, name)|}));
                }
            }
            """, Usings + """
            static class Api
            {
                private static readonly string Root = "/srv/files";

                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string name) => File.ReadAllText(Path.Combine(Root, Path.GetFileName(name))));
                    app.MapGet("/b", (string name) => File.ReadAllText("/srv/files/" + Path.GetFileName(name)));
                    app.MapGet("/c", (string folder, string name) => File.ReadAllText({|AIB1003:Path.Combine(Root, folder, name)|}));
                }
            }
            """);
    }

    [Fact]
    public async Task Type_name_handling_becomes_none()
    {
        await CodeFixVerifier<UnsafeDeserializerAnalyzer, TypeNameHandlingCodeFix>.VerifyAsync("""
            using Newtonsoft.Json;

            static class Json
            {
                public static readonly JsonSerializerSettings Settings = new()
                {
                    {|AIB1008:TypeNameHandling = TypeNameHandling.Auto|},
                    NullValueHandling = NullValueHandling.Ignore,
                };

                public static JsonSerializerSettings Other()
                {
                    var settings = new JsonSerializerSettings();
                    {|AIB1008:settings.TypeNameHandling = Newtonsoft.Json.TypeNameHandling.All|};
                    settings.TypeNameHandling = TypeNameHandling.None;
                    return settings;
                }
            }
            """, """
            using Newtonsoft.Json;

            static class Json
            {
                public static readonly JsonSerializerSettings Settings = new()
                {
                    TypeNameHandling = TypeNameHandling.None,
                    NullValueHandling = NullValueHandling.Ignore,
                };

                public static JsonSerializerSettings Other()
                {
                    var settings = new JsonSerializerSettings();
                    settings.TypeNameHandling = Newtonsoft.Json.TypeNameHandling.None;
                    settings.TypeNameHandling = TypeNameHandling.None;
                    return settings;
                }
            }
            """);
    }

    [Fact]
    public async Task Backtracking_regexes_get_a_timeout()
    {
        await CodeFixVerifier<InjectionAnalyzer, RegexTimeoutCodeFix>.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string text) => Regex.IsMatch({|AIB1010:text|}, @"^(\w+\s?)+$"));
                    app.MapGet("/b", (string text) => Regex.IsMatch({|AIB1010:text|}, @"^(\w+\s?)+$", RegexOptions.IgnoreCase));
                    app.MapGet("/c", (string text) =>
                    {
                        var words = new Regex(@"^(\w+\s?)+$");
                        return words.IsMatch({|AIB1010:text|});
                    });
                    app.MapGet("/d", (string pattern, string text) => Regex.IsMatch(text, {|AIB1010:pattern|}));
                }
            }
            """, Usings + """
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string text) => Regex.IsMatch(text, @"^(\w+\s?)+$", RegexOptions.None, TimeSpan.FromSeconds(1)));
                    app.MapGet("/b", (string text) => Regex.IsMatch(text, @"^(\w+\s?)+$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)));
                    app.MapGet("/c", (string text) =>
                    {
                        var words = new Regex(@"^(\w+\s?)+$", RegexOptions.None, TimeSpan.FromSeconds(1));
                        return words.IsMatch(text);
                    });
                    app.MapGet("/d", (string pattern, string text) => Regex.IsMatch(text, {|AIB1010:pattern|}));
                }
            }
            """);
    }
}
