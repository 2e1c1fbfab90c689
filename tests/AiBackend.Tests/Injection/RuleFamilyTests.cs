using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>Positive and negative cases per injection rule, beyond the labeled corpus.</summary>
public class RuleFamilyTests
{
    private static Task VerifyAsync(string code) => Verify.VerifyAsync(InjectionTestCode.Usings + code);

    [Fact]
    public async Task Command_injection_through_file_name_or_argument_string()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", (string tool) => Process.Start({|AIB1002:tool|}));
                    app.MapPost("/b", (string host) => Process.Start("ping", {|AIB1002:"-c 1 " + host|}));
                    app.MapPost("/c", (string host) =>
                    {
                        var info = new ProcessStartInfo("ping");
                        info.ArgumentList.Add(host);
                        return Process.Start(info);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Path_traversal_unless_reduced_to_a_file_name_or_checked_against_the_base()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string name) => File.ReadAllText({|AIB1003:Path.Combine("/srv", name)|}));
                    app.MapGet("/b", (string name) => File.ReadAllText(Path.Combine("/srv", Path.GetFileName(name))));
                    app.MapGet("/c", (string name) =>
                    {
                        var full = Path.GetFullPath(Path.Combine("/srv", name));
                        return full.StartsWith("/srv/") ? File.ReadAllText(full) : "";
                    });
                    app.MapGet("/d", (int id) => File.ReadAllText($"/srv/{id}.txt"));
                }
            }
            """);
    }

    [Fact]
    public async Task Zip_slip_unless_the_entry_path_is_checked_against_the_target()
    {
        await VerifyAsync("""
            public static class ImportService
            {
                public static void ExtractUnchecked(string archivePath, string target)
                {
                    using var archive = System.IO.Compression.ZipFile.OpenRead(archivePath);
                    foreach (var entry in archive.Entries)
                        System.IO.Compression.ZipFileExtensions.ExtractToFile(entry, {|AIB1003:Path.Combine(target, entry.FullName)|}, overwrite: true);
                }

                public static void ExtractChecked(string archivePath, string target)
                {
                    var root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
                    using var archive = System.IO.Compression.ZipFile.OpenRead(archivePath);
                    foreach (var entry in archive.Entries)
                    {
                        var destination = Path.GetFullPath(Path.Combine(target, entry.FullName));
                        if (destination.StartsWith(root, StringComparison.Ordinal))
                            System.IO.Compression.ZipFileExtensions.ExtractToFile(entry, destination, overwrite: true);
                    }
                }

                public static void ExtractFlat(string archivePath, string target)
                {
                    using var archive = System.IO.Compression.ZipFile.OpenRead(archivePath);
                    foreach (var entry in archive.Entries)
                        System.IO.Compression.ZipFileExtensions.ExtractToFile(entry, Path.Combine(target, Path.GetFileName(entry.FullName)), overwrite: true);
                }

                public static string Describe(System.IO.Compression.ZipArchiveEntry entry) => "<li>" + entry.FullName + "</li>";
            }
            """);
    }

    [Fact]
    public async Task Open_redirect_unless_local_or_host_fixed()
    {
        await VerifyAsync("""
            public sealed class HomeController : Controller
            {
                public IActionResult A(string url) => Redirect({|AIB1004:url|});
                public IActionResult B(string url) => Url.IsLocalUrl(url) ? Redirect(url) : Redirect("/");
                public IActionResult C(string path) => Redirect("https://example.com/" + path);
                public IActionResult D(string path) => Redirect({|AIB1004:"/" + path|});
                public IActionResult E(string url) => LocalRedirect(url);
            }
            """);
    }

    [Fact]
    public async Task Xss_only_for_html_output()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string name) => Results.Content({|AIB1005:"<b>" + name + "</b>"|}, "text/html"));
                    app.MapGet("/b", (string name) => Results.Content("<b>" + name + "</b>", "text/plain"));
                    app.MapGet("/c", (string name) => Results.Content("<b>" + System.Net.WebUtility.HtmlEncode(name) + "</b>", "text/html"));
                    app.MapGet("/d", (string name) => new Microsoft.AspNetCore.Html.HtmlString({|AIB1005:name|}));
                }
            }
            """);
    }

    [Fact]
    public async Task Ssrf_only_when_the_request_decides_the_host()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string url, HttpClient http) => http.GetStringAsync({|AIB1007:url|}));
                    app.MapGet("/b", (string id, HttpClient http) => http.GetStringAsync("https://api.example.com/items/" + id));
                    app.MapGet("/c", (string host, HttpClient http) => http.GetStringAsync({|AIB1007:$"https://{host}/items"|}));
                    app.MapGet("/d", (string url, HttpClient http) =>
                        url == "https://status.example.com" ? http.GetStringAsync(url) : Task.FromResult(""));
                }
            }
            """);
    }

    [Fact]
    public async Task Regex_pattern_from_the_request_and_backtracking_pattern_on_request_data()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string p, string text) => Regex.IsMatch(text, {|AIB1010:p|}));
                    app.MapGet("/b", (string p, string text) => Regex.IsMatch(text, Regex.Escape(p)));
                    app.MapGet("/c", (string text) => Regex.IsMatch({|AIB1010:text|}, "^(a+)+$"));
                    app.MapGet("/d", (string text) => Regex.IsMatch(text, "^(a+)+$", RegexOptions.None, TimeSpan.FromSeconds(1)));
                    app.MapGet("/e", (string text) => Regex.IsMatch(text, "^[a-z]+$"));
                }
            }
            """);
    }

    [Fact]
    public async Task Ldap_filter_and_path_from_the_request()
    {
        await VerifyAsync("""
            using System.DirectoryServices.Protocols;

            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string uid) => new SearchRequest("dc=example", {|AIB1006:"(uid=" + uid + ")"|}, SearchScope.Subtree));
                    app.MapGet("/b", (int id) => new SearchRequest("dc=example", "(uidNumber=" + id + ")", SearchScope.Subtree));
                }
            }
            """);
    }

    [Fact]
    public async Task XPath_built_from_the_request()
    {
        await VerifyAsync("""
            using System.Xml;
            using System.Xml.Linq;
            using System.Xml.XPath;

            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string user, XPathNavigator users) => users.Evaluate({|AIB1011:"string(//user[name='" + user + "']/email)"|}));
                    app.MapGet("/b", (string user, XmlDocument users) => users.SelectNodes({|AIB1011:$"//user[name='{user}']"|})?.Count);
                    app.MapGet("/c", (string path, XPathNavigator users) => users.Select(XPathExpression.Compile({|AIB1011:path|})));
                    app.MapGet("/d", (string user, XDocument users) => users.XPathSelectElement({|AIB1011:"//user[@name='" + user + "']"|})?.Value);
                }
            }
            """);
    }

    [Fact]
    public async Task XPath_with_escaped_constant_or_numeric_values_is_not_reported()
    {
        await VerifyAsync("""
            using System.Security;
            using System.Xml;
            using System.Xml.XPath;

            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string user, XPathNavigator users) => users.Evaluate("string(//user[name='" + SecurityElement.Escape(user) + "']/email)"));
                    app.MapGet("/b", (int id, XmlDocument users) => users.SelectSingleNode("//user[@id=" + id + "]")?.InnerText);
                    app.MapGet("/c", (string user, XPathNavigator users) => users.Select("//user").Cast<XPathNavigator>().FirstOrDefault(u => u.Value == user)?.Value);
                }
            }
            """);
    }

    [Fact]
    public async Task Xxe_only_with_dtd_processing_and_request_data()
    {
        await VerifyAsync("""
            using System.Xml;

            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", (string xml) =>
                    {
                        var doc = new XmlDocument { XmlResolver = new XmlUrlResolver() };
                        doc.LoadXml({|AIB1009:xml|});
                    });
                    app.MapPost("/b", (string xml) => new XmlDocument().LoadXml(xml));
                }
            }
            """);
    }

    [Fact]
    public async Task Deserialization_with_a_type_from_the_request()
    {
        await VerifyAsync("""
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", (string json, string type) => System.Text.Json.JsonSerializer.Deserialize(json, {|AIB1008:Type.GetType(type)|}!));
                    app.MapPost("/b", (string json) => System.Text.Json.JsonSerializer.Deserialize(json, typeof(int[])));
                }
            }
            """);
    }
}
