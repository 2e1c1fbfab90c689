// Labeled corpus: regular expression denial of service (AIB1010).
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Patterns;

public static partial class SearchEndpoints
{
    private static readonly Regex Slug = new("^[a-z0-9-]+$", RegexOptions.Compiled);

    public static void Map(WebApplication app)
    {
        app.MapGet("/grep", (string pattern, string text) => Regex.IsMatch(text, pattern)); // expect: AIB1010

        app.MapGet("/grep/escaped", (string term, string text) => Regex.IsMatch(text, Regex.Escape(term))); // safe: AIB1010

        app.MapGet("/grep/timeout", (string pattern, string text) =>
            Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100))); // expect: AIB1010

        app.MapGet("/validate/email", (string email) => Regex.IsMatch(email, @"^([a-zA-Z0-9]+\.?)+@example\.com$")); // expect: AIB1010

        app.MapGet("/validate/email-timeout", (string email) =>
            Regex.IsMatch(email, @"^([a-zA-Z0-9]+\.?)+@example\.com$", RegexOptions.None, TimeSpan.FromMilliseconds(100))); // safe: AIB1010

        app.MapGet("/validate/slug", (string slug) => Slug.IsMatch(slug)); // safe: AIB1010

        app.MapGet("/validate/simple", (string code) => Regex.IsMatch(code, "^[A-Z]{3}-[0-9]{4}$")); // safe: AIB1010

        app.MapGet("/filter", (string expression, string[] names) =>
        {
            var regex = new Regex(expression, RegexOptions.IgnoreCase); // expect: AIB1010
            return names.Where(n => regex.IsMatch(n)).ToList();
        });

        app.MapGet("/filter/local", (string name) =>
        {
            var words = new Regex(@"(\w+\s?)+$");
            return words.IsMatch(name); // expect: AIB1010
        });

        app.MapGet("/filter/nonbacktracking", (string name) =>
            Regex.IsMatch(name, @"(\w+\s?)+$", RegexOptions.NonBacktracking)); // safe: AIB1010

        app.MapGet("/replace", (string text, string find) => Regex.Replace(text, find, "*")); // expect: AIB1010
    }
}

[ApiController]
[Route("api/search")]
public sealed class SearchController : ControllerBase
{
    [HttpGet]
    public IActionResult Find([FromQuery] string q, [FromQuery] string text) =>
        Ok(Regex.Matches(text, q).Count); // expect: AIB1010

    [HttpGet("words")]
    public IActionResult Words([FromQuery] string text) => Ok(Regex.Split(text, @"\s+")); // safe: AIB1010
}
