using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using AiBackend.AiFix.Json;

namespace AiBackend.AiFix.Configuration;

/// <summary>
/// Reads the configuration from the user's environment variables, then their user-level settings file
/// (<c>~/.aibackend/ai-fix.json</c>, or the path in <c>AIBACKEND_AI_SETTINGS</c>); a variable wins over the file.
/// Nothing comes from the repository: a cloned project must never choose where code or keys are sent.
/// </summary>
internal static class AiFixSettingsLoader
{
    public const string EndpointVariable = "AIBACKEND_AI_ENDPOINT";
    public const string ModelVariable = "AIBACKEND_AI_MODEL";
    public const string KeyVariable = "AIBACKEND_AI_KEY";
    public const string AuthVariable = "AIBACKEND_AI_AUTH";
    public const string TimeoutVariable = "AIBACKEND_AI_TIMEOUT_SECONDS";
    public const string StructuredOutputVariable = "AIBACKEND_AI_STRUCTURED_OUTPUT";
    public const string FixAllVariable = "AIBACKEND_AI_FIX_ALL_MAX_REQUESTS";
    public const string SettingsFileVariable = "AIBACKEND_AI_SETTINGS";

    // Settings-file property for each variable.
    private static readonly Dictionary<string, string> FileKeys = new()
    {
        [EndpointVariable] = "endpoint",
        [ModelVariable] = "model",
        [KeyVariable] = "key",
        [AuthVariable] = "auth",
        [TimeoutVariable] = "timeoutSeconds",
        [StructuredOutputVariable] = "structuredOutput",
        [FixAllVariable] = "fixAllMaxRequests",
    };

    /// <summary>The settings of this process's user, read once; null when the AI fix is not configured or misconfigured.</summary>
    public static AiFixSettings? FromMachine() => Machine.Value.Settings;

    /// <summary>Why <see cref="FromMachine"/> is null, for the documentation's troubleshooting and tests.</summary>
    public static string? MachineProblem => Machine.Value.Problem;

    private static readonly Lazy<(AiFixSettings? Settings, string? Problem)> Machine = new(() =>
    {
        var file = ReadSettingsFile(Environment.GetEnvironmentVariable(SettingsFileVariable) ?? DefaultSettingsFile());
        var settings = Load(name => Environment.GetEnvironmentVariable(name) ?? file(name), out var problem);
        return (settings, problem);
    });

    /// <summary>Builds settings from a lookup of the variables above; null (with the reason) when unusable.</summary>
    public static AiFixSettings? Load(Func<string, string?> lookup, out string? problem)
    {
        problem = null;
        var endpointText = NonEmpty(lookup(EndpointVariable));
        var model = NonEmpty(lookup(ModelVariable));
        if (endpointText is null && model is null)
        {
            problem = $"not configured ({EndpointVariable} and {ModelVariable} are unset)";
            return null;
        }

        if (endpointText is null || model is null)
        {
            problem = $"{(endpointText is null ? EndpointVariable : ModelVariable)} is unset";
            return null;
        }

        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint))
        {
            problem = $"{EndpointVariable} '{endpointText}' is not a URL";
            return null;
        }

        if (!AiFixSettings.IsAllowedEndpoint(endpoint, out var reason))
        {
            problem = $"{EndpointVariable}: {reason}";
            return null;
        }

        var auth = NonEmpty(lookup(AuthVariable))?.ToLowerInvariant() switch
        {
            null => endpoint.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase) ? AiAuthHeader.ApiKey : AiAuthHeader.Bearer,
            "bearer" => AiAuthHeader.Bearer,
            "api-key" => AiAuthHeader.ApiKey,
            var other => (AiAuthHeader?)null,
        };
        if (auth is null)
        {
            problem = $"{AuthVariable} must be 'bearer' or 'api-key'";
            return null;
        }

        var settings = new AiFixSettings(endpoint, model, NonEmpty(lookup(KeyVariable)), auth.Value);
        if (NonEmpty(lookup(TimeoutVariable)) is { } timeoutText)
        {
            if (!double.TryParse(timeoutText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 600)
            {
                problem = $"{TimeoutVariable} must be a number of seconds between 0 and 600";
                return null;
            }

            settings.Timeout = TimeSpan.FromSeconds(seconds);
        }

        if (NonEmpty(lookup(StructuredOutputVariable)) is { } structured)
            settings.StructuredOutput = !IsOff(structured);

        if (NonEmpty(lookup(FixAllVariable)) is { } maxText)
        {
            if (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            {
                problem = $"{FixAllVariable} must be a whole number";
                return null;
            }

            settings.FixAllMaxRequests = max;
        }

        return settings;
    }

    /// <summary>"false", "off", "no", "0", "disabled", "none": the spellings .editorconfig users try.</summary>
    public static bool IsOff(string value) =>
        value.Trim().ToLowerInvariant() is "false" or "off" or "no" or "0" or "disabled" or "none";

    private static string DefaultSettingsFile() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aibackend", "ai-fix.json");

    /// <summary>A lookup into the JSON settings file; empty when the file is absent or unreadable.</summary>
    internal static Func<string, string?> ReadSettingsFile(string path)
    {
        string text;
        try
        {
            if (!File.Exists(path))
                return _ => null;
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return _ => null;
        }

        return FromJson(text);
    }

    internal static Func<string, string?> FromJson(string text)
    {
        if (!JsonReader.TryParse(text, out var root, out _) || root.Kind != JsonKind.Object)
            return _ => null;
        return variable => FileKeys.TryGetValue(variable, out var key) && root[key] is { } value
            ? value.Kind switch
            {
                JsonKind.String => value.Text,
                JsonKind.Number => value.Text,
                JsonKind.Boolean => value.Boolean ? "true" : "false",
                _ => null,
            }
            : null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
