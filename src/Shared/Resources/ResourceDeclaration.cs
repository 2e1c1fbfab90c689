using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiBackend.Shared.Authorization;
using AiBackend.Shared.Documentation;
using AiBackend.Shared.Endpoints;
using AiBackend.Shared.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Shared.Resources;

/// <summary>What can be wrong with a <c>[Resource]</c> entity. Each kind maps to one AIB5xxx rule.</summary>
internal enum ResourceProblemKind
{
    InvalidShape,
    InvalidKey,
    InvalidRoute,
    InvalidOwner,
    DbContextNotFound,
    UnsupportedMember,
    InvalidQueryMember,
    InvalidExpansion,
}

internal sealed class ResourceProblem
{
    public ResourceProblem(ResourceProblemKind kind, Location location, string message, bool expandable = false)
    {
        Kind = kind;
        Location = location;
        Message = message;
        Expandable = expandable;
    }

    public ResourceProblemKind Kind { get; }

    public Location Location { get; }

    public string Message { get; }

    /// <summary>An unsupported member that is a navigation: <c>[Expand]</c> would nest it (the code fix offers that).</summary>
    public bool Expandable { get; }

    /// <summary>
    /// An unsupported member (a warning), or a Filter/Sort name or an [Expand] member that cannot be used (an error),
    /// leaves the rest of the resource intact: it is generated without them, so the build fails on this finding and not
    /// on missing types.
    /// </summary>
    public bool StopsGeneration => Kind is not (ResourceProblemKind.UnsupportedMember or ResourceProblemKind.InvalidQueryMember or ResourceProblemKind.InvalidExpansion);
}

/// <summary>Which DTOs a member appears in.</summary>
[Flags]
internal enum MemberUse
{
    None = 0,
    Response = 1,
    Create = 2,
    Update = 4,
}

/// <summary>How the server keeps a concurrency token current on update.</summary>
internal enum ConcurrencyKind
{
    None,
    Increment,
    NewGuid,
    Database,
}

/// <summary>
/// A foreign key of a resource to another entity (its parent), found the way EF Core finds one: <c>[ForeignKey]</c>, a
/// reference navigation with its <c>{Navigation}Id</c>, or, without a navigation, a <c>[Resource]</c> named by
/// <c>{Type}Id</c> in the same namespace. When the parent (or one of its own parents) is owned, the child is scoped
/// through it: another user's parent is as invisible as a missing one.
/// </summary>
internal sealed class ResourceParent
{
    public ResourceParent(IPropertySymbol foreignKey, IPropertySymbol? navigation, INamedTypeSymbol entity, IPropertySymbol key, IPropertySymbol? owner, string? userIdClaim, List<ResourceParent> parents, string? route, IPropertySymbol? softDelete)
    {
        SoftDelete = softDelete;
        ForeignKey = foreignKey;
        Navigation = navigation;
        Entity = entity;
        Key = key;
        Owner = owner;
        UserIdClaim = userIdClaim;
        Parents = parents;
        Route = route;
    }

    /// <summary>The child's property that holds the parent's key.</summary>
    public IPropertySymbol ForeignKey { get; }

    /// <summary>The child's reference navigation to the parent, when it has one.</summary>
    public IPropertySymbol? Navigation { get; }

    public INamedTypeSymbol Entity { get; }

    public IPropertySymbol Key { get; }

    /// <summary>The parent's <c>[OwnedBy]</c> member, when it is owned.</summary>
    public IPropertySymbol? Owner { get; }

    public string? UserIdClaim { get; }

    /// <summary>The parent's own parents, so scoping follows a chain (comment → work item → project).</summary>
    public List<ResourceParent> Parents { get; }

    /// <summary>The parent's collection route when it is a <c>[Resource]</c> too (the generated tests create it there).</summary>
    public string? Route { get; }

    /// <summary>The parent's valid <c>[SoftDelete]</c> marker: a deleted parent takes no new children.</summary>
    public IPropertySymbol? SoftDelete { get; }

    public bool IsNullable => ForeignKey.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    /// <summary>True when the parent or one of its ancestors is owned: then the child is only visible through it.</summary>
    public bool IsScoped => Owner is not null || Parents.Any(p => p.IsScoped);

    /// <summary>The claim of the nearest owner in the chain.</summary>
    public string? ScopeClaim => Owner is not null ? UserIdClaim : Parents.Where(p => p.IsScoped).Select(p => p.ScopeClaim).FirstOrDefault();
}

/// <summary>
/// A navigation property marked <c>[Expand]</c>: the related entity (or entities) returned nested in the responses, with
/// the members its own response shows and only the rows the caller could read through its own resource.
/// </summary>
internal sealed class ResourceExpansion
{
    public ResourceExpansion(IPropertySymbol navigation, INamedTypeSymbol target, bool isCollection, bool reusesResponse, List<IPropertySymbol> members, IPropertySymbol? key, IPropertySymbol? owner, IPropertySymbol? softDelete, List<ResourceParent> parents)
    {
        Navigation = navigation;
        Target = target;
        IsCollection = isCollection;
        ReusesResponse = reusesResponse;
        Members = members;
        Key = key;
        Owner = owner;
        SoftDelete = softDelete;
        Parents = parents;
    }

    public IPropertySymbol Navigation { get; }

    /// <summary>The related entity type (the element type of a collection).</summary>
    public INamedTypeSymbol Target { get; }

    public bool IsCollection { get; }

    /// <summary>True when the target is a <c>[Resource]</c> without expansions: its own response DTO is nested as it is.</summary>
    public bool ReusesResponse { get; }

    /// <summary>The target's response members, in the order of its response: what the nested object carries.</summary>
    public List<IPropertySymbol> Members { get; }

