using System;
using System.Net;

namespace AiBackend.AiFix.Configuration;

/// <summary>How the API key is sent: <c>Authorization: Bearer</c> (OpenAI, most servers) or <c>api-key</c> (Azure OpenAI).</summary>
internal enum AiAuthHeader
{
    Bearer,
    ApiKey,
}

/// <summary>
/// The user's AI fix configuration, read from their machine only (see <see cref="AiFixSettingsLoader"/>). A value of
/// this type is always usable: the loader refuses anything that is not.
/// </summary>
internal sealed class AiFixSettings
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    public const int DefaultMaxResponseBytes = 1024 * 1024;

    public AiFixSettings(Uri endpoint, string model, string? apiKey, AiAuthHeader authHeader)
    {
        Endpoint = endpoint;
        Model = model;
        ApiKey = apiKey;
        AuthHeader = authHeader;
    }

    /// <summary>The base URL; requests go to <c>{Endpoint}/chat/completions</c>.</summary>
    public Uri Endpoint { get; }

    public string Model { get; }

    public string? ApiKey { get; }

    public AiAuthHeader AuthHeader { get; set; }

    /// <summary>Per request, including reading the answer.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Ask for a JSON-schema answer (<c>response_format</c>); off for servers that reject it.</summary>
    public bool StructuredOutput { get; set; } = true;

    /// <summary>A larger answer is refused unread.</summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Requests a headless Fix-All may make; 0 (the default) offers no Fix-All at all.</summary>
    public int FixAllMaxRequests { get; set; }

    /// <summary>
    /// The requests left to headless Fix-Alls: one budget for these settings, so one per process in use. A
    /// <c>dotnet format</c> run calls the Fix-All once per diagnostic ID; the cap holds for the whole run.
    /// </summary>
    public Verification.RequestBudget FixAllBudget
    {
        get
        {
            if (_fixAllBudget is null)
                System.Threading.Interlocked.CompareExchange(ref _fixAllBudget, new Verification.RequestBudget(FixAllMaxRequests), null);
            return _fixAllBudget!;
        }
    }

    private Verification.RequestBudget? _fixAllBudget;

    /// <summary>The longest <c>Retry-After</c> honoured before giving up on a 429/5xx.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    public Uri ChatCompletionsUri => new(Endpoint.AbsoluteUri.TrimEnd('/') + "/chat/completions");

    /// <summary>Plain http is refused except to this machine, so a key or code never crosses a network in clear text.</summary>
    public static bool IsAllowedEndpoint(Uri endpoint, out string? reason)
    {
        reason = null;
        if (!endpoint.IsAbsoluteUri)
            reason = "the endpoint must be an absolute URL";
        else if (endpoint.Scheme == Uri.UriSchemeHttps)
            return true;
        else if (endpoint.Scheme != Uri.UriSchemeHttp)
            reason = $"the endpoint's scheme '{endpoint.Scheme}' is not http or https";
        else if (!IsLoopback(endpoint))
            reason = $"plain http is only allowed to this machine (localhost, 127.0.0.1, [::1]), not to '{endpoint.Host}'";
        else
            return true;
        return false;
    }

    private static bool IsLoopback(Uri endpoint)
    {
        if (string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
