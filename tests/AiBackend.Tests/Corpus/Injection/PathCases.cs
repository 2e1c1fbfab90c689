// Labeled corpus: path traversal (AIB1003).
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Files;

public static class FileEndpoints
{
    private const string Root = "/srv/files";

    public static void Map(WebApplication app)
    {
        app.MapGet("/files/{name}", (string name) =>
            Results.Text(File.ReadAllText(Path.Combine(Root, name)))); // expect: AIB1003

        app.MapGet("/files/safe/{name}", (string name) =>
            Results.Text(File.ReadAllText(Path.Combine(Root, Path.GetFileName(name))))); // safe: AIB1003

        app.MapGet("/files/checked/{name}", (string name) =>
        {
            var full = Path.GetFullPath(Path.Combine(Root, name));
            if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return Results.BadRequest();
            return Results.Text(File.ReadAllText(full)); // safe: AIB1003
        });

        app.MapGet("/files/dots/{name}", (string name) =>
        {
            if (name.Contains(".."))
                return Results.BadRequest();
            return Results.File(Path.Combine(Root, name)); // expect: AIB1003
        });

        app.MapGet("/download", (HttpRequest request) =>
        {
            var file = request.Query["file"].ToString();
            return TypedResults.PhysicalFile("/srv/downloads/" + file); // expect: AIB1003
        });

        app.MapGet("/download/{id:guid}", (Guid id) =>
            TypedResults.PhysicalFile(Path.Combine("/srv/downloads", id + ".zip"))); // safe: AIB1003

        app.MapPost("/upload", async (IFormFile file) =>
        {
            await using var stream = new FileStream(Path.Combine(Root, file.FileName), FileMode.Create); // expect: AIB1003
            await file.CopyToAsync(stream);
            return Results.Ok();
        });

        app.MapPost("/upload/safe", async (IFormFile file) =>
        {
            var name = Path.GetRandomFileName();
            await using var stream = new FileStream(Path.Combine(Root, name), FileMode.Create); // safe: AIB1003
            await file.CopyToAsync(stream);
            return Results.Ok(name);
        });

        app.MapPost("/upload/keep-name", async (IFormFile file) =>
        {
            var name = Path.GetFileName(file.FileName);
            await using var stream = File.Create(Path.Combine(Root, name)); // safe: AIB1003
            await file.CopyToAsync(stream);
            return Results.Ok(name);
        });

        app.MapDelete("/files/{name}", (string name) =>
        {
            FileStore.Delete(name);
            return Results.NoContent();
        });

        app.MapGet("/logs/{day:int}", (int day) => File.ReadAllLines($"/var/log/app/{day}.log")); // safe: AIB1003

        app.MapGet("/folders", (string folder) => Directory.GetFiles(Root + "/" + folder)); // expect: AIB1003

        app.MapGet("/exists", (string name) => File.Exists(Path.Combine(Root, name))); // expect: AIB1003

        app.MapGet("/template", (string theme) =>
        {
            var file = theme switch { "dark" => "dark.css", _ => "light.css" };
            return Results.Text(File.ReadAllText(Path.Combine(Root, file))); // safe: AIB1003
        });
    }
}

public static class FileStore
{
    public static void Delete(string name) => File.Delete(Path.Combine("/srv/files", name)); // expect: AIB1003 (at the sink; a handler passes request data in)
}

[ApiController]
[Route("api/docs")]
public sealed class DocumentsController : ControllerBase
{
    [HttpGet("{name}")]
    public IActionResult Get(string name) => PhysicalFile("/srv/docs/" + name, "application/pdf"); // expect: AIB1003

    [HttpGet("by-id/{id:int}")]
    public IActionResult GetById(int id) => PhysicalFile($"/srv/docs/{id}.pdf", "application/pdf"); // safe: AIB1003

    [HttpGet("preview")]
    public IActionResult Preview([FromQuery] string name)
    {
        using var reader = new StreamReader(Path.Combine("/srv/docs", name)); // expect: AIB1003
        return Content(reader.ReadToEnd());
    }

    [HttpGet("virtual")]
    public IActionResult Virtual([FromQuery] string name) => File("~/docs/" + Path.GetFileName(name), "application/pdf"); // safe: AIB1003
}
