namespace AiBackend.Generators.Endpoints;

/// <summary>Names of the endpoint pipeline's steps, so tests can prove each one is cached after unrelated edits.</summary>
public static class EndpointTrackingNames
{
    /// <summary>Each <c>[Endpoint]</c> class turned into a model.</summary>
    public const string Endpoints = "AiBackend.Endpoints";

    /// <summary>The MSBuild options.</summary>
    public const string Options = "AiBackend.EndpointOptions";

    /// <summary>Each model paired with the options.</summary>
    public const string EndpointsWithOptions = "AiBackend.EndpointsWithOptions";

    /// <summary>The sorted list of endpoint types the mapper calls.</summary>
    public const string AllEndpoints = "AiBackend.AllEndpoints";

    /// <summary>The OpenAPI security transformer's source, or empty when not generated (it is when the app maps endpoints and uses ASP.NET Core's OpenAPI 10).</summary>
    public const string OpenApiSecurity = "AiBackend.OpenApiSecurity";
}
