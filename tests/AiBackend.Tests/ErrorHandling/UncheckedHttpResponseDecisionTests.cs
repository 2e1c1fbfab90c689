using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.UncheckedHttpResponseAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>Text read only to decide something is a check of its own (issue 13): an error page does not pass it.</summary>
public class UncheckedHttpResponseDecisionTests
{
    [Fact]
    public async Task Content_read_to_answer_a_question_is_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Probes
            {
                private readonly HttpClient _http = new();

                public async Task<bool> IsHealthyAsync()
                {
                    var response = await _http.GetAsync("https://orders.example.com/health");
                    var body = await response.Content.ReadAsStringAsync();
                    return body.Contains("Healthy");
                }

                public async Task<bool> PongAsync()
                {
                    using var response = await _http.GetAsync("https://orders.example.com/ping");
                    return await response.Content.ReadAsStringAsync().ConfigureAwait(false) == "pong";
                }

                public async Task<string> StateAsync()
                {
                    var response = await _http.GetAsync("https://orders.example.com/state");
                    string text;
                    text = await response.Content.ReadAsStringAsync();
                    if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
                        return "unknown";
                    return text switch { "up" => "running", "down" => "stopped", _ => "unknown" };
                }

                public static void Map(WebApplication app) =>
                    app.MapGet("/ready", async (HttpClient http) =>
                    {
                        var response = await http.GetAsync("https://search.example.com/_cluster/health");
                        var json = await response.Content.ReadAsStringAsync();
                        return json.Contains("\"status\":\"green\"", StringComparison.Ordinal) ? Results.Ok() : Results.StatusCode(503);
                    });
            }
            """);
    }

    [Fact]
    public async Task Content_used_as_data_is_still_reported_even_when_also_compared()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Clients
            {
                private readonly HttpClient _http = new();

                public async Task<string> ReturnedAsync()
                {
                    var response = await _http.GetAsync("https://orders.example.com/latest");
                    var body = await [|response.Content.ReadAsStringAsync()|];
                    return body.Contains("order") ? body : "";
                }

                public async Task<Todo?> DeserialisedAsync()
                {
                    var response = await _http.GetAsync("https://orders.example.com/todo");
                    var body = await [|response.Content.ReadAsStringAsync()|];
                    return body.Length > 0 ? System.Text.Json.JsonSerializer.Deserialize<Todo>(body) : null;
                }

                public async Task<Todo?> TypedAsync()
                {
                    var response = await _http.GetAsync("https://orders.example.com/todo");
                    var todo = await [|response.Content.ReadFromJsonAsync<Todo>()|];
                    return todo is null ? null : todo;
                }

                public async Task<int> UnusedAsync()
                {
                    var response = await _http.GetAsync("https://orders.example.com/count");
                    var body = await [|response.Content.ReadAsStringAsync()|];
                    return 0;
                }
            }
            """);
    }
}
