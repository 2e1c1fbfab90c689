using AiBackend.Generators.Common;
using AiBackend.Generators.Endpoints;
using AiBackend.Generators.Validation;

namespace AiBackend.Generators.Resources;

/// <summary>One <c>[Resource]</c> entity, as plain values.</summary>
internal sealed record ResourceModel(
    string? Namespace,
    string EntityName,
    string EntityType,
    string Accessibility,
    string Route,
    string Tag,
    string? DocumentationXml,
    ResourceKeyModel Key,
    string? Owner,
    string? UserIdClaim,
    ConcurrencyModel? Concurrency,
    string? DbContext,
    int MaxPageSize,
    int DefaultPageSize,
    bool AllowAnonymous,
    EquatableArray<AuthorizeModel> Authorize,
    EquatableArray<ResourceMemberModel> Members,
    EquatableArray<string> RequiredNotInCreate)
{
    public string HintName => (Namespace is null ? "" : Namespace + ".") + EntityName + ".Resource.g.cs";

    public string ResponseName => EntityName + "Response";

    public string CreateName => "Create" + EntityName + "Request";

    public string UpdateName => "Update" + EntityName + "Request";

    public string PageName => EntityName + "Page";

    public string ResourceClassName => EntityName + "Resource";

    public string Qualified(string name) => "global::" + (Namespace is null ? "" : Namespace + ".") + name;
}

internal sealed record ResourceKeyModel(string Name, string Type, string JsonName, string RouteConstraint);

/// <summary>The concurrency token and how the server renews it ("Increment", "NewGuid" or "Database").</summary>
internal sealed record ConcurrencyModel(string Name, string JsonName, string Kind);

internal sealed record ResourceMemberModel(
    string Name,
    string JsonName,
    string Type,
    bool IsNonNullableString,
    bool InResponse,
    bool InCreate,
    bool InUpdate,
    bool IsConcurrencyToken,
    EquatableArray<ValidationRuleModel> Rules);

/// <summary>A DbContext and the entity types it has a DbSet of, for finding a resource's context.</summary>
internal sealed record DbContextModel(string Type, EquatableArray<string> Entities);
