using System.Linq;
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
    bool ScopedToUser,
    string? UserIdClaim,
    ConcurrencyModel? Concurrency,
    string? DbContext,
    int MaxPageSize,
    int DefaultPageSize,
    bool AllowAnonymous,
    EquatableArray<AuthorizeModel> Authorize,
    EquatableArray<ResourceMemberModel> Members,
    EquatableArray<ParentModel> Parents,
    EquatableArray<string> RequiredNotInCreate,
    Shared.Resources.ResourceOperations Operations,
    AuthorizeModel? ReadAuthorize,
    AuthorizeModel? WriteAuthorize)
{
    public bool Has(Shared.Resources.ResourceOperations operation) => (Operations & operation) != 0;

    /// <summary>The members the list can be filtered by, for equality.</summary>
    public EquatableArray<QueryMemberModel> Filters { get; init; }

    /// <summary>The members the list can be sorted by.</summary>
    public EquatableArray<QueryMemberModel> Sorts { get; init; }

    /// <summary>The <c>[SoftDelete]</c> marker, when DELETE marks rows instead of removing them.</summary>
    public SoftDeleteModel? SoftDelete { get; init; }

    /// <summary>The navigations returned nested (<c>[Expand]</c>), in declaration order.</summary>
    public EquatableArray<ExpansionModel> Expansions { get; init; }

    public string HintName => (Namespace is null ? "" : Namespace + ".") + EntityName + ".Resource.g.cs";

    public string ResponseName => EntityName + "Response";

    public string CreateName => "Create" + EntityName + "Request";

    public string UpdateName => "Update" + EntityName + "Request";

    public string PageName => EntityName + "Page";

    public string ResourceClassName => EntityName + "Resource";

    public string Qualified(string name) => "global::" + (Namespace is null ? "" : Namespace + ".") + name;
}

/// <summary>
/// A foreign key to a parent entity: checked on create and update (a missing one is 400, an unknown one, or another
/// user's, 404), and, when the parent chain is owned, part of every query's scope.
/// </summary>
internal sealed record ParentModel(
    string ForeignKey,
    string JsonName,
    bool IsNullable,
    string EntityName,
    string EntityType,
    string Key,
    string? Owner,
    string? Route,
    EquatableArray<ParentModel> Parents)
{
    public bool IsScoped => Owner is not null || Parents.Any(p => p.IsScoped);

    /// <summary>The parent's soft-delete marker: a deleted parent is as missing as an unknown one.</summary>
    public SoftDeleteModel? SoftDelete { get; init; }

    /// <summary>The response member that nests this parent (its navigation marked <c>[Expand]</c>), if any.</summary>
    public string? ExpandedAs { get; init; }
}

/// <summary>
/// An <c>[Expand]</c> navigation. <c>ReusedType</c> is the related resource's own response DTO when it has no expansions
/// of its own; otherwise <c>GeneratedName</c> is written next to this resource with <c>Members</c>. <c>Scope</c> holds
/// what hides a related row from the caller (its owner, soft delete and owned parents), as a parent of no one.
/// </summary>
internal sealed record ExpansionModel(
    string Name,
    string JsonName,
    bool IsCollection,
    string TargetName,
    string? ReusedType,
    string GeneratedName,
    EquatableArray<NestedMemberModel> Members,
    string? Key,
    ParentModel Scope)
{
    public string NestedType => ReusedType ?? GeneratedName;

    /// <summary>The response member's type: nullable, as a reference may be missing and lists leave collections out.</summary>
    public string ResponseType => IsCollection ? $"global::System.Collections.Generic.IReadOnlyList<{NestedType}>?" : NestedType + "?";
}

/// <summary>A member of a nested DTO: a scalar of the related entity's response.</summary>
internal sealed record NestedMemberModel(string Name, string Type);

/// <summary>A soft-delete marker: <c>Kind</c> is "Flag" (a bool), "DateTimeOffset" or "DateTime" (nullable, null while live).</summary>
internal sealed record SoftDeleteModel(string Name, string Kind)
{
    /// <summary>The condition a live row meets, on <paramref name="variable"/>.</summary>
    public string Live(string variable) => Kind == "Flag" ? $"!{variable}.{Name}" : $"{variable}.{Name} == null";

    /// <summary>The value DELETE stores.</summary>
    public string DeletedValue => Kind switch
    {
        "Flag" => "true",
        "DateTime" => "global::System.DateTime.UtcNow",
        _ => "global::System.DateTimeOffset.UtcNow",
    };
}

/// <summary>A member a list is filtered or sorted by; <c>ParameterType</c> is what the query binds (always nullable: absent means no filter).</summary>
internal sealed record QueryMemberModel(string Name, string JsonName, string ParameterType, bool IsEnum);

/// <summary>The key; <c>FromClient</c> for a string key the create request carries (a natural key such as a code).</summary>
internal sealed record ResourceKeyModel(string Name, string Type, string JsonName, string ItemParameter, bool FromClient);

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
    EquatableArray<ValidationRuleModel> Rules)
{
    /// <summary>A value type (<c>int</c>, an enum…), so an omitted create member is read as <c>T?</c>.</summary>
    public bool IsValueType { get; init; }

    /// <summary>A C# <c>required</c> member: the create request must carry it (400 otherwise).</summary>
    public bool IsRequired { get; init; }

    /// <summary>An <c>init</c> setter: set in the object initializer, never afterwards.</summary>
    public bool IsInitOnly { get; init; }
}

/// <summary>A DbContext and the entity types it has a DbSet of, for finding a resource's context.</summary>
internal sealed record DbContextModel(string Type, EquatableArray<string> Entities);

/// <summary>
/// The DbContexts a resource may be served by. A class rather than the bare array: each value type that flows between
/// pipeline steps makes the compiler JIT its own copy of the driver's generic tables in every compiler process, which
/// an app that uses no <c>[Resource]</c> would pay for nothing.
/// </summary>
internal sealed record DbContextsModel(EquatableArray<DbContextModel> Contexts);

/// <summary>Whether any resource leaves its DbContext to be found (a class, as <see cref="DbContextsModel"/>).</summary>
internal sealed record DbContextLookupModel(bool Needed);

/// <summary>The resource classes the mapper maps, sorted (a class, as <see cref="DbContextsModel"/>).</summary>
internal sealed record MappedResourcesModel(EquatableArray<string> ResourceClasses);