    /// <summary>The target's key: a collection is ordered by it.</summary>
    public IPropertySymbol? Key { get; }

    /// <summary>The target's <c>[OwnedBy]</c> member: a related row of another user is left out.</summary>
    public IPropertySymbol? Owner { get; }

    /// <summary>The target's <c>[SoftDelete]</c> marker: a deleted related row is left out.</summary>
    public IPropertySymbol? SoftDelete { get; }

    /// <summary>The target's own parents: a related row under another user's parent is left out.</summary>
    public List<ResourceParent> Parents { get; }
}

/// <summary>The endpoints a resource generates; the values of <c>AiBackend.ResourceOperations</c>.</summary>
[Flags]
internal enum ResourceOperations
{
    None = 0,
    List = 1,
    Get = 2,
    Create = 4,
    Update = 8,
    Patch = 16,
    Delete = 32,
    All = List | Get | Create | Update | Patch | Delete,
}

internal sealed class ResourceMember
{
    public ResourceMember(IPropertySymbol property, MemberUse use, List<ValidationRule> rules)
    {
        Property = property;
        Use = use;
        Rules = rules;
    }

    public IPropertySymbol Property { get; }

    public MemberUse Use { get; }

    public List<ValidationRule> Rules { get; }
}

/// <summary>
/// Reads a <c>[Resource]</c> entity: its key, owner, concurrency token and which members clients may send. The
/// generator and the paired analyzer use this one reader, so what is skipped is exactly what is reported.
/// </summary>
internal sealed class ResourceDeclaration
{
    private static readonly string[] ScalarTypes =
    {
        "System.Guid", "System.DateTimeOffset", "System.DateOnly", "System.TimeOnly", "System.TimeSpan", "System.Uri",
    };

    private ResourceDeclaration(INamedTypeSymbol entity)
    {
        Entity = entity;
    }

    public INamedTypeSymbol Entity { get; }

    public string Route { get; private set; } = "";

    public IPropertySymbol? Key { get; private set; }

    /// <summary>
    /// True for a string key the entity does not fill in itself (no initializer, not database-generated): a natural key
    /// (a code, a slug) that the create request must carry, and that answers 409 when it is taken.
    /// </summary>
    public bool KeyFromClient { get; private set; }

    /// <summary>The <c>[SoftDelete]</c> marker: DELETE sets it and every query leaves marked rows out.</summary>
    public IPropertySymbol? SoftDelete { get; private set; }

    public IPropertySymbol? Owner { get; private set; }

    public string? UserIdClaim { get; private set; }

    public IPropertySymbol? ConcurrencyToken { get; private set; }

    public ConcurrencyKind Concurrency { get; private set; }

    public INamedTypeSymbol? ExplicitDbContext { get; private set; }

    public int MaxPageSize { get; private set; } = 100;

    public int DefaultPageSize { get; private set; } = 20;

    public string Tag { get; private set; } = "";

    public ResourceOperations Operations { get; private set; } = ResourceOperations.All;

    /// <summary>What list and get require on top of the entity's [Authorize] (ReadRoles/ReadPolicy), if anything.</summary>
    public AuthorizeData? ReadAuthorize { get; private set; }

    /// <summary>What create, update, patch and delete require on top of the entity's [Authorize] (WriteRoles/WritePolicy), if anything.</summary>
    public AuthorizeData? WriteAuthorize { get; private set; }

    public bool AllowAnonymous { get; private set; }

    public List<AuthorizeData> Authorize { get; } = new();

    /// <summary>The entity's doc comment XML (parsed by the emitter, only when it changes).</summary>
    public string? DocumentationXml { get; private set; }

    public List<ResourceMember> Members { get; } = new();

    /// <summary>The members a list can be filtered by (<c>[Resource(Filter = …)]</c>), in the order named.</summary>
    public List<IPropertySymbol> Filters { get; } = new();

    /// <summary>The members a list can be sorted by (<c>[Resource(Sort = …)]</c>), in the order named.</summary>
    public List<IPropertySymbol> Sorts { get; } = new();

    // The names as written, with where each is written, until the members are known.
    private List<(string? Name, Location Location)> _filterNames = new();
    private List<(string? Name, Location Location)> _sortNames = new();

    /// <summary>The entity's foreign keys to other entities.</summary>
    public List<ResourceParent> Parents { get; } = new();

    /// <summary>The navigation properties marked <c>[Expand]</c> that can be returned nested.</summary>
    public List<ResourceExpansion> Expansions { get; } = new();

    // False while reading an expanded entity's own declaration: nesting is one level deep, so its expansions are not read.
    private bool _readExpansions = true;

    /// <summary>True when every operation is limited to the current user: owned, or a child of something owned.</summary>
    public bool ScopedToUser => Owner is not null || Parents.Any(p => p.IsScoped);

    /// <summary>The claim that carries the user id: the entity's own, else that of the nearest owned parent.</summary>
    public string? ScopeClaim => Owner is not null ? UserIdClaim : Parents.Where(p => p.IsScoped).Select(p => p.ScopeClaim).FirstOrDefault();

    public List<ResourceProblem> Problems { get; } = new();

    public bool CanGenerate => Problems.All(p => !p.StopsGeneration) && Key is not null;

    public static ResourceDeclaration? Read(INamedTypeSymbol entity, AttributeData attribute, CancellationToken cancellationToken) =>
        Read(entity, attribute, readExpansions: true, cancellationToken);

    private static ResourceDeclaration? Read(INamedTypeSymbol entity, AttributeData attribute, bool readExpansions, CancellationToken cancellationToken)
    {
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1)
            return null;

