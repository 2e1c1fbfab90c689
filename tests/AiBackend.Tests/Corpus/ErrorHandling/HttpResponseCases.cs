// Labeled corpus: unchecked HTTP response (AIB2004).
using System.Net;
using System.Net.Http.Json;

namespace Corpus.Errors.Upstream;

public sealed record Rate(string Currency, decimal Value);

public sealed class RatesClient
{
    private readonly HttpClient _http;

    public RatesClient(HttpClient http) => _http = http;

    public async Task<Rate?> GetAsync(string currency)
    {
        var response = await _http.GetAsync($"rates/{currency}");
        return await response.Content.ReadFromJsonAsync<Rate>(); // expect: AIB2004
    }

    public async Task<Rate?> GetCheckedAsync(string currency)
    {
        using var response = await _http.GetAsync($"rates/{currency}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Rate>(); // safe: AIB2004
    }

    public async Task<Rate?> GetOrNullAsync(string currency)
    {
        using var response = await _http.GetAsync($"rates/{currency}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Rates service answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<Rate>(); // safe: AIB2004
    }

    public async Task<string> PostAsync(Rate rate)
    {
        var response = await _http.PostAsJsonAsync("rates", rate);
        var body = await response.Content.ReadAsStringAsync(); // expect: AIB2004
        return body;
    }

    public async Task<Rate?> GetSimpleAsync(string currency) =>
        await _http.GetFromJsonAsync<Rate>($"rates/{currency}"); // safe: AIB2004

    public async Task<string> RawAsync(string currency) =>
        await (await _http.GetAsync($"rates/{currency}/raw")).Content.ReadAsStringAsync(); // expect: AIB2004

    public async Task<string> WithRetryAsync(string currency)
    {
        HttpResponseMessage response;
        var attempt = 0;
        do
        {
            response = await _http.GetAsync($"rates/{currency}");
            attempt++;
        }
        while (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3);

        return await response.Content.ReadAsStringAsync(); // safe: AIB2004
    }

    public async Task<string> ErrorBodyAsync(string currency)
    {
        var response = await _http.GetAsync($"rates/{currency}");
        if (!response.IsSuccessStatusCode)
            return "error: " + await response.Content.ReadAsStringAsync(); // safe: AIB2004
        return "ok";
    }

    public async Task<Rate?> SendAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        return await Parse(response); // safe: AIB2004
    }

    private static async Task<Rate?> Parse(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Rate>();
    }
}

public static class UpstreamEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/weather", async (IHttpClientFactory factory) =>
        {
            var client = factory.CreateClient("weather");
            var response = await client.GetAsync("forecast");
            var json = await response.Content.ReadAsStringAsync(); // expect: AIB2004
            return Results.Text(json, "application/json");
        });

        app.MapGet("/weather/checked", async (IHttpClientFactory factory) =>
        {
            var client = factory.CreateClient("weather");
            var response = await client.GetAsync("forecast");
            if (!response.IsSuccessStatusCode)
                return Results.StatusCode(502);
            return Results.Text(await response.Content.ReadAsStringAsync(), "application/json"); // safe: AIB2004
        });

        app.MapGet("/weather/maybe", async (IHttpClientFactory factory, bool strict) =>
        {
            var client = factory.CreateClient("weather");
            var response = await client.GetAsync("forecast");
            if (strict)
                response.EnsureSuccessStatusCode();
            return Results.Text(await response.Content.ReadAsStringAsync(), "application/json"); // expect: AIB2004
        });
    }
}

public sealed class UpstreamHealth
{
    private readonly HttpClient _http;

    public UpstreamHealth(HttpClient http) => _http = http;

    public async Task<bool> IsRatesServiceHealthyAsync()
    {
        var response = await _http.GetAsync("https://rates.example.com/healthz");
        var body = await response.Content.ReadAsStringAsync(); // safe: AIB2004
        return body.Contains("Healthy", StringComparison.OrdinalIgnoreCase);
    }

    public async Task<string> RatesStatusAsync()
    {
        var response = await _http.GetAsync("https://rates.example.com/status");
        var body = await response.Content.ReadAsStringAsync(); // expect: AIB2004
        return body.StartsWith("{") ? body : "{}";
    }
}

public sealed class WebhookReply
{
    public bool Ok { get; set; }
    public string? Error { get; set; }
    public string? Channel { get; set; }
}

public sealed class WebhookClient
{
    private readonly HttpClient _http;
    private readonly ILogger<WebhookClient> _logger;

    public WebhookClient(HttpClient http, ILogger<WebhookClient> logger)
    {
        _http = http;
        _logger = logger;
    }

    public async Task<string?> PostAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        var reply = await response.Content.ReadFromJsonAsync<WebhookReply>(); // safe: AIB2004
        if (reply is not { Ok: true })
        {
            _logger.LogWarning("Webhook failed: {Error}", reply?.Error);
            return null;
        }
        return reply.Channel;
    }

    public async Task<string> ConfirmAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync(); // safe: AIB2004
        if (!response.IsSuccessStatusCode)
        {
            _logger.LogWarning("Confirmation failed: {Body}", text);
            return "failed";
        }
        return text;
    }

    public async Task<string> ConfirmLateAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync(); // expect: AIB2004
        var receipt = text.Trim();
        if (!response.IsSuccessStatusCode)
            return "failed";
        return receipt;
    }
}
