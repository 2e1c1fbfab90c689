// Labeled corpus: XML external entities (AIB1009).
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Xml;

public static class XmlEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/xml/doc", (string xml) =>
        {
            var doc = new XmlDocument { XmlResolver = new XmlUrlResolver() };
            doc.LoadXml(xml); // expect: AIB1009
            return doc.DocumentElement?.Name;
        });

        app.MapPost("/xml/doc-default", (string xml) =>
        {
            var doc = new XmlDocument();
            doc.LoadXml(xml); // safe: AIB1009
            return doc.DocumentElement?.Name;
        });

        app.MapPost("/xml/reader", (HttpRequest request) =>
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
            using var reader = XmlReader.Create(request.Body, settings); // expect: AIB1009
            while (reader.Read()) { }
            return Results.Ok();
        });

        app.MapPost("/xml/reader-safe", (HttpRequest request) =>
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
            using var reader = XmlReader.Create(request.Body, settings); // safe: AIB1009
            while (reader.Read()) { }
            return Results.Ok();
        });

        app.MapPost("/xml/reader-no-resolver", (HttpRequest request) =>
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null };
            using var reader = XmlReader.Create(request.Body, settings); // safe: AIB1009
            while (reader.Read()) { }
            return Results.Ok();
        });

        app.MapPost("/xml/linq", (string xml) => XDocument.Parse(xml).Root?.Name.LocalName); // safe: AIB1009

        app.MapPost("/xml/upload", (IFormFile file) =>
        {
            var doc = new XmlDocument();
            doc.XmlResolver = new XmlUrlResolver();
            doc.Load(file.OpenReadStream()); // expect: AIB1009
            return doc.DocumentElement?.Name;
        });

        app.MapPost("/xml/config", () =>
        {
            var doc = new XmlDocument { XmlResolver = new XmlUrlResolver() };
            doc.Load("/etc/app/config.xml"); // safe: AIB1009
            return doc.DocumentElement?.Name;
        });
    }
}

[ApiController]
[Route("api/feeds")]
public sealed class FeedsController : ControllerBase
{
    [HttpPost]
    public IActionResult Parse([FromBody] string body)
    {
        var settings = new XmlReaderSettings();
        settings.DtdProcessing = DtdProcessing.Parse;
        settings.XmlResolver = new XmlUrlResolver();
        using var reader = XmlReader.Create(new StringReader(body), settings); // expect: AIB1009
        return Ok(XDocument.Load(reader).Root?.Name.LocalName);
    }

    [HttpPost("safe")]
    public IActionResult ParseSafe([FromBody] string body)
    {
        using var reader = XmlReader.Create(new StringReader(body)); // safe: AIB1009
        return Ok(XDocument.Load(reader).Root?.Name.LocalName);
    }
}
