extern alias AiFix;

using System.Net;
using System.Net.Sockets;
using AiBackend.Testing;
using AiFix::AiBackend.AiFix.Client;
using AiFix::AiBackend.AiFix.Configuration;

namespace AiBackend.Tests.AiFix;

public class ChatCompletionsClientTests
{
    private static readonly ChatMessage[] Hello = { ChatMessage.User("hello") };

    [Fact]
    public async Task Cancellation_by_the_host_stops_a_pending_request()
    {
        using var server = new FakeChatServer(FakeChatResponse.Hang(TimeSpan.FromMinutes(5)));
        var client = new ChatCompletionsClient(AiFixDriver.Settings(server, s => s.Timeout = TimeSpan.FromMinutes(2)));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CompleteAsync(Hello, null, "x", cancellation.Token));
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_by_host()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var client = new ChatCompletionsClient(new AiFixSettings(new Uri($"http://127.0.0.1:{port}/v1"), "m", null, AiAuthHeader.Bearer));
        var result = await client.CompleteAsync(Hello, null, "x", CancellationToken.None);

        Assert.StartsWith("could not reach 127.0.0.1:", result.Failure);
    }

    [Fact]
    public async Task No_key_means_no_authorization_header()
    {
        using var server = new FakeChatServer(FakeChatResponse.Answer("hi"));
        var client = new ChatCompletionsClient(new AiFixSettings(server.Endpoint, "local-model", null, AiAuthHeader.Bearer));

        var result = await client.CompleteAsync(Hello, null, "x", CancellationToken.None);

        Assert.Equal("hi", result.Content);
        var request = Assert.Single(server.Requests);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.False(request.Headers.ContainsKey("api-key"));
        Assert.Equal("""{"model":"local-model","temperature":0,"messages":[{"role":"user","content":"hello"}]}""", request.Body);
    }
}