        var declaration = new ResourceDeclaration(entity) { _readExpansions = readExpansions };
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var identifier = EndpointDeclaration.IdentifierLocation(entity, cancellationToken);
        declaration.ReadAttribute(attribute, syntax, identifier);
        declaration.ReadShape(identifier);
        declaration.ReadKey(identifier);
        declaration.ReadOwner(identifier, cancellationToken);
        declaration.ReadSoftDelete(identifier, cancellationToken);
        if (declaration.Key is not null)
            declaration.Parents.AddRange(ReadParents(entity, declaration.Key, declaration.Owner, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default) { entity }, depth: 0));
        // Authorization first: an expansion may not show what the expanded resource would refuse to the same caller.
        declaration.AllowAnonymous = AuthorizationAttributes.AllowsAnonymous(entity);
        declaration.Authorize.AddRange(AuthorizationAttributes.Authorize(entity));
        declaration.ReadMembers(identifier, cancellationToken);
        declaration.ReadQuery();
        declaration.DocumentationXml = DocComment.RawXml(entity.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken));
        if (declaration.Owner is not null && declaration.AllowAnonymous)
            declaration.Problems.Add(new(ResourceProblemKind.InvalidOwner, identifier, $"Resource '{entity.Name}' is owned by its user and cannot allow anonymous access"));
        else if (declaration.AllowAnonymous && declaration.Parents.FirstOrDefault(p => p.IsScoped) is { } owned)
            declaration.Problems.Add(new(ResourceProblemKind.InvalidOwner, identifier, $"Resource '{entity.Name}' belongs to its user through '{owned.ForeignKey.Name}' ({owned.Entity.Name}) and cannot allow anonymous access"));
        return declaration;
    }

    /// <summary>The parameter of the generated item route: <c>{id:int}</c>, <c>{id:long}</c>, <c>{id:guid}</c>, or <c>{id}</c> for a string key.</summary>
    public static string ItemParameter(ITypeSymbol key) => key.SpecialType switch
    {
        SpecialType.System_Int32 => "{id:int}",
        SpecialType.System_Int64 => "{id:long}",
        SpecialType.System_String => "{id}",
        _ => "{id:guid}",
    };

    public const string SoftDeleteAttribute = "AiBackend.SoftDeleteAttribute";

    /// <summary>The entity types of a DbContext's <c>DbSet&lt;T&gt;</c> properties (none when it is not a DbContext).</summary>
    public static IEnumerable<ITypeSymbol> DbSetEntities(INamedTypeSymbol type)
    {
        if (type.IsAbstract || !SymbolNames.DerivesFrom(type.BaseType, KnownTypeNames.DbContext))
            yield break;
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (property.Type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } set
                && SymbolNames.Is(set.ConstructedFrom, KnownTypeNames.DbSet))
                yield return set.TypeArguments[0];
        }
    }

    private void ReadAttribute(AttributeData attribute, AttributeSyntax? syntax, Location fallback)
    {
        var route = attribute.ConstructorArguments[0].Value as string;
        var routeLocation = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? fallback;
        var template = RouteTemplate.Parse(route);
        if (template.Error is not null)
            Problems.Add(new(ResourceProblemKind.InvalidRoute, routeLocation, route is null ? "The resource route cannot be null" : $"Resource route '{route}' is invalid: {template.Error}"));
        else if (template.ParameterNames.Count > 0)
            Problems.Add(new(ResourceProblemKind.InvalidRoute, routeLocation, $"Resource route '{route}' cannot have route parameters: the generator adds '/{{id}}' for items"));
        else
            Route = "/" + route!.Trim('/');

        Tag = Entity.Name;
        foreach (var named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "DbContext": ExplicitDbContext = named.Value.Value as INamedTypeSymbol; break;
                case "MaxPageSize" when named.Value.Value is int max: MaxPageSize = max; break;
                case "DefaultPageSize" when named.Value.Value is int size: DefaultPageSize = size; break;
                case "Tag" when named.Value.Value is string { Length: > 0 } tag: Tag = tag; break;
                case "Operations" when named.Value.Value is int operations: Operations = (ResourceOperations)operations & ResourceOperations.All; break;
            }
        }

        _filterNames = QueryNames(attribute, syntax, "Filter", fallback);
        _sortNames = QueryNames(attribute, syntax, "Sort", fallback);
        ReadAuthorize = PerOperation(attribute, "ReadPolicy", "ReadRoles");
        WriteAuthorize = PerOperation(attribute, "WritePolicy", "WriteRoles");

        if (Operations == ResourceOperations.None)
            Problems.Add(new(ResourceProblemKind.InvalidShape, fallback, $"Resource '{Entity.Name}' has no operations: name at least one, such as ResourceOperations.Read"));
        if (MaxPageSize < 1 || DefaultPageSize < 1 || DefaultPageSize > MaxPageSize)
            Problems.Add(new(ResourceProblemKind.InvalidShape, fallback, $"Resource '{Entity.Name}' needs 1 <= DefaultPageSize ({DefaultPageSize}) <= MaxPageSize ({MaxPageSize})"));
        if (ExplicitDbContext is not null && !DbSetEntities(ExplicitDbContext).Any() && !SymbolNames.DerivesFrom(ExplicitDbContext.BaseType, KnownTypeNames.DbContext))
            Problems.Add(new(ResourceProblemKind.DbContextNotFound, fallback, $"'{ExplicitDbContext.Name}' named as the DbContext of resource '{Entity.Name}' is not a DbContext"));
    }

    private void ReadShape(Location identifier)
    {
        if (Entity.TypeKind != TypeKind.Class || Entity.IsAbstract || Entity.IsStatic)
            Problems.Add(new(ResourceProblemKind.InvalidShape, identifier, $"Resource '{Entity.Name}' must be a non-abstract, non-static class"));
        else if (Entity.IsGenericType || Entity.ContainingType is not null)
            Problems.Add(new(ResourceProblemKind.InvalidShape, identifier, $"Resource '{Entity.Name}' must be a non-generic, top-level class"));
        else if (!Entity.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            Problems.Add(new(ResourceProblemKind.InvalidShape, identifier, $"Resource '{Entity.Name}' needs a parameterless constructor: create requests become new entities"));
        else if (Entity.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            Problems.Add(new(ResourceProblemKind.InvalidShape, identifier, $"Resource '{Entity.Name}' must be public or internal"));
    }

    private void ReadKey(Location identifier)
    {
        Key = KeyCandidate(Entity);
        if (Key is null)
        {
            Problems.Add(new(ResourceProblemKind.InvalidKey, identifier, $"Resource '{Entity.Name}' has no key: add an 'Id' property or mark one [Key]"));
            return;
        }

        if (!IsKeyType(Key.Type))
        {
            Problems.Add(new(ResourceProblemKind.InvalidKey, Key.Locations.FirstOrDefault() ?? identifier, $"The key '{Entity.Name}.{Key.Name}' is a '{Key.Type.ToDisplayString()}'; resources support int, long, Guid and string keys"));
            Key = null;
            return;
        }

        // [ServerSet] on a string key: the app fills it in (an interceptor, a SaveChanges override), so clients never send it.
        KeyFromClient = Key.Type.SpecialType == SpecialType.System_String && !IsDatabaseGenerated(Key) && !GeneratesItsValue(Key) && !HasAttribute(Key, KnownTypeNames.ServerSetAttribute);
    }

    /// <summary>
    /// An initializer that computes a value (<c>= Guid.NewGuid().ToString()</c>, <c>= Ulid.NewUlid().ToString()</c>):
    /// the entity makes its own key. A constant (<c>= ""</c>, <c>= string.Empty</c>, <c>= null!</c>) only quiets the
    /// nullable warning, so the key is still the client's to give.
    /// </summary>
    private static bool GeneratesItsValue(IPropertySymbol property) =>
        property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is PropertyDeclarationSyntax { Initializer.Value: var value }
            && Unwrapped(value) is not (LiteralExpressionSyntax or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty" }));

    private static ExpressionSyntax Unwrapped(ExpressionSyntax expression) =>
        expression is PostfixUnaryExpressionSyntax { Operand: var operand } ? Unwrapped(operand)
        : expression is ParenthesizedExpressionSyntax { Expression: var inner } ? Unwrapped(inner)
        : expression;

    private static bool IsDatabaseGenerated(IPropertySymbol property) =>
        property.GetAttributes().Any(a => SymbolNames.Is(a.AttributeClass, "System.ComponentModel.DataAnnotations.Schema.DatabaseGeneratedAttribute")
                                          && a.ConstructorArguments.FirstOrDefault().Value is int option && option != 0);

    private void ReadSoftDelete(Location identifier, CancellationToken cancellationToken)
    {
        var attribute = Entity.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, SoftDeleteAttribute));
        if (attribute is null || attribute.ConstructorArguments.Length != 1)
            return;

        var location = (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? identifier;
        var name = attribute.ConstructorArguments[0].Value as string;
        var marker = Properties().FirstOrDefault(p => p.Name == name);
        if (marker is null)
            Problems.Add(new(ResourceProblemKind.InvalidShape, location, $"Resource '{Entity.Name}' has no property '{name}' to mark it deleted"));
        else if (ValidSoftDelete(Entity) is null)
            Problems.Add(new(ResourceProblemKind.InvalidShape, marker.Locations.FirstOrDefault() ?? location,
                $"Soft-delete marker '{Entity.Name}.{marker.Name}' is a '{marker.Type.ToDisplayString()}'{(marker.SetMethod is { DeclaredAccessibility: Accessibility.Public } ? "" : " without a public setter")}: it must be a bool, DateTimeOffset? or DateTime? with a public setter"));
        else
            SoftDelete = marker;
    }

    /// <summary>The entity's valid <c>[SoftDelete]</c> marker: a public settable bool, <c>DateTimeOffset?</c> or <c>DateTime?</c>; else null.</summary>
    public static IPropertySymbol? ValidSoftDelete(INamedTypeSymbol type)
    {
        var attribute = type.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, SoftDeleteAttribute));
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string name)
            return null;
        var marker = PublicProperties(type).FirstOrDefault(p => p.Name == name);
        return marker is { SetMethod.DeclaredAccessibility: Accessibility.Public }
               && (marker.Type.SpecialType == SpecialType.System_Boolean
                   || (marker.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                       && (nullable.TypeArguments[0].SpecialType == SpecialType.System_DateTime || SymbolNames.Is(nullable.TypeArguments[0], "System.DateTimeOffset"))))
            ? marker
            : null;
    }

    private void ReadOwner(Location identifier, CancellationToken cancellationToken)
    {
        var attribute = Entity.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, KnownTypeNames.OwnedByAttribute));
        if (attribute is null || attribute.ConstructorArguments.Length != 1)
            return;

        var location = (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? identifier;
        var name = attribute.ConstructorArguments[0].Value as string;
        UserIdClaim = attribute.NamedArguments.FirstOrDefault(n => n.Key == "UserIdClaim").Value.Value as string;
        var owner = Properties().FirstOrDefault(p => p.Name == name);
        if (owner is null)
            Problems.Add(new(ResourceProblemKind.InvalidOwner, location, $"Resource '{Entity.Name}' has no property '{name}' to hold its owner"));
        else if (owner.Type.SpecialType != SpecialType.System_String)
            Problems.Add(new(ResourceProblemKind.InvalidOwner, owner.Locations.FirstOrDefault() ?? location, $"Owner '{Entity.Name}.{owner.Name}' is a '{owner.Type.ToDisplayString()}'; user ids are claims, so it must be a string"));
        else if (owner.SetMethod is null || owner.SetMethod.DeclaredAccessibility != Accessibility.Public)
            Problems.Add(new(ResourceProblemKind.InvalidOwner, owner.Locations.FirstOrDefault() ?? location, $"Owner '{Entity.Name}.{owner.Name}' needs a public setter: create sets it to the current user"));
        else
            Owner = owner;
    }

    private void ReadMembers(Location identifier, CancellationToken cancellationToken)
    {
        foreach (var property in Properties())
        {
            // Handled (or reported) as an expansion, never as a member of its own: no AIB5009 for it.
            if (HasAttribute(property, KnownTypeNames.ExpandAttribute))
            {
                if (_readExpansions)
                    ReadExpansion(property, identifier, cancellationToken);
                continue;
            }

            var rules = ValidationRules.Read(property);
            if (SymbolEqualityComparer.Default.Equals(property, Key))
            {
                Members.Add(new ResourceMember(property, KeyFromClient ? MemberUse.Response | MemberUse.Create : MemberUse.Response, rules));
                continue;
            }

            // The marker is the server's: clients delete, and never see a deleted row.
            if (SymbolEqualityComparer.Default.Equals(property, SoftDelete))
                continue;

            if (HasAttribute(property, "System.Text.Json.Serialization.JsonIgnoreAttribute") || HasAttribute(property, "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute"))
                continue;

            var isToken = HasAttribute(property, "System.ComponentModel.DataAnnotations.ConcurrencyCheckAttribute") || HasAttribute(property, "System.ComponentModel.DataAnnotations.TimestampAttribute");
            if (isToken && ConcurrencyToken is null)
            {
                ConcurrencyToken = property;
                Concurrency = HasAttribute(property, "System.ComponentModel.DataAnnotations.TimestampAttribute") ? ConcurrencyKind.Database
                    : property.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 ? ConcurrencyKind.Increment
                    : SymbolNames.Is(property.Type, "System.Guid") ? ConcurrencyKind.NewGuid
                    : ConcurrencyKind.Database;
                // Clients get the token and send it back with updates; it is never created by them.
                Members.Add(new ResourceMember(property, MemberUse.Response | MemberUse.Update, rules));
                continue;
            }

            // A reference navigation whose foreign key is in the DTOs is represented by that key.
            if (Parents.Any(p => SymbolEqualityComparer.Default.Equals(p.Navigation, property)))
                continue;

            if (!IsScalar(property.Type))
            {
                Problems.Add(new(ResourceProblemKind.UnsupportedMember, property.Locations.FirstOrDefault() ?? identifier,
                    $"'{Entity.Name}.{property.Name}' ({property.Type.ToDisplayString()}) is not part of the generated DTOs: only scalar members are; mark it [Expand] to return it nested, or [JsonIgnore] to say leaving it out is intended",
                    expandable: NavigationTarget(property.Type, out _) is not null));
                continue;
            }

            var use = MemberUse.Response;
            var serverSet = SymbolEqualityComparer.Default.Equals(property, Owner) || HasAttribute(property, KnownTypeNames.ServerSetAttribute)
                || property.GetAttributes().Any(a => SymbolNames.Is(a.AttributeClass, "System.ComponentModel.DataAnnotations.Schema.DatabaseGeneratedAttribute")
                                                      && a.ConstructorArguments.FirstOrDefault().Value is int option && option != 0);
            if (!serverSet && property.SetMethod is { DeclaredAccessibility: Accessibility.Public } setter)
                use |= setter.IsInitOnly ? MemberUse.Create : MemberUse.Create | MemberUse.Update;
            Members.Add(new ResourceMember(property, use, rules));
        }
    }

    private void ReadExpansion(IPropertySymbol property, Location identifier, CancellationToken cancellationToken)
    {
        var location = property.Locations.FirstOrDefault() ?? identifier;
        var name = $"'{Entity.Name}.{property.Name}'";
        void Reject(string why) => Problems.Add(new(ResourceProblemKind.InvalidExpansion, location, $"{name} cannot be expanded: {why}"));

        if (HasAttribute(property, "System.Text.Json.Serialization.JsonIgnoreAttribute") || HasAttribute(property, "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute"))
        {
            Reject("it is also [JsonIgnore] or [NotMapped], which hide it; remove one of the two");
            return;
        }

        var target = NavigationTarget(property.Type, out var isCollection);

        if (target is null)
        {
            Reject($"[Expand] takes a navigation to another entity, a reference or a collection of entities, not a '{property.Type.ToDisplayString()}'");
            return;
        }

        // The related entity as its own resource shows it: its response members, owner, soft delete and parents.
        var resourceAttribute = target.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, KnownTypeNames.ResourceAttribute));
        ResourceDeclaration? related;
        if (resourceAttribute is not null)
        {
            related = Read(target, resourceAttribute, readExpansions: false, cancellationToken);
            if (related is null || !related.CanGenerate)
            {
                Reject($"resource '{target.Name}' has errors of its own (see them), so there is no response to nest yet");
                return;
            }
        }
        else
        {
            related = new ResourceDeclaration(target) { _readExpansions = false };
            related.ReadKey(identifier);
            related.ReadOwner(identifier, cancellationToken);
            related.ReadSoftDelete(identifier, cancellationToken);
            if (related.Key is not null)
                related.Parents.AddRange(ReadParents(target, related.Key, related.Owner, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default) { target }, depth: 0));
            related.ReadMembers(identifier, cancellationToken);
        }

        var members = related.Members.Where(m => (m.Use & MemberUse.Response) != 0).Select(m => m.Property).ToList();
        var key = related.Key ?? KeyCandidate(target);
        var item = isCollection ? $"'{target.Name}' items" : $"'{target.Name}'";
        if (members.Count == 0)
            Reject($"'{target.Name}' has no member a response can show (a scalar without [JsonIgnore])");
        else if (isCollection && key is null)
            Reject($"'{target.Name}' has no key to order its items by");
        else if (isCollection && (Operations & (ResourceOperations.Get | ResourceOperations.Create | ResourceOperations.Update | ResourceOperations.Patch)) == 0)
            Reject("a collection is returned by get, create, update and patch (lists leave it out), and this resource maps none of them");
        else if (related.ScopedToUser && !ScopedToUser)
            Reject($"{item} {(isCollection ? "belong to their" : "belongs to its")} user{(related.Owner is null ? isCollection ? " through their parents" : " through its parents" : "")}, and '{Entity.Name}' does not, so the nested rows could not be limited to the caller; expand it from an owned resource or a child of one");
        else if (resourceAttribute is not null && (related.Operations & (ResourceOperations.List | ResourceOperations.Get)) == 0)
            Reject($"resource '{target.Name}' maps neither list nor get, so its rows are read by no one; nesting them would be the only way to read them");
        else if (resourceAttribute is not null && ReadRequirementsMissing(related) is { } missing)
            Reject(missing);
        else if (resourceAttribute is not null && Entity.DeclaredAccessibility == Accessibility.Public && target.DeclaredAccessibility != Accessibility.Public)
            Reject($"'{target.Name}' is internal and its response cannot be nested in the public response of '{Entity.Name}'; make both public or both internal");
        else
            Expansions.Add(new ResourceExpansion(property, target, isCollection,
                reusesResponse: resourceAttribute is not null && !PublicProperties(target).Any(p => HasAttribute(p, KnownTypeNames.ExpandAttribute)),
                members, key, related.Owner, related.SoftDelete, related.Parents));
    }

    /// <summary>
    /// What reading <paramref name="related"/> requires that reading this resource does not (roles, a policy, a signed-in
    /// user), as the reason it cannot be expanded; null when every caller of this list and get may read it too.
    /// </summary>
    private string? ReadRequirementsMissing(ResourceDeclaration related)
    {
        var own = ReadRequirements(this);
        // A policy is met by the same policy; "one of these roles" by a requirement of one of fewer (or the same) roles.
        var missing = ReadRequirements(related)
            .Where(needed => !own.Any(held => needed.Policy is not null
                ? held.Policy == needed.Policy
                : held.Roles is not null && held.Roles.All(role => needed.Roles!.Contains(role))))
            .Select(needed => needed.Policy is not null ? $"policy '{needed.Policy}'" : $"role '{string.Join(",", needed.Roles!)}'")
            .Distinct()
            .ToList();
        if (missing.Count > 0)
            return $"reading '{related.Entity.Name}' needs {string.Join(" and ", missing)}, which reading '{Entity.Name}' does not: the nested rows would reach callers its own endpoints refuse";
        if (AllowAnonymous && ReadAuthorize is null && !related.AllowAnonymous)
            return $"'{Entity.Name}' is read anonymously and '{related.Entity.Name}' only by signed-in users: the nested rows would reach callers its own endpoints refuse";
        return null;
    }

    /// <summary>What list and get require: each [Authorize] (unless anonymous) and ReadRoles/ReadPolicy, as a policy or a set of roles (one of them).</summary>
    private static List<(string? Policy, string[]? Roles)> ReadRequirements(ResourceDeclaration declaration) =>
        (declaration.AllowAnonymous ? new List<AuthorizeData>() : declaration.Authorize)
            .Concat(declaration.ReadAuthorize is null ? Enumerable.Empty<AuthorizeData>() : new[] { declaration.ReadAuthorize })
            .SelectMany(a => new (string? Policy, string[]? Roles)[]
            {
                (a.Policy is { Length: > 0 } ? a.Policy : null, null),
                (null, a.Roles is { Length: > 0 } ? a.Roles.Split(',').Select(r => r.Trim()).Where(r => r.Length > 0).ToArray() : null),
            })
            .Where(r => r.Policy is not null || r.Roles is { Length: > 0 })
            .ToList();

    /// <summary>The <c>T</c> of a type that is or implements <c>IEnumerable&lt;T&gt;</c> (a collection navigation), or null.</summary>
    /// <summary>The entity a navigation points to: the type itself, or a collection's element (<paramref name="isCollection"/>); null for anything else.</summary>
    private static INamedTypeSymbol? NavigationTarget(ITypeSymbol type, out bool isCollection)
    {
        isCollection = false;
        if (IsReferenceNavigation(type) && !IsScalar(type))
            return (INamedTypeSymbol)type;
        if (ElementType(type) is { } element && IsReferenceNavigation(element) && !IsScalar(element))
        {
            isCollection = true;
            return (INamedTypeSymbol)element;
        }

        return null;
    }

    private static ITypeSymbol? ElementType(ITypeSymbol type) =>
        type is INamedTypeSymbol named && type.SpecialType != SpecialType.System_String
            ? new[] { named }.Concat(named.AllInterfaces).FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0]
            : null;

    /// <summary>The query parameters the generated list reads besides filters: a member cannot take one of these names.</summary>
    public static readonly string[] ReservedQueryNames = { "page", "pageSize", "sort" };

    /// <summary>
    /// Checks each Filter and Sort name: a member of the response (never a hidden one: filtering by a [JsonIgnore]
    /// secret would let clients guess it), of a type the query can carry, and not named like a paging parameter.
    /// </summary>
    private void ReadQuery()
    {
        foreach (var (names, list, filter) in new[] { (_filterNames, Filters, true), (_sortNames, Sorts, false) })
        {
            var verb = filter ? "filtered" : "sorted";
            // Without a list endpoint the names would do nothing, and a reader would expect a list that does.
            if ((Operations & ResourceOperations.List) == 0 && names.Count > 0)
            {
                Problems.Add(new(ResourceProblemKind.InvalidQueryMember, names[0].Location, $"Resource '{Entity.Name}' has no list to be {verb}: add ResourceOperations.List to its Operations, or remove {(filter ? "Filter" : "Sort")}"));
                continue;
            }

            foreach (var (name, location) in names)
            {
                var member = Members.FirstOrDefault(m => m.Property.Name == name);
                string? problem = null;
                if (member is null && !Properties().Any(p => p.Name == name))
                    problem = $"Resource '{Entity.Name}' has no member '{name}' to be {verb} by";
                else if (member is null || (member.Use & MemberUse.Response) == 0)
                    problem = $"'{Entity.Name}.{name}' cannot be {verb} by: only members of the response can be ([JsonIgnore], [NotMapped] and navigation members are not)";
                else if (filter ? !IsFilterable(member.Property.Type) : !IsSortable(member.Property.Type))
                    problem = filter
                        ? $"'{Entity.Name}.{name}' ({member.Property.Type.ToDisplayString()}) cannot be filtered by: equality filters take strings, booleans, enums, integers and Guids"
                        : $"'{Entity.Name}.{name}' ({member.Property.Type.ToDisplayString()}) cannot be sorted by: it has no order in the database";
                else if (filter && Array.Find(ReservedQueryNames, reserved => string.Equals(reserved, name, StringComparison.OrdinalIgnoreCase)) is { } reserved)
                    problem = $"'{Entity.Name}.{name}' cannot be filtered by: its query parameter '{reserved}' is the list's own";

                if (problem is not null)
                    Problems.Add(new(ResourceProblemKind.InvalidQueryMember, location, problem));
                else if (!list.Any(p => p.Name == name))
                    list.Add(member!.Property);
            }
        }
    }

    /// <summary>The strings of <c>Filter</c> or <c>Sort</c>, each with its own location when the syntax has one.</summary>
    private static List<(string? Name, Location Location)> QueryNames(AttributeData attribute, AttributeSyntax? syntax, string property, Location fallback)
    {
        var names = new List<(string?, Location)>();
        if (attribute.NamedArguments.FirstOrDefault(n => n.Key == property).Value is not { Kind: TypedConstantKind.Array, IsNull: false } array)
            return names;
        var argument = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
        var elements = argument?.Expression switch
        {
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Select(e => e.GetLocation()).ToList(),
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions.Select(e => e.GetLocation()).ToList(),
            CollectionExpressionSyntax collection => collection.Elements.Select(e => e.GetLocation()).ToList(),
            _ => new List<Location>(),
        };
        for (var i = 0; i < array.Values.Length; i++)
            names.Add((array.Values[i].Value as string, elements.Count == array.Values.Length ? elements[i] : argument?.GetLocation() ?? fallback));
        return names;
    }

    private static ITypeSymbol Underlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>What a query string carries exactly and a database compares for equality: no floating point, no instants.</summary>
    private static bool IsFilterable(ITypeSymbol type)
    {
        type = Underlying(type);
        return type.TypeKind == TypeKind.Enum || SymbolNames.Is(type, "System.Guid")
            || type.SpecialType is SpecialType.System_String or SpecialType.System_Boolean
                or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
    }

    /// <summary>Every scalar but a Uri (a string conversion whose order means nothing).</summary>
    private static bool IsSortable(ITypeSymbol type) => IsScalar(type) && !SymbolNames.Is(Underlying(type), "System.Uri");

    private static AuthorizeData? PerOperation(AttributeData attribute, string policyName, string rolesName)
    {
        var policy = attribute.NamedArguments.FirstOrDefault(n => n.Key == policyName).Value.Value as string;
        var roles = attribute.NamedArguments.FirstOrDefault(n => n.Key == rolesName).Value.Value as string;
        return string.IsNullOrWhiteSpace(policy) && string.IsNullOrWhiteSpace(roles)
            ? null
            : new AuthorizeData(string.IsNullOrWhiteSpace(policy) ? null : policy, string.IsNullOrWhiteSpace(roles) ? null : roles, null);
    }

    private IEnumerable<IPropertySymbol> Properties() => PublicProperties(Entity);

    /// <summary>
    /// The entity's public instance properties, inherited ones included (an <c>Id</c> on a <c>BaseEntity</c> is the
    /// commonest key in real models): the most derived declaration of a name wins (overrides, <c>new</c> members), and
    /// base members come first, as the class reads from the top of its hierarchy.
    /// </summary>
    private static IEnumerable<IPropertySymbol> PublicProperties(INamedTypeSymbol type)
    {
        var levels = new List<List<IPropertySymbol>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            levels.Add(current.GetMembers().OfType<IPropertySymbol>()
                .Where(p => !p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.GetMethod is { DeclaredAccessibility: Accessibility.Public } && seen.Add(p.Name))
                .ToList());
        }

        levels.Reverse();
        return levels.SelectMany(level => level);
    }

    /// <summary>The property EF Core takes as the key: <c>[Key]</c>, else <c>Id</c>, else <c>{Type}Id</c>.</summary>
    private static IPropertySymbol? KeyCandidate(INamedTypeSymbol type)
    {
        var properties = PublicProperties(type).ToList();
        return properties.FirstOrDefault(p => p.GetAttributes().Any(a => SymbolNames.Is(a.AttributeClass, "System.ComponentModel.DataAnnotations.KeyAttribute")))
               ?? properties.FirstOrDefault(p => p.Name == "Id")
               ?? properties.FirstOrDefault(p => p.Name == type.Name + "Id");
    }

    private static bool IsKeyType(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_String || SymbolNames.Is(type, "System.Guid");

    /// <summary>A valid <c>[OwnedBy]</c> member of <paramref name="type"/> (a public string property with a public setter), or null.</summary>
    private static IPropertySymbol? ValidOwner(INamedTypeSymbol type, out string? claim)
    {
        claim = null;
        var attribute = type.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, KnownTypeNames.OwnedByAttribute));
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string name)
            return null;
        claim = attribute.NamedArguments.FirstOrDefault(n => n.Key == "UserIdClaim").Value.Value as string;
        return PublicProperties(type).FirstOrDefault(p => p.Name == name && p.Type.SpecialType == SpecialType.System_String && p.SetMethod is { DeclaredAccessibility: Accessibility.Public });
    }

    // Deep enough for comment → work item → project → organisation; a longer chain is cut rather than walked forever.
    private const int MaxParentDepth = 4;

    /// <summary>The foreign keys of <paramref name="entity"/> and, for each, the parent's own chain (cycles cut at the first repeat).</summary>
    private static List<ResourceParent> ReadParents(INamedTypeSymbol entity, IPropertySymbol key, IPropertySymbol? owner, HashSet<ITypeSymbol> visited, int depth)
    {
        var parents = new List<ResourceParent>();
        if (depth >= MaxParentDepth)
            return parents;

        var properties = PublicProperties(entity).ToList();
        foreach (var foreignKey in properties)
        {
            if (SymbolEqualityComparer.Default.Equals(foreignKey, key) || SymbolEqualityComparer.Default.Equals(foreignKey, owner))
                continue;
            var keyType = foreignKey.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : foreignKey.Type;
            if (!IsKeyType(keyType) || ParentOf(entity, foreignKey, properties, out var navigation) is not { } parent
                || KeyCandidate(parent) is not { } parentKey || !SymbolEqualityComparer.Default.Equals(parentKey.Type, keyType))
                continue;

            var parentOwner = ValidOwner(parent, out var claim);
            var grandParents = visited.Add(parent)
                ? ReadParents(parent, parentKey, parentOwner, visited, depth + 1)
                : new List<ResourceParent>();
            visited.Remove(parent);
            var route = parent.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, KnownTypeNames.ResourceAttribute))?.ConstructorArguments.FirstOrDefault().Value as string;
            parents.Add(new ResourceParent(foreignKey, navigation, parent, parentKey, parentOwner, claim, grandParents, route is null ? null : "/" + route.Trim('/'), ValidSoftDelete(parent)));
        }

        return parents;
    }

    /// <summary>The entity <paramref name="foreignKey"/> points to, by EF Core's conventions, or null.</summary>
    private static INamedTypeSymbol? ParentOf(INamedTypeSymbol entity, IPropertySymbol foreignKey, List<IPropertySymbol> properties, out IPropertySymbol? navigation)
    {
        navigation = null;
        if (ForeignKeyName(foreignKey) is { } named)
        {
            navigation = properties.FirstOrDefault(p => p.Name == named && IsReferenceNavigation(p.Type));
            return navigation?.Type as INamedTypeSymbol;
        }

        foreach (var candidate in properties)
        {
            if (!IsReferenceNavigation(candidate.Type))
                continue;
            var type = (INamedTypeSymbol)candidate.Type;
            if (ForeignKeyName(candidate) == foreignKey.Name
                || foreignKey.Name == candidate.Name + "Id"
                || (KeyCandidate(type) is { } key && foreignKey.Name == candidate.Name + key.Name))
            {
                navigation = candidate;
                return type;
            }
        }

        // No navigation: 'ProjectId' next to a [Resource] class 'Project' of the same namespace is its key all the same.
        if (foreignKey.Name.Length > 2 && foreignKey.Name.EndsWith("Id", StringComparison.Ordinal))
        {
            var name = foreignKey.Name.Substring(0, foreignKey.Name.Length - 2);
            return entity.ContainingNamespace.GetTypeMembers(name).FirstOrDefault(t => t.Arity == 0 && t.GetAttributes().Any(a => SymbolNames.Is(a.AttributeClass, KnownTypeNames.ResourceAttribute)));
        }

        return null;
    }

    private static string? ForeignKeyName(IPropertySymbol property) =>
        property.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, "System.ComponentModel.DataAnnotations.Schema.ForeignKeyAttribute"))?.ConstructorArguments.FirstOrDefault().Value as string;

    /// <summary>A class-typed property that is not a string or a collection: what EF Core maps as a reference navigation.</summary>
    private static bool IsReferenceNavigation(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } named
        && !named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);

    private static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => SymbolNames.DerivesFrom(a.AttributeClass, name));

    private static bool IsScalar(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            type = nullable.TypeArguments[0];
        if (type.TypeKind == TypeKind.Enum)
            return true;
        if (type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_String or SpecialType.System_Decimal
            or SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_DateTime
            or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64)
            return true;
        return Array.Exists(ScalarTypes, name => SymbolNames.Is(type, name));
    }
}
