using AiBackend.Generators.Common;

namespace AiBackend.Generators.EndpointTests;

/// <summary>What the test project's generator read from the API assembly's manifest attributes.</summary>
internal sealed record EndpointTestsModel(
    string EntryPoint,
    string Namespace,
    EquatableArray<ProtectedEndpointModel> ProtectedEndpoints,
    EquatableArray<ResourceTestModel> Resources);

/// <summary>An endpoint an anonymous caller must get 401 from; the path has sample route values.</summary>
internal sealed record ProtectedEndpointModel(string Name, string Method, string Path);

internal sealed record ResourceTestModel(
    string Name,
    string Route,
    string ResponseType,
    string CreateType,
    string UpdateType,
    string KeyMember,
    string KeySample,
    bool Owned,
    string? ConcurrencyMember,
    int MaxPageSize,
    bool AllowAnonymous,
    EquatableArray<SampleValueModel> Create,
    EquatableArray<SampleValueModel> Update,
    InvalidValueModel? Invalid,
    EquatableArray<ParentTestModel> Parents,
    EquatableArray<string> Roles,
    EquatableArray<string> Policies)
{
    /// <summary>The operations a user without the resource's own roles is refused (<see cref="Roles"/> also has those of its parents).</summary>
    public Shared.Resources.ResourceOperations RoleOperations { get; init; }

    /// <summary>The endpoints the resource has (<c>ResourceOperations</c> flags).</summary>
    public Shared.Resources.ResourceOperations Operations { get; init; } = Shared.Resources.ResourceOperations.All;

    public bool Has(Shared.Resources.ResourceOperations operations) => (Operations & operations) == operations;

    /// <summary>The JSON names the list can be filtered by, for the 400 that must name them.</summary>
    public EquatableArray<string> Filters { get; init; }

    /// <summary>A query parameter the list does not offer: a response member that is no filter, else a made-up name.</summary>
    public string RejectedQuery { get; init; } = "notAFilter";

    /// <summary>A filter member whose two sample values differ, so a test can tell filtered from unfiltered.</summary>
    public QueryTestModel? Filter { get; init; }

    /// <summary>A sort member whose two sample values differ, so the two directions must order two items differently.</summary>
    public QueryTestModel? Sort { get; init; }
}

/// <summary>A filter or sort member: <c>Other</c> is a valid value that differs from its create sample.</summary>
internal sealed record QueryTestModel(string Member, string JsonName, string Other);

/// <summary>A required foreign key of the create request: the parent at <c>Route</c> is created first, into <c>Variable</c>.</summary>
internal sealed record ParentTestModel(string Member, string JsonName, string Route, string Variable, bool Owned = false)
{
    /// <summary>The response member that nests the parent (<c>[Expand]</c>), when reads carry it.</summary>
    public string? Expansion { get; init; }
}

/// <summary>A member of a request with a value that satisfies its validation attributes, as a C# expression.</summary>
internal sealed record SampleValueModel(string Member, string Expression, bool InResponse);

/// <summary>A member value that breaks one validation attribute, and the JSON name the 400 must mention.</summary>
internal sealed record InvalidValueModel(string Member, string Expression, string JsonName, string Why);
