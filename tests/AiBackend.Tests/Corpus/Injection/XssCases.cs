// Labeled corpus: cross-site scripting (AIB1005).
using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Html;

public static class PageEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/hello", (string name) => Results.Content($"<h1>Hello {name}</h1>", "text/html")); // expect: AIB1005

        app.MapGet("/hello-safe", (string name) =>
            Results.Content($"<h1>Hello {HtmlEncoder.Default.Encode(name)}</h1>", "text/html")); // safe: AIB1005

        app.MapGet("/hello-text", (string name) => Results.Content($"Hello {name}", "text/plain")); // safe: AIB1005

        app.MapGet("/hello-json", (string name) => Results.Ok(new { greeting = "Hello " + name })); // safe: AIB1005

        app.MapGet("/search", async (HttpContext context) =>
        {
            var q = context.Request.Query["q"].ToString();
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<p>Results for " + q + "</p>"); // expect: AIB1005
        });

        app.MapGet("/search-safe", async (HttpContext context) =>
        {
            var q = context.Request.Query["q"].ToString();
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<p>Results for " + WebUtility.HtmlEncode(q) + "</p>"); // safe: AIB1005
        });

        app.MapGet("/echo", async (HttpContext context) =>
        {
            var q = context.Request.Query["q"].ToString();
            await context.Response.WriteAsync("You sent: " + q); // safe: AIB1005
        });

        app.MapGet("/banner", (string message) => Results.Text(Markup.Banner(message), "text/html")); // expect: AIB1005

        app.MapGet("/count", (int count) => Results.Content($"<b>{count}</b>", "text/html")); // safe: AIB1005

        app.MapPost("/comments", (CommentForm form) => TypedResults.Content("<div>" + form.Body + "</div>", "text/html")); // expect: AIB1005
    }
}

public sealed record CommentForm(string Author, string Body);

public static class Markup
{
    public static string Banner(string text) => "<div class=\"banner\">" + text + "</div>";
}

public sealed class ProfileController : Controller
{
    [HttpGet]
    public IActionResult Bio(string bio) => Content("<p>" + bio + "</p>", "text/html"); // expect: AIB1005

    [HttpGet]
    public IActionResult BioSafe(string bio) => Content("<p>" + HtmlEncoder.Default.Encode(bio) + "</p>", "text/html"); // safe: AIB1005

    [HttpGet]
    public IActionResult Raw(string snippet)
    {
        var html = new HtmlString(snippet); // expect: AIB1005
        return View(html);
    }

    [HttpGet]
    public IActionResult Static() => View(new HtmlString("<b>Welcome</b>")); // safe: AIB1005

    [HttpGet]
    public IActionResult Plain(string bio) => Content(bio); // safe: AIB1005
}

/// <summary>A body sent without a content type is sniffed: markup at its start renders as HTML, words do not.</summary>
public static class UntypedBodyEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/untyped/results", async (HttpContext context) =>
        {
            var q = context.Request.Query["q"].ToString();
            await context.Response.WriteAsync($"<p>Results for {q}</p>"); // expect: AIB1005
        });

        app.MapGet("/untyped/echo", async (HttpContext context, string message) =>
        {
            await context.Response.WriteAsync(message); // expect: AIB1005
        });

        app.MapGet("/untyped/words", async (HttpContext context, string name) =>
        {
            var text = "Unknown user: " + name;
            await context.Response.WriteAsync(text); // safe: AIB1005
        });

        app.MapGet("/typed/json", async (HttpContext context, string name) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(name); // safe: AIB1005
        });

        app.MapGet("/typed/header", async (HttpContext context, string name) =>
        {
            context.Response.Headers["Content-Type"] = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("<" + name); // safe: AIB1005
        });
    }
}
