using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.UncheckedHttpResponseAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>Content read first, then the status (or the body's own success flag) checked before the content is used.</summary>
public class UncheckedHttpResponseCheckedAfterReadTests
{
    private const string Models = """
        public sealed class ChatReply { public bool Ok { get; set; } public string? Error { get; set; } public string[] Items { get; set; } = []; }

        """;

    [Fact]
    public async Task A_status_or_success_flag_checked_before_the_content_is_used_is_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + Models + """
            public sealed class Upstream : ControllerBase
            {
                private readonly HttpClient _http = new();
                private readonly ILogger<Upstream> _logger = null!;

                public async Task<string> VerifyAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();

                    if (!response.IsSuccessStatusCode)
                    {
                        _logger.LogWarning("Verification failed: {Body}", text);
                        return "error";
                    }
                    return text == "VERIFIED" ? "ok" : text;
                }

                public async Task RegisterAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode)
                        _logger.LogInformation("Registered: {Body}", body);
                    else
                        _logger.LogWarning("Registration failed: {Body}", body);
                }

                public async Task<IActionResult> ForwardAsync(string path)
                {
                    using var upstream = await _http.GetAsync(path);
                    var json = await upstream.Content.ReadAsStringAsync();
                    Response.StatusCode = (int)upstream.StatusCode;
                    return Content(json, "application/json");
                }

                public async Task<IActionResult> RelayAsync(string path)
                {
                    var upstream = await _http.GetAsync(path);
                    var json = await upstream.Content.ReadAsStringAsync();
                    return StatusCode((int)upstream.StatusCode, json);
                }

                public async Task<string[]> ChannelsAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    var reply = await response.Content.ReadFromJsonAsync<ChatReply>();
                    if (reply is { Ok: true })
                        return reply.Items;
                    return [];
                }

                public async Task<string> PostAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    var reply = await response.Content.ReadFromJsonAsync<ChatReply>();
                    if (!string.IsNullOrEmpty(reply?.Error))
                        throw new InvalidOperationException(reply.Error);
                    return reply!.Items[0];
                }
            }
            """);
    }

    [Fact]
    public async Task Content_used_before_the_check_or_with_no_check_is_still_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + Models + """
            public sealed class Upstream
            {
                private readonly HttpClient _http = new();
                private readonly List<string> _seen = new();

                public async Task<string> UseThenCheckAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    var text = await [|response.Content.ReadAsStringAsync()|];
                    _seen.Add(text);
                    if (!response.IsSuccessStatusCode)
                        return "error";
                    return text;
                }

                public async Task<string> OtherResponseCheckedAsync(HttpRequestMessage first, HttpRequestMessage second)
                {
                    var response = await _http.SendAsync(first);
                    var other = await _http.SendAsync(second);
                    var text = await [|response.Content.ReadAsStringAsync()|];
                    if (!other.IsSuccessStatusCode)
                        return "error";
                    return text;
                }

                public async Task<string[]> NoFlagAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    var reply = await [|response.Content.ReadFromJsonAsync<ChatReply>()|];
                    if (reply is { Items.Length: > 0 })
                        return reply.Items;
                    return [];
                }
            }
            """);
    }
}
