using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// Classic ASP.NET (System.Web): request members and cookie values as sources, response writes, redirects and file
/// transfers as sinks, and page helpers that are handed the request. .NET 10 has no System.Web, so the tests declare
/// the few members they call with the real type names, as a Web Forms project would see them.
/// </summary>
public class ClassicAspNetTests
{
    private const string SystemWeb = """

        namespace System.Web
        {
            public class HttpRequest
            {
                public System.Collections.Specialized.NameValueCollection Params { get; } = new();
                public System.Collections.Specialized.NameValueCollection QueryString { get; } = new();
                public System.Collections.Specialized.NameValueCollection Form { get; } = new();
                public HttpCookieCollection Cookies { get; } = new();
                public string this[string key] => Params[key];
            }

            public sealed class HttpCookie
            {
                public HttpCookie(string name, string value) { Name = name; Value = value; }
                public string Name { get; set; }
                public string Value { get; set; }
            }

            public sealed class HttpCookieCollection
            {
                public HttpCookie this[string name] => new HttpCookie(name, "");
            }

            public class HttpResponse
            {
                public string ContentType { get; set; } = "text/html";
                public int StatusCode { get; set; } = 200;
                public string StatusDescription { get; set; } = "OK";
                public void Write(string s) { }
                public void Redirect(string url) { }
                public void TransmitFile(string filename) { }
            }

            public class HttpContext
            {
                public HttpRequest Request { get; } = new();
                public HttpResponse Response { get; } = new();
            }

            public interface IHttpHandler
            {
                void ProcessRequest(HttpContext context);
            }
        }
        """;

    private static Task VerifyAsync(string code) => Verify.VerifyAsync("""
        using System;
        using System.Diagnostics;
        using System.Web;

        """ + code + SystemWeb);

    [Fact]
    public async Task Request_params_query_string_form_and_cookies_reach_classic_sinks()
    {
        await VerifyAsync("""
            public class ReportHandler : IHttpHandler
            {
                public void ProcessRequest(HttpContext context)
                {
                    var request = context.Request;
                    var response = context.Response;
                    response.Write({|AIB1005:"<h1>" + request.Params.Get("title") + "</h1>"|});
                    response.Redirect({|AIB1004:request.QueryString["returnUrl"]|});
                    response.TransmitFile({|AIB1003:"/srv/reports/" + request.Form["file"]|});
                    Process.Start({|AIB1002:"convert " + request.Cookies["format"].Value|});
                    response.Write({|AIB1005:request["name"]|});
                    // IIS renders the status description into the HTML error page it sends (CWE-81).
                    response.StatusCode = 400;
                    {|AIB1005:response.StatusDescription = "Bad value: " + request.QueryString["id"]|};
                }
            }
            """);
    }

    [Fact]
    public async Task Encoded_constant_and_server_built_values_are_not_reported()
    {
        await VerifyAsync("""
            public class ReportHandler : IHttpHandler
            {
                public void ProcessRequest(HttpContext context)
                {
                    var response = context.Response;
                    response.Write("<h1>" + System.Net.WebUtility.HtmlEncode(context.Request.Params.Get("title")) + "</h1>");
                    response.Redirect("/reports");
                    response.TransmitFile("/srv/reports/" + System.IO.Path.GetFileName(context.Request.Form["file"]));
                    response.StatusDescription = "Bad value: " + System.Net.WebUtility.HtmlEncode(context.Request.QueryString["id"]);
                    var cookie = new HttpCookie("theme", "dark");
                    response.Write(cookie.Value.Length > 0 ? "<p>dark</p>" : "<p>light</p>");
                }
            }
            """);
    }

    [Fact]
    public async Task A_page_method_handed_the_request_follows_what_its_helper_reads_from_it()
    {
        await VerifyAsync("""
            public class SearchPage
            {
                public void Render(HttpRequest request, HttpResponse response)
                {
                    var term = ReadTerm(request);
                    response.Write({|AIB1005:"<p>Results for " + term + "</p>"|});
                }

                public void RenderDefault(HttpRequest request, HttpResponse response)
                {
                    var term = DefaultTerm(request);
                    response.Write("<p>Results for " + term + "</p>");
                }

                private static string ReadTerm(HttpRequest request) => request.Params.Get("q") ?? "";

                private static string DefaultTerm(HttpRequest request) => request == null ? "none" : "all";
            }
            """);
    }
}
