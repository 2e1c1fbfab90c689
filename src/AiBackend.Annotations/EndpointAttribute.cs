using System;

namespace AiBackend;

/// <summary>
/// Declares a minimal-API endpoint. The class must be <c>static partial</c> and have exactly one
/// static <c>Handle</c> or <c>HandleAsync</c> method; the generator adds a <c>Map</c> method to it and maps it
/// from the generated <c>MapAiBackendEndpoints()</c>.
/// </summary>
/// <remarks>
/// Endpoints require authorization unless the class or its handler carries
/// <c>[Microsoft.AspNetCore.Authorization.AllowAnonymous]</c>. <c>[Authorize]</c> on the class is honoured
/// (policy, roles, schemes).
/// </remarks>
/// <example>
/// <code>
/// [Endpoint("GET", "/api/reports/{year:int}")]
/// public static partial class GetYearReport
/// {
///     public static Ok&lt;Report&gt; Handle(int year) =&gt; TypedResults.Ok(new Report(year));
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EndpointAttribute : Attribute
{
    /// <summary>Declares an endpoint for one HTTP method and route template.</summary>
    /// <param name="method">The HTTP method, e.g. <c>"GET"</c> or <c>"POST"</c>.</param>
    /// <param name="route">The route template, e.g. <c>"/api/todos/{id:int}"</c>.</param>
    public EndpointAttribute(string method, string route)
    {
        Method = method;
        Route = route;
    }

    /// <summary>The HTTP method the endpoint answers.</summary>
    public string Method { get; }

    /// <summary>The route template.</summary>
    public string Route { get; }

    /// <summary>The endpoint name (used for link generation and as the OpenAPI operation id). Defaults to the class name.</summary>
    public string? Name { get; set; }

    /// <summary>OpenAPI tags, in addition to those of an enclosing <see cref="EndpointGroupAttribute"/>.</summary>
    public string[]? Tags { get; set; }
}
