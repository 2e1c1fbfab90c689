// Labeled corpus: unsafe deserialization (AIB1008).
using System.Text.Json;
using System.Xml.Serialization;
using Microsoft.AspNetCore.Mvc;
using Newtonsoft.Json;

namespace Corpus.Serialization;

public static class ImportEndpoints
{
    private static readonly JsonSerializerSettings Unsafe = new()
    {
        TypeNameHandling = TypeNameHandling.All, // expect: AIB1008
    };

    private static readonly JsonSerializerSettings Plain = new()
    {
        TypeNameHandling = TypeNameHandling.None, // safe: AIB1008
        NullValueHandling = NullValueHandling.Ignore,
    };

    public static void Map(WebApplication app)
    {
        app.MapPost("/import", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync();
            return Results.Ok(JsonConvert.DeserializeObject(json, Unsafe));
        });

        app.MapPost("/import/plain", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return Results.Ok(JsonConvert.DeserializeObject<User>(await reader.ReadToEndAsync(), Plain)); // safe: AIB1008
        });

        app.MapPost("/import/typed", async (HttpRequest request, string type) =>
        {
            var target = Type.GetType(type)!;
            return Results.Ok(await System.Text.Json.JsonSerializer.DeserializeAsync(request.Body, target)); // expect: AIB1008
        });

        app.MapPost("/import/known", async (HttpRequest request) =>
            Results.Ok(await System.Text.Json.JsonSerializer.DeserializeAsync<User>(request.Body))); // safe: AIB1008

        app.MapPost("/import/xml", (HttpRequest request, string kind) =>
        {
            var serializer = new XmlSerializer(Type.GetType("Corpus." + kind)!); // expect: AIB1008
            return Results.Ok(serializer.Deserialize(request.Body));
        });

        app.MapPost("/import/xml-known", (HttpRequest request) =>
        {
            var serializer = new XmlSerializer(typeof(User)); // safe: AIB1008
            return Results.Ok(serializer.Deserialize(request.Body));
        });

        app.MapPost("/import/auto", (string json) =>
        {
            var settings = new JsonSerializerSettings();
            settings.TypeNameHandling = TypeNameHandling.Auto; // expect: AIB1008
            return JsonConvert.DeserializeObject<List<object>>(json, settings);
        });

        app.MapPost("/import/newtonsoft-type", (string json, string typeName) =>
            JsonConvert.DeserializeObject(json, Type.GetType(typeName))); // expect: AIB1008
    }
}

[ApiController]
[Route("api/state")]
public sealed class StateController : ControllerBase
{
    [HttpPost]
    public IActionResult Restore([FromBody] string payload)
    {
        var serializer = Newtonsoft.Json.JsonSerializer.Create(new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Objects }); // expect: AIB1008
        using var reader = new JsonTextReader(new StringReader(payload));
        return Ok(serializer.Deserialize(reader));
    }

    [HttpPost("typed")]
    public IActionResult RestoreTyped([FromBody] string payload) =>
        Ok(System.Text.Json.JsonSerializer.Deserialize(payload, typeof(User))); // safe: AIB1008
}

public interface IWidgetRegistry
{
    Type GetWidgetType(string key);
}

[ApiController]
[Route("api/widgets")]
public sealed class WidgetSettingsController : ControllerBase
{
    private readonly IWidgetRegistry _widgets;

    public WidgetSettingsController(IWidgetRegistry widgets) => _widgets = widgets;

    [HttpPost("{key}")]
    public IActionResult Save([FromRoute] string key, [FromBody] string json)
    {
        var widgetType = _widgets.GetWidgetType(key);
        return Ok(System.Text.Json.JsonSerializer.Deserialize(json, widgetType)); // safe: AIB1008
    }

    [HttpPost("by-type/{typeName}")]
    public IActionResult SaveByTypeName([FromRoute] string typeName, [FromBody] string json)
    {
        var widgetType = typeof(User).Assembly.GetType(typeName)!;
        return Ok(System.Text.Json.JsonSerializer.Deserialize(json, widgetType)); // expect: AIB1008
    }
}
