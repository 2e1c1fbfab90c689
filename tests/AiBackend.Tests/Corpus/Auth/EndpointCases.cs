// Labeled corpus: endpoint authorization (AIB3001) and object-level ownership (AIB3010).
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Auth.Endpoints;

public static class NoteEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/notes", (AuthDb db) => db.Notes.ToListAsync()); // expect: AIB3001

        app.MapGet("/notes/mine", (AuthDb db, ClaimsPrincipal user) =>
            db.Notes.Where(n => n.OwnerId == user.FindFirstValue(ClaimTypes.NameIdentifier)).ToListAsync()).RequireAuthorization(); // safe: AIB3001

        app.MapGet("/notes/{id:int}", async (int id, AuthDb db) =>
            await db.Notes.FindAsync(id)).RequireAuthorization(); // expect: AIB3010

        app.MapGet("/notes/{id:int}/own", async (int id, AuthDb db, ClaimsPrincipal user) =>
            await db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.OwnerId == user.FindFirstValue(ClaimTypes.NameIdentifier))).RequireAuthorization(); // safe: AIB3010

        app.MapDelete("/notes/{noteId:int}", async (int noteId, AuthDb db) =>
            await db.Notes.Where(n => n.Id == noteId).ExecuteDeleteAsync()).RequireAuthorization(); // expect: AIB3010

        app.MapGet("/health", () => "ok").AllowAnonymous(); // safe: AIB3001

        app.MapDelete("/products/{id:int}", async (int id, AuthDb db) => // expect: AIB3001
            await db.Products.Where(p => p.Id == id).ExecuteDeleteAsync()).AllowAnonymous();

        app.MapGet("/products/{id:int}", async (int id, AuthDb db) =>
            await db.Products.FindAsync(id)).AllowAnonymous(); // safe: AIB3010

        app.MapPost("/account/login", (LoginRequest request) => Results.Ok()).AllowAnonymous(); // safe: AIB3001

        app.MapPost("/account/register", (LoginRequest request) => Results.Ok()).AllowAnonymous(); // safe: AIB3001

        app.MapPost("/feedback", (string text) => Results.Accepted()).AllowAnonymous(); // safe: AIB3001

        app.MapPut("/feedback/{id:int}", (int id, string text) => Results.NoContent()).AllowAnonymous(); // expect: AIB3001

        var admin = app.MapGroup("/admin").RequireAuthorization("Admins");
        admin.MapGet("/notes/{id:int}", async (int id, AuthDb db) => await db.Notes.FindAsync(id)); // safe: AIB3001, AIB3010

        var api = app.MapGroup("/api");
        api.RequireAuthorization();
        api.MapProductRoutes();

        app.MapGroup("/legacy").MapProductRoutes();

        app.MapPut("/notes/{id:int}", async (int id, Note update, AuthDb db) => // expect: AIB3001
        {
            var note = await db.Notes.FindAsync(id); // expect: AIB3010
            if (note is null)
                return Results.NotFound();
            note.Text = update.Text;
            await db.SaveChangesAsync();
            return Results.NoContent();
        });
    }

    public static void MapProductRoutes(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/catalog", (AuthDb db) => db.Products.ToListAsync()); // expect: AIB3001
    }
}

[ApiController]
[Route("api/notes")]
[Authorize]
public sealed class NotesController : ControllerBase
{
    private readonly AuthDb _db;

    public NotesController(AuthDb db) => _db = db;

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Get(int id) // safe: AIB3001
    {
        var note = await _db.Notes.FindAsync(id); // expect: AIB3010
        return note is null ? NotFound() : Ok(note);
    }

    [HttpGet("{id:int}/checked")]
    public async Task<IActionResult> GetChecked(int id)
    {
        var note = await _db.Notes.FindAsync(id); // safe: AIB3010
        if (note is null || note.OwnerId != User.FindFirstValue(ClaimTypes.NameIdentifier))
            return NotFound();
        return Ok(note);
    }

    [HttpDelete("{id:int}")]
    [AllowAnonymous]
    public async Task<IActionResult> Delete(int id) // expect: AIB3001
    {
        await _db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync();
        return NoContent();
    }
}

[ApiController]
[Route("api/products")]
public sealed class ProductsController : ControllerBase
{
    private readonly AuthDb _db;

    public ProductsController(AuthDb db) => _db = db;

    // A catalogue read next to an admin-only write: public on purpose.
    [HttpGet]
    public async Task<IActionResult> List() => Ok(await _db.Products.ToListAsync()); // safe: AIB3001

    [HttpGet("{id:int}")]
    [AllowAnonymous]
    public async Task<IActionResult> Get(int id) => Ok(await _db.Products.FindAsync(id)); // safe: AIB3001, AIB3010

    [HttpPost]
    [Authorize(Roles = "admin")]
    public IActionResult Create(Product product) => Ok(product); // safe: AIB3001
}
