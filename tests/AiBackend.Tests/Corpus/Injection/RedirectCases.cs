// Labeled corpus: open redirect (AIB1004).
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Redirects;

public static class LoginEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/login/done", (string returnUrl) => Results.Redirect(returnUrl)); // expect: AIB1004

        app.MapGet("/login/done-local", (string returnUrl) => Results.LocalRedirect(returnUrl)); // safe: AIB1004

        app.MapGet("/go", (HttpContext context) =>
        {
            var target = context.Request.Query["to"].ToString();
            context.Response.Redirect(target); // expect: AIB1004
        });

        app.MapGet("/go/section", (string section) => Results.Redirect("/docs/" + section)); // safe: AIB1004

        app.MapGet("/go/absolute", (string path) => Results.Redirect("https://shop.example.com/" + path)); // safe: AIB1004

        app.MapGet("/go/slash", (string path) => Results.Redirect("/" + path)); // expect: AIB1004

        app.MapGet("/go/host", (string host) => Results.Redirect($"https://{host}/welcome")); // expect: AIB1004

        app.MapGet("/go/header", (HttpContext context) =>
        {
            var referer = context.Request.Headers.Referer.ToString();
            context.Response.Headers.Location = referer; // expect: AIB1004
            context.Response.StatusCode = 302;
        });

        app.MapGet("/go/known", (string name) =>
        {
            var url = name == "home" ? "/" : "/help";
            return Results.Redirect(url); // safe: AIB1004
        });

        app.MapGet("/go/cookie", (HttpRequest request) =>
            TypedResults.Redirect(request.Cookies["last"] ?? "/")); // expect: AIB1004
    }
}

public sealed class AccountController : Controller
{
    [HttpPost]
    public IActionResult Login(string returnUrl)
    {
        if (Url.IsLocalUrl(returnUrl))
            return Redirect(returnUrl); // safe: AIB1004
        return RedirectToAction("Index", "Home");
    }

    [HttpPost]
    public IActionResult Logout(string returnUrl) => Redirect(returnUrl); // expect: AIB1004

    [HttpGet]
    public IActionResult External([FromQuery] string next)
    {
        if (!Url.IsLocalUrl(next))
            return BadRequest();
        return Redirect(next); // safe: AIB1004
    }

    [HttpGet]
    public IActionResult Back([FromQuery] string next) => RedirectPermanent(Normalize(next)); // expect: AIB1004

    [HttpGet]
    public IActionResult Home() => Redirect("/"); // safe: AIB1004

    [HttpGet]
    public IActionResult Local([FromQuery] string next) => LocalRedirect(next); // safe: AIB1004

    private static string Normalize(string url) => url.Trim();
}

public interface IPartnerOAuth
{
    string AuthorizeUrl(string callbackUrl);
}

[ApiController]
[Route("partners")]
public sealed class PartnerLinkController : ControllerBase
{
    private readonly IPartnerOAuth _oauth;

    public PartnerLinkController(IPartnerOAuth oauth) => _oauth = oauth;

    [HttpGet("link")]
    public IActionResult Link()
    {
        var callback = $"{Request.Scheme}://{Request.Host}/partners/linked";
        return Redirect(_oauth.AuthorizeUrl(callback)); // safe: AIB1004
    }

    // The partner's authorize URL, built by a client registered elsewhere, leads to the partner, who checks its own
    // redirect_uri: what comes back from a service out of view is its data, not the callback handed in.
    [HttpGet("relink")]
    public IActionResult Relink([FromQuery] string callback) => Redirect(_oauth.AuthorizeUrl(callback)); // safe: AIB1004

    [HttpGet("linked")]
    public IActionResult Linked([FromQuery] string callback) => Redirect(callback); // expect: AIB1004
}
