using System;
using System.ComponentModel;

namespace AiBackend;

/// <summary>
/// Written by the endpoint generator into the API assembly, one per generated endpoint, so a test project's generator
/// can read what the API declares from its metadata. Not for hand-written use.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedEndpointAttribute : Attribute
{
    /// <summary>Records one endpoint.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="route">The full route template, group prefix included.</param>
    public GeneratedEndpointAttribute(string method, string route)
    {
        Method = method;
        Route = route;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The full route template.</summary>
    public string Route { get; }

    /// <summary>The endpoint name.</summary>
    public string? Name { get; set; }

    /// <summary>True when the endpoint allows anonymous callers.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>True when the API relies on a fallback policy instead of per-endpoint authorization.</summary>
    public bool AuthorizationByFallbackPolicy { get; set; }
}

/// <summary>
/// Written by the resource generator into the API assembly, one per <c>[Resource]</c>, for the test generator.
/// Not for hand-written use.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedResourceAttribute : Attribute
{
    /// <summary>Records one resource.</summary>
    /// <param name="route">The collection route.</param>
    /// <param name="response">The response DTO type.</param>
    /// <param name="create">The create request DTO type.</param>
    /// <param name="update">The update request DTO type.</param>
    public GeneratedResourceAttribute(string route, Type response, Type create, Type update)
    {
        Route = route;
        Response = response;
        Create = create;
        Update = update;
    }

    /// <summary>The collection route.</summary>
    public string Route { get; }

    /// <summary>The response DTO type.</summary>
    public Type Response { get; }

    /// <summary>The create request DTO type.</summary>
    public Type Create { get; }

    /// <summary>The update request DTO type.</summary>
    public Type Update { get; }

    /// <summary>The JSON name of the key in responses.</summary>
    public string Key { get; set; } = "id";

    /// <summary>True when the resource is scoped to its owner.</summary>
    public bool Owned { get; set; }

    /// <summary>The JSON name of the concurrency token, when the entity has one.</summary>
    public string? ConcurrencyToken { get; set; }

    /// <summary>The largest page size.</summary>
    public int MaxPageSize { get; set; }

    /// <summary>True when the resource's endpoints allow anonymous callers.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The endpoints generated, as <see cref="ResourceOperations"/> flags.</summary>
    public int Operations { get; set; } = (int)ResourceOperations.All;

    /// <summary>The create request's required foreign keys (member names), parallel to <see cref="ParentRoutes"/>.</summary>
    public string[]? ParentMembers { get; set; }

    /// <summary>The collection route of each parent in <see cref="ParentMembers"/>; empty when the parent is no resource.</summary>
    public string[]? ParentRoutes { get; set; }

    /// <summary>The response member that nests each parent of <see cref="ParentMembers"/> (its <c>[Expand]</c> navigation); empty when it is not nested.</summary>
    public string[]? ParentExpansions { get; set; }

    /// <summary>Roles that satisfy the resource's <c>[Authorize(Roles = …)]</c>, read and write roles, comma separated: one per requirement.</summary>
    public string? Roles { get; set; }

    /// <summary>The operations (<see cref="ResourceOperations"/> flags) a user without any of <see cref="Roles"/> is refused.</summary>
    public int RoleOperations { get; set; }

    /// <summary>The authorization policies the resource's <c>[Authorize]</c> attributes and its read and write policies name.</summary>
    public string[]? Policies { get; set; }

    /// <summary>The JSON names of the members the list can be filtered by.</summary>
    public string[]? Filter { get; set; }

    /// <summary>The JSON names of the members the list can be sorted by.</summary>
    public string[]? Sort { get; set; }
}
