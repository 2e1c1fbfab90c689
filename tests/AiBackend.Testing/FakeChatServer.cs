using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AiBackend.Testing;

/// <summary>A request the fake server received, as sent on the wire.</summary>
public sealed record FakeChatRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonDocument Json => JsonDocument.Parse(Body);
}

/// <summary>What the fake server does with one request.</summary>
public sealed record FakeChatResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    /// <summary>A chat-completions answer whose <c>choices[0].message.content</c> is <paramref name="content"/>.</summary>
    public static FakeChatResponse Answer(string content, string finishReason = "stop") => new(200, JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = finishReason } },
    }));

    /// <summary>The JSON a structured-output server returns for a fix.</summary>
    public static FakeChatResponse Fix(string member, params string[] usings) =>
        Answer(JsonSerializer.Serialize(new { member, usings, explanation = "test" }));

    public static FakeChatResponse Error(int status, string message, params (string Name, string Value)[] headers) =>
        new(status, JsonSerializer.Serialize(new { error = new { message, type = "test" } }), headers.ToDictionary(h => h.Name, h => h.Value));

    public static FakeChatResponse Raw(string body) => new(200, body);

    public static FakeChatResponse Hang(TimeSpan delay) => new(200, "{}", Delay: delay);
}

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 for offline tests: answers requests from a script (one
/// entry per request; the last one repeats) and records every request it received.
/// </summary>
public sealed class FakeChatServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly FakeChatResponse[] _script;
    private readonly ConcurrentQueue<FakeChatRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _count;

    public FakeChatServer(params FakeChatResponse[] script)
    {
        _script = script;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            try
            {
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                _listener.Start();
                Endpoint = new Uri($"http://127.0.0.1:{port}/v1/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between probing and binding; try another.
            }
        }

        _ = Task.Run(ServeAsync);
    }

    /// <summary>The base URL to configure (<c>…/v1/</c>); requests go to <c>…/v1/chat/completions</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<FakeChatRequest> Requests => _requests.ToArray();

    public int RequestCount => _requests.Count;

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new FakeChatRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body));

            var index = Interlocked.Increment(ref _count) - 1;
            var response = _script.Length == 0 ? FakeChatResponse.Error(500, "no script") : _script[Math.Min(index, _script.Length - 1)];
            if (response.Delay > TimeSpan.Zero)
                await Task.Delay(response.Delay, _stopping.Token);

            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stopping.Token);
            context.Response.Close();
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Server stopped while a (hanging) response was pending.
        }
        catch (HttpListenerException)
        {
            // The client gave up (timeout) before the answer was written.
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
