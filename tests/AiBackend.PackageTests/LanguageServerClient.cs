using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace AiBackend.PackageTests;

/// <summary>
/// The client half of a Language Server Protocol session over stdio, as an editor speaks it: just enough of JSON-RPC to
/// initialize, answer the server's configuration requests, open and edit a document, and collect the diagnostics the
/// server publishes.
/// </summary>
internal sealed class LanguageServerClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly JsonObject _settings;
    private readonly Channel<JsonObject> _diagnostics = Channel.CreateUnbounded<JsonObject>();
    private readonly Dictionary<int, TaskCompletionSource<JsonNode?>> _pending = [];
    private readonly StringBuilder _log = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reader;
    private int _nextId;

    private LanguageServerClient(Process process, JsonObject settings)
    {
        _process = process;
        _settings = settings;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadMessagesAsync);
    }

    /// <summary>What the server said so far (its log messages and standard error), for failure messages.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>
    /// Starts the server in <paramref name="workspace"/> and initializes it. <paramref name="settings"/> is the
    /// <c>csharp</c> configuration section the server asks for, as an editor's settings file would give it.
    /// </summary>
    public static async Task<LanguageServerClient> StartAsync(string server, string workspace, JsonObject settings, TimeSpan timeout)
    {
        var process = DotNet.StartProgram(server, workspace, new Dictionary<string, string>(), redirectInput: true);
        var client = new LanguageServerClient(process, settings);
        var root = new Uri(Path.TrimEndingDirectorySeparator(workspace) + "/").AbsoluteUri;
        var capabilities = new JsonObject
        {
            ["textDocument"] = new JsonObject { ["publishDiagnostics"] = new JsonObject(), ["synchronization"] = new JsonObject() },
            ["workspace"] = new JsonObject { ["configuration"] = true },
        };
        await client.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["capabilities"] = capabilities,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = "workspace" }),
        }, timeout);
        await client.NotifyAsync("initialized", new JsonObject());
        return client;
    }

    public Task OpenAsync(string path, string text) =>
        NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = UriOf(path), ["languageId"] = "csharp", ["version"] = 1, ["text"] = text },
        });

    /// <summary>Replaces the whole text of an open document, as an editor with full synchronisation sends an edit.</summary>
    public Task ChangeAsync(string path, int version, string text) =>
        NotifyAsync("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = UriOf(path), ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });

    /// <summary>
    /// The next diagnostics the server publishes for <paramref name="path"/> that satisfy <paramref name="accept"/>;
    /// servers publish several times while a project loads, first without analyzer results.
    /// </summary>
    public async Task<JsonArray> WaitForDiagnosticsAsync(string path, Func<JsonArray, bool> accept, TimeSpan timeout)
    {
        var uri = UriOf(path);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var published = await _diagnostics.Reader.ReadAsync(cancellation.Token);
                if (!SameUri((string)published["uri"]!, uri))
                    continue;
                var diagnostics = (JsonArray)published["diagnostics"]!;
                if (accept(diagnostics))
                    return diagnostics;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The language server published no matching diagnostics for {path} within {timeout}. Its log:\n{Log}");
        }
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
            _pending[id] = response;
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
            request["params"] = parameters;
        await WriteAsync(request);
        return await response.Task.WaitAsync(timeout);
    }

    private Task NotifyAsync(string method, JsonNode? parameters = null)
    {
        var notification = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (parameters is not null)
            notification["params"] = parameters;
        return WriteAsync(notification);
    }

    private async Task WriteAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync();
        try
        {
            var input = _process.StandardInput.BaseStream;
            await input.WriteAsync(header);
            await input.WriteAsync(body);
            await input.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadMessagesAsync()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (await ReadMessageAsync(output) is { } message)
                await HandleAsync(message);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The server exited; pending requests fail below.
        }

        _diagnostics.Writer.TryComplete();
        lock (_pending)
        {
            foreach (var pending in _pending.Values)
                pending.TrySetException(new InvalidOperationException("The language server closed the connection. Its log:\n" + Log));
        }
    }

    private async Task HandleAsync(JsonObject message)
    {
        var method = (string?)message["method"];
        var id = message["id"];
        if (method is null && id is not null)
        {
            TaskCompletionSource<JsonNode?>? pending;
            lock (_pending)
                _pending.Remove((int)id, out pending);
            if (message["error"] is { } error)
                pending?.TrySetException(new InvalidOperationException("The language server answered with an error: " + error.ToJsonString()));
            else
                pending?.TrySetResult(message["result"]);
            return;
        }

        switch (method)
        {
            case "textDocument/publishDiagnostics":
                _diagnostics.Writer.TryWrite((JsonObject)message["params"]!);
                break;
            case "window/logMessage" or "window/showMessage":
                lock (_log)
                    _log.AppendLine((string?)message["params"]?["message"]);
                break;
            case "workspace/configuration":
                // One answer per requested section; this client only has the csharp one.
                var items = (JsonArray)message["params"]!["items"]!;
                var result = new JsonArray(items.Select(_ => (JsonNode?)_settings.DeepClone()).ToArray());
                await RespondAsync(id!, result);
                break;
            default:
                // Other server requests (progress tokens, capability registration) need only an acknowledgement.
                if (id is not null)
                    await RespondAsync(id, null);
                break;
        }
    }

    private Task RespondAsync(JsonNode id, JsonNode? result) =>
        WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });

    private static async Task<JsonObject?> ReadMessageAsync(Stream stream)
    {
        var length = -1;
        while (true)
        {
            var line = await ReadHeaderLineAsync(stream);
            if (line is null)
                return null;
            if (line.Length == 0)
                break;
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(line["Content-Length:".Length..].Trim());
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return (JsonObject)JsonNode.Parse(body)!;
    }

    private static async Task<string?> ReadHeaderLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
                return null;
            if (one[0] == '\n')
                return line.ToString().TrimEnd('\r');
            line.Append((char)one[0]);
        }
    }

    private static string UriOf(string path) => new Uri(path).AbsoluteUri;

    // Servers may escape a URI differently from how it was sent (for example the drive colon on Windows).
    private static bool SameUri(string a, string b) =>
        string.Equals(Uri.UnescapeDataString(a), Uri.UnescapeDataString(b), StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await RequestAsync("shutdown", null, TimeSpan.FromSeconds(10));
                await NotifyAsync("exit");
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // A server that does not shut down cleanly is killed below; the test's assertions already ran.
        }
        finally
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _reader.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
            _process.Dispose();
            _writeLock.Dispose();
        }
    }
}
