using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Json;

namespace AiBackend.AiFix.Client;

/// <summary>
/// <c>POST {endpoint}/chat/completions</c>: the one request shape OpenAI, Azure OpenAI (v1 endpoint), Ollama, LM Studio
/// and llama.cpp all accept. Each request has the configured timeout; a 429 or 5xx is retried once, after the server's
/// <c>Retry-After</c> when it gives one (bounded); the answer is read up to a size limit.
/// </summary>
internal sealed class ChatCompletionsClient
{
    // One client per process: connection pooling without socket exhaustion; each request carries its own timeout.
    private static readonly HttpClient SharedHttp = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    private static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(1);

    private readonly AiFixSettings _settings;

    public ChatCompletionsClient(AiFixSettings settings)
    {
        _settings = settings;
    }

    /// <summary>The request body; public so tests and the documentation can show exactly what is sent.</summary>
    public string BuildRequestBody(IReadOnlyList<ChatMessage> messages, string? jsonSchema, string schemaName)
    {
        var json = new JsonWriter().StartObject()
            .Property("model", _settings.Model)
            .Name("temperature").Number(0)
            .Name("messages").StartArray();
        foreach (var message in messages)
            json.StartObject().Property("role", message.Role).Property("content", message.Content).EndObject();
        json.EndArray();

        if (jsonSchema is not null && _settings.StructuredOutput)
        {
            json.Name("response_format").StartObject()
                .Property("type", "json_schema")
                .Name("json_schema").StartObject()
                .Property("name", schemaName)
                .Name("strict").Boolean(true)
                .Name("schema").Raw(jsonSchema)
                .EndObject()
                .EndObject();
        }

        return json.EndObject().ToString();
    }

    public async Task<ChatResult> CompleteAsync(IReadOnlyList<ChatMessage> messages, string? jsonSchema, string schemaName, CancellationToken cancellationToken)
    {
        var body = BuildRequestBody(messages, jsonSchema, schemaName);
        for (var attempt = 0; ; attempt++)
        {
            var (result, retryAfter) = await SendOnceAsync(body, cancellationToken).ConfigureAwait(false);
            if (result is not null)
                return result;

            // Only 429/5xx get here. Wait as the server asked, unless that is longer than we are willing to.
            var delay = retryAfter ?? DefaultRetryDelay;
            if (attempt > 0)
                return ChatResult.Failed("the server is still busy or failing after one retry");
            if (delay > _settings.MaxRetryDelay)
                return ChatResult.Failed($"the server asked to retry after {delay.TotalSeconds:0} s, longer than {_settings.MaxRetryDelay.TotalSeconds:0} s");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A final result, or (null, Retry-After) when the status is worth one retry.</summary>
    private async Task<(ChatResult? Result, TimeSpan? RetryAfter)> SendOnceAsync(string body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _settings.ChatCompletionsUri)
        {
            Content = new StringContent(body, new UTF8Encoding(false), "application/json"),
        };
        AddAuthentication(request);

        try
        {
            using var response = await SharedHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status == 429 || status >= 500)
                return (null, RetryAfter(response));

            var text = await ReadLimitedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (text is null)
                return (ChatResult.Failed($"the answer is larger than {_settings.MaxResponseBytes / 1024} KB"), null);
            if (!response.IsSuccessStatusCode)
                return (ChatResult.Failed($"the server answered {status} {response.ReasonPhrase}{ErrorMessage(text)}"), null);
            return (ParseCompletion(text), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (ChatResult.Failed($"no answer within {_settings.Timeout.TotalSeconds:0} s"), null);
        }
        catch (HttpRequestException exception)
        {
            return (ChatResult.Failed($"could not reach {_settings.Endpoint.Host}: {Innermost(exception).Message}"), null);
        }
    }

    private void AddAuthentication(HttpRequestMessage request)
    {
        if (_settings.ApiKey is null)
            return;
        if (_settings.AuthHeader == AiAuthHeader.ApiKey)
            request.Headers.TryAddWithoutValidation("api-key", _settings.ApiKey);
        else
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.ApiKey);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>The body as text, or null when it exceeds the limit (a broken or hostile server must not fill memory).</summary>
    private async Task<string?> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _settings.MaxResponseBytes)
            return null;

        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                break;
            if (buffer.Length + read > _settings.MaxResponseBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static ChatResult ParseCompletion(string text)
    {
        if (!JsonReader.TryParse(text, out var root, out var error))
            return ChatResult.Failed($"the server's answer is not JSON ({error})");

        var choice = root["choices"] is { Kind: JsonKind.Array, Items.Count: > 0 } choices ? choices.Items[0] : null;
        var content = choice?["message"]?["content"]?.AsString();
        if (choice?["finish_reason"]?.AsString() == "length")
            return ChatResult.Failed("the model's answer was cut off (token limit)");
        if (choice?["message"]?["refusal"]?.AsString() is { Length: > 0 } refusal)
            return ChatResult.Failed($"the model refused: {Shorten(refusal)}");
        return string.IsNullOrWhiteSpace(content)
            ? ChatResult.Failed("the server's answer has no choices[0].message.content")
            : ChatResult.Answer(content!);
    }

    private static string ErrorMessage(string body) =>
        JsonReader.TryParse(body, out var root, out _) && root["error"] is { } error
            ? ": " + Shorten(error.AsString() ?? error["message"]?.AsString() ?? "")
            : "";

    private static string Shorten(string text) => text.Length <= 300 ? text : text.Substring(0, 300) + "…";

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
            exception = exception.InnerException;
        return exception;
    }
}
