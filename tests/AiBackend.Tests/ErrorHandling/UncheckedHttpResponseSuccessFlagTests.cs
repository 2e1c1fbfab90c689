using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.UncheckedHttpResponseAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>
/// APIs that answer errors as 200 with <c>ok: false</c>: the body's bool success flag is the check, here or in the
/// caller the typed body is returned to.
/// </summary>
public class UncheckedHttpResponseSuccessFlagTests
{
    private const string Models = """
        public abstract class ChatApiReply { public bool Ok { get; set; } public string? Error { get; set; } }
        public sealed class ChatTokenReply : ChatApiReply { public string Token { get; set; } = ""; }
        public sealed class ChatPostReply : ChatApiReply { public string Id { get; set; } = ""; }
        public sealed class ChatUser { public string Id { get; set; } = ""; }

        """;

    [Fact]
    public async Task A_success_flag_tested_after_a_null_test_or_by_the_caller_is_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + Models + """
            public sealed class ChatClient
            {
                private readonly HttpClient _http = new();
                private readonly ILogger<ChatClient> _logger = null!;

                public async Task<string> ExchangeAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    ChatTokenReply? reply;
                    try
                    {
                        reply = await response.Content.ReadFromJsonAsync<ChatTokenReply>();
                    }
                    catch (System.Text.Json.JsonException ex)
                    {
                        _logger.LogError(ex, "Token reply was not JSON");
                        reply = null;
                    }

                    if (reply is null)
                        return "";
                    if (!reply.Ok)
                    {
                        _logger.LogError("Token exchange failed: {Error}", reply.Error);
                        return "";
                    }

                    return reply.Token;
                }

                public async Task<ChatPostReply?> PostAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    try
                    {
                        return await response.Content.ReadFromJsonAsync<ChatPostReply>();
                    }
                    catch (System.Text.Json.JsonException ex)
                    {
                        _logger.LogError(ex, "Post reply was not JSON");
                        return null;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_flag_never_tested_or_a_body_without_one_is_still_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + Models + """
            public sealed class ChatClient
            {
                private readonly HttpClient _http = new();

                public async Task<string> ExchangeAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    var reply = await [|response.Content.ReadFromJsonAsync<ChatTokenReply>()|];
                    if (reply is null)
                        return "";
                    return reply.Token;
                }

                public async Task<string> UsedBeforeTheFlagAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    var reply = await [|response.Content.ReadFromJsonAsync<ChatTokenReply>()|];
                    var token = reply!.Token;
                    return reply.Ok ? token : "";
                }

                public async Task<ChatUser?> UserAsync(HttpRequestMessage request)
                {
                    var response = await _http.SendAsync(request);
                    return await [|response.Content.ReadFromJsonAsync<ChatUser>()|];
                }
            }
            """);
    }
}
