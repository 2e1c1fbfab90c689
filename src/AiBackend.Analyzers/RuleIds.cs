namespace AiBackend.Analyzers;

/// <summary>
/// Every diagnostic ID, in one place. IDs are stable once shipped. Code fixes compile this file too
/// (linked), so they name the same constants without referencing the analyzer assembly.
/// </summary>
internal static class RuleIds
{
    /// <summary>Token validation disabled.</summary>
    public const string TokenValidationDisabled = "AIB3002";

    /// <summary>Endpoint type must be partial.</summary>
    public const string EndpointTypeNotPartial = "AIB5001";

    /// <summary>Endpoint handler missing or ambiguous.</summary>
    public const string EndpointHandlerInvalid = "AIB5002";

    /// <summary>Endpoint HTTP method or route template invalid.</summary>
    public const string EndpointRouteInvalid = "AIB5003";

    /// <summary>Endpoint type shape not supported.</summary>
    public const string EndpointTypeUnsupported = "AIB5004";
}
