using System.Linq;
using AiBackend.Generators.Common;
using AiBackend.Generators.Validation;

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
    string FullRoute,
    string EndpointName,
    EquatableArray<string> Tags,
    string? DocumentationXml,
    bool AllowAnonymous,
    EquatableArray<AuthorizeModel> Authorize,
    EquatableArray<GroupModel> Groups,
    EquatableArray<ValidatedParameterModel> ValidatedParameters)
{
    /// <summary>A file name unique per type: the metadata-style full name.</summary>
    public string HintName => FullyQualifiedTypeName.Replace("global::", "") + ".Endpoint.g.cs";

    /// <summary>True when an enclosing group made the authorization decision (the endpoint then adds none of its own).</summary>
    public bool GroupDecidesAuthorization => Groups.Any(g => g.AllowAnonymous || g.Authorize.Length > 0);
}

/// <summary>A type that contains the endpoint class (which must be partial too).</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>One <c>[Authorize]</c> attribute.</summary>
internal sealed record AuthorizeModel(string? Policy, string? Roles, string? AuthenticationSchemes);

/// <summary>An enclosing <c>[EndpointGroup]</c>.</summary>
internal sealed record GroupModel(string TypeName, string Prefix, EquatableArray<string> Tags, bool AllowAnonymous, EquatableArray<AuthorizeModel> Authorize);

/// <summary>A handler parameter bound from the body and validated before the handler runs.</summary>
internal sealed record ValidatedParameterModel(int Index, ValidatorModel Validator);

/// <summary>MSBuild options that shape every endpoint.</summary>
internal sealed record EndpointOptions(bool RequireAuthorizationByDefault)
{
    /// <summary>The MSBuild property (made compiler-visible by the package's props).</summary>
    public const string RequireAuthorizationByDefaultProperty = "build_property.AiBackendRequireAuthorizationByDefault";
}

/// <summary>What <c>MapAiBackendEndpoints()</c> maps: endpoint types with their groups, and resource classes.</summary>
internal sealed record MapperModel(EquatableArray<MappedEndpointModel> Endpoints, EquatableArray<string> Resources);

internal sealed record MappedEndpointModel(string TypeName, EquatableArray<GroupModel> Groups);

/// <summary>
/// The endpoint types the mapper calls, sorted. A class rather than the collected array, so that combining it pairs two
/// references: a pair holding an array is a value type the compiler JIT-compiles the driver's tables for again in every
/// compiler process.
/// </summary>
internal sealed record MappedEndpointsModel(EquatableArray<MappedEndpointModel> Endpoints);
