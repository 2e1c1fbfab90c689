using AiBackend.Generators.Common;

namespace AiBackend.Generators.Endpoints;

/// <summary>One <c>[Endpoint]</c> class, as plain values: no symbols or syntax, so the pipeline can cache it.</summary>
internal sealed record EndpointModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string TypeKeyword,
    string TypeName,
    string FullyQualifiedTypeName,
    string HandlerName,
    string HttpMethod,
    string Route,
    string EndpointName,
    bool AllowAnonymous,
    EquatableArray<AuthorizeModel> Authorize)
{
    /// <summary>A file name unique per type: the metadata-style full name.</summary>
    public string HintName => FullyQualifiedTypeName.Replace("global::", "") + ".Endpoint.g.cs";
}

/// <summary>A type that contains the endpoint class (which must be partial too).</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>One <c>[Authorize]</c> attribute on the endpoint class.</summary>
internal sealed record AuthorizeModel(string? Policy, string? Roles, string? AuthenticationSchemes);

/// <summary>MSBuild options that shape every endpoint.</summary>
internal sealed record EndpointOptions(bool RequireAuthorizationByDefault)
{
    /// <summary>The MSBuild property (made compiler-visible by the package's props).</summary>
    public const string RequireAuthorizationByDefaultProperty = "build_property.AiBackendRequireAuthorizationByDefault";
}
