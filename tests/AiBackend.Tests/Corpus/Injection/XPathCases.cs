// Labeled corpus: XPath injection (AIB1011).
using System.Security;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using Microsoft.AspNetCore.Mvc;

namespace Corpus.XPath;

public static class DirectoryEndpoints
{
    public static void Map(WebApplication app, XPathDocument directory)
    {
        app.MapPost("/login", (LoginForm form) =>
        {
            var navigator = directory.CreateNavigator();
            var query = "count(//user[name/text()='" + form.User + "' and pass/text()='" + form.Password + "'])";
            return (double)navigator.Evaluate(query) > 0; // expect: AIB1011
        });

        app.MapPost("/login-escaped", (LoginForm form) =>
        {
            var navigator = directory.CreateNavigator();
            var query = "count(//user[name/text()='" + SecurityElement.Escape(form.User) + "' and pass/text()='" + SecurityElement.Escape(form.Password) + "'])";
            return (double)navigator.Evaluate(query) > 0; // safe: AIB1011
        });

        app.MapGet("/users/{id:int}", (int id) =>
            directory.CreateNavigator().SelectSingleNode($"//user[@id={id}]/email")?.Value); // safe: AIB1011

        app.MapGet("/users/by-name", (string name) =>
            directory.CreateNavigator().Select("//user").Cast<XPathNavigator>()
                .FirstOrDefault(u => u.SelectSingleNode("name")?.Value == name)?.OuterXml); // safe: AIB1011

        app.MapGet("/users/search", (string filter) =>
        {
            var expression = XPathExpression.Compile("//user[" + filter + "]"); // expect: AIB1011
            return directory.CreateNavigator().Select(expression).Count;
        });
    }
}

[ApiController]
[Route("settings")]
public class SettingsController : ControllerBase
{
    private readonly XmlDocument _settings;

    public SettingsController(XmlDocument settings) => _settings = settings;

    [HttpGet("{section}")]
    public IActionResult Get(string section)
    {
        var node = _settings.SelectSingleNode($"/settings/{section}"); // expect: AIB1011
        return Ok(node?.InnerText);
    }

    [HttpGet("known/{section}")]
    public IActionResult GetKnown(string section)
    {
        var name = section == "mail" ? "mail" : "general";
        var node = _settings.SelectSingleNode("/settings/" + name); // safe: AIB1011
        return Ok(node?.InnerText);
    }

    [HttpGet("feed")]
    public IActionResult Feed([FromQuery] string tag, [FromServices] XDocument feed)
    {
        var items = feed.XPathSelectElements($"//item[category='{tag}']"); // expect: AIB1011
        return Ok(items.Count());
    }
}

public record LoginForm(string User, string Password);
