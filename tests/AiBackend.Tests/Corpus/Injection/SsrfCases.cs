// Labeled corpus: server-side request forgery (AIB1007).
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Outgoing;

public static class ProxyEndpoints
{
    private static readonly HashSet<string> AllowedHosts = new(StringComparer.OrdinalIgnoreCase) { "images.example.com", "cdn.example.com" };

    public static void Map(WebApplication app)
    {
        app.MapGet("/proxy", async (string url, HttpClient http) => await http.GetStringAsync(url)); // expect: AIB1007

        app.MapGet("/proxy/allowed", async (string url, HttpClient http) =>
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !AllowedHosts.Contains(uri.Host))
                return Results.BadRequest();
            return Results.Text(await http.GetStringAsync(uri)); // safe: AIB1007
        });

        app.MapGet("/weather/{city}", async (string city, HttpClient http) =>
            await http.GetStringAsync($"https://api.weather.example.com/v1/forecast?city={Uri.EscapeDataString(city)}")); // safe: AIB1007

        app.MapGet("/weather-raw/{city}", async (string city, HttpClient http) =>
            await http.GetStringAsync("https://api.weather.example.com/v1/forecast?city=" + city)); // safe: AIB1007

        app.MapPost("/webhooks/test", async (FetchRequest request, HttpClient http) =>
        {
            var response = await http.PostAsJsonAsync(request.Callback, new { ping = true }); // expect: AIB1007
            return Results.StatusCode((int)response.StatusCode);
        });

        app.MapPost("/fetch", async (FetchRequest request, IHttpClientFactory factory) =>
        {
            var client = factory.CreateClient();
            using var message = new HttpRequestMessage(HttpMethod.Get, request.Url); // expect: AIB1007
            using var response = await client.SendAsync(message);
            return Results.StatusCode((int)response.StatusCode);
        });

        app.MapGet("/avatar", async (string host, HttpClient http) =>
            await http.GetByteArrayAsync($"https://{host}/avatar.png")); // expect: AIB1007

        app.MapGet("/user-info/{id:int}", async (int id, HttpClient http) =>
            await http.GetFromJsonAsync<User>($"https://users.internal/api/users/{id}")); // safe: AIB1007

        app.MapGet("/relative/{name}", async (string name, HttpClient http) =>
            await http.GetStringAsync("api/items/" + name)); // safe: AIB1007

        app.MapGet("/preview", async (HttpRequest request, IHttpClientFactory factory) =>
            await PreviewService.FetchTitle(factory.CreateClient(), request.Query["link"].ToString()));

        app.MapGet("/preview/known", async (IHttpClientFactory factory) =>
            await PreviewService.FetchTitle(factory.CreateClient(), "https://example.com")); // safe: AIB1007
    }
}

public static class PreviewService
{
    public static async Task<string> FetchTitle(HttpClient client, string link)
    {
        var html = await client.GetStringAsync(link); // expect: AIB1007 (at the sink; a handler passes request data in)
        var start = html.IndexOf("<title>", StringComparison.Ordinal);
        return start < 0 ? "" : html.Substring(start + 7, Math.Min(60, html.Length - start - 7));
    }
}

[ApiController]
[Route("api/import")]
public sealed class ImportController : ControllerBase
{
    private readonly HttpClient _http;

    public ImportController(HttpClient http) => _http = http;

    [HttpPost]
    public async Task<IActionResult> Import([FromBody] FetchRequest request)
    {
        _http.BaseAddress = new Uri(request.Url); // expect: AIB1007
        return Ok(await _http.GetStringAsync("export.json"));
    }

    [HttpPost("catalog")]
    public async Task<IActionResult> Catalog([FromQuery] string sku) =>
        Ok(await _http.GetStringAsync("https://catalog.example.com/items/" + sku)); // safe: AIB1007
}
