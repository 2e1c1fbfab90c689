// Labeled corpus: AIB3001 asks whether an endpoint is open where the app says it should not be.
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Auth.Siblings;

[ApiController]
[Route("api/[controller]")]
public sealed class InvoicesController : ControllerBase
{
    private readonly AuthDb _db;

    public InvoicesController(AuthDb db) => _db = db;

    [HttpGet, Authorize]
    public IActionResult List() => Ok(); // safe: AIB3001

    [HttpGet("{id:int}"), Authorize]
    public IActionResult Get(int id) => Ok(); // safe: AIB3001

    [HttpGet("{id:int}/pdf")]
    public IActionResult Pdf(int id) => Ok(); // expect: AIB3001

    [HttpPost, Authorize]
    public IActionResult Create() => Ok(); // safe: AIB3001

    [HttpDelete("{id:int}")]
    public async Task<IActionResult> Delete(int id) // expect: AIB3001
    {
        await _db.Products.Where(p => p.Id == id).ExecuteDeleteAsync();
        return NoContent();
    }
}

[Route("account")]
public sealed class AccountController : Controller
{
    [HttpPost("login")]
    public IActionResult Login(LoginRequest request) => Ok(); // safe: AIB3001

    [HttpPost("forgot-password")]
    public IActionResult ForgotPassword(string email) => Ok(); // safe: AIB3001

    [HttpGet("profile"), Authorize]
    public IActionResult Profile() => Ok(); // safe: AIB3001

    [HttpPost("profile"), Authorize]
    public IActionResult SaveProfile(string name) => Ok(); // safe: AIB3001
}

// A public content site inside an app that signs users in elsewhere.
public sealed class ArticlesController : Controller
{
    private readonly AuthDb _db;

    public ArticlesController(AuthDb db) => _db = db;

    [HttpGet("/articles/{slug}")]
    public IActionResult Read(string slug) => View(); // safe: AIB3001

    [HttpGet("/articles/feed.xml")]
    public IActionResult Feed() => Content("<rss/>"); // safe: AIB3001

    [HttpPost("/articles/{slug}/comments")]
    public IActionResult Comment(string slug, string text) => Ok(); // safe: AIB3001

    [HttpGet("/articles/bookmarks")]
    public IActionResult Bookmarks() => Ok(_db.Notes.Where(n => n.OwnerId == User.FindFirstValue(ClaimTypes.NameIdentifier))); // expect: AIB3001

    [HttpPost("/articles/{id:int}/retract")]
    public async Task<IActionResult> Retract(int id) // expect: AIB3001
    {
        var product = await _db.Products.FindAsync(id);
        _db.Products.Remove(product!);
        await _db.SaveChangesAsync();
        return Ok();
    }
}

// Conventionally routed: named by controller and action in messages.
public sealed class HomeController : Controller
{
    public IActionResult Index() => View(); // safe: AIB3001

    public IActionResult Privacy() => View(); // safe: AIB3001
}

public static class ShipmentEndpoints
{
    public static void Map(WebApplication app)
    {
        var shipments = app.MapGroup("/api/shipments");
        shipments.MapGet("/", () => "all").RequireAuthorization(); // safe: AIB3001
        shipments.MapGet("/{id:int}", (int id) => id).RequireAuthorization(); // safe: AIB3001
        shipments.MapGet("/{id:int}/label", (int id) => id); // expect: AIB3001
        app.MapGet("/api/carriers", () => "carriers"); // safe: AIB3001
        app.MapGet("/api/carriers/{code}", (string code) => code); // safe: AIB3001
    }
}
