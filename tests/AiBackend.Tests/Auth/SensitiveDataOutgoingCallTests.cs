using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.SensitiveDataExposedAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// A credential sent in an outgoing request does not come back in the answer: what a remote API returns (its error
/// field, its body) is the remote server's data. Seen on a real app that sends a bot token in the Authorization header
/// and logs the API's error string (issue 13).
/// </summary>
public class SensitiveDataOutgoingCallTests
{
    [Fact]
    public async Task What_a_remote_api_answers_to_a_request_carrying_a_token_is_not_the_token()
    {
        await Verify.VerifyAsync(AuthTestCode.Usings + """
            public sealed record ChatReply(bool Ok, string? Error);

            public sealed class ChatNotifier(HttpClient http, ILogger<ChatNotifier> logger)
            {
                public async Task<string> LookUpUserAsync(string token, string email)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "https://chat.example/users.lookup?email=" + Uri.EscapeDataString(email));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var response = await http.SendAsync(request);
                    var reply = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ChatReply>(response.Content);
                    if (reply is null || !reply.Ok)
                    {
                        logger.LogError("Chat lookup failed: {Error}", reply?.Error ?? "unknown");
                        return "";
                    }

                    return email;
                }

                public async Task<string> BreachesAsync(string apiKey, string account)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "https://breaches.example/api/" + Uri.EscapeDataString(account));
                    request.Headers.Add("api-key", apiKey);
                    var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    logger.LogWarning("Breach API answered {Body}", body);
                    return body;
                }
            }
            """);
    }

    [Fact]
    public async Task The_token_itself_in_a_log_next_to_an_outgoing_call_is_still_reported()
    {
        await Verify.VerifyAsync(AuthTestCode.Usings + """
            public sealed class ChatNotifier(HttpClient http, ILogger<ChatNotifier> logger)
            {
                public async Task SendAsync(string token, string text)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "https://chat.example/post") { Content = new StringContent(text) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var response = await http.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                        {|AIB3011:logger.LogError("Posting with {Token} failed", token)|};
                }
            }
            """);
    }
}
