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
}

internal sealed class ResourceProblem
{
    public ResourceProblem(ResourceProblemKind kind, Location location, string message)
    {
        Kind = kind;
        Location = location;
        Message = message;
    }

    public ResourceProblemKind Kind { get; }

    public Location Location { get; }

    public string Message { get; }

    /// <summary>Only unsupported members are warnings: the resource is still generated, without them.</summary>
    public bool StopsGeneration => Kind != ResourceProblemKind.UnsupportedMember;
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

    public IPropertySymbol? Owner { get; private set; }

    public string? UserIdClaim { get; private set; }

    public IPropertySymbol? ConcurrencyToken { get; private set; }

    public ConcurrencyKind Concurrency { get; private set; }

    public INamedTypeSymbol? ExplicitDbContext { get; private set; }

    public int MaxPageSize { get; private set; } = 100;

    public int DefaultPageSize { get; private set; } = 20;

    public string Tag { get; private set; } = "";

    public bool AllowAnonymous { get; private set; }

    public List<AuthorizeData> Authorize { get; } = new();

    /// <summary>The entity's doc comment XML (parsed by the emitter, only when it changes).</summary>
    public string? DocumentationXml { get; private set; }

    public List<ResourceMember> Members { get; } = new();

    public List<ResourceProblem> Problems { get; } = new();

    public bool CanGenerate => Problems.All(p => !p.StopsGeneration) && Key is not null;

    public static ResourceDeclaration? Read(INamedTypeSymbol entity, AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1)
            return null;

        var declaration = new ResourceDeclaration(entity);
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var identifier = EndpointDeclaration.IdentifierLocation(entity, cancellationToken);
        declaration.ReadAttribute(attribute, syntax, identifier);
        declaration.ReadShape(identifier);
        declaration.ReadKey(identifier);
        declaration.ReadOwner(identifier, cancellationToken);
        declaration.ReadMembers(identifier);
        declaration.AllowAnonymous = AuthorizationAttributes.AllowsAnonymous(entity);
        declaration.Authorize.AddRange(AuthorizationAttributes.Authorize(entity));
        declaration.DocumentationXml = DocComment.RawXml(entity.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken));
        if (declaration.Owner is not null && declaration.AllowAnonymous)
            declaration.Problems.Add(new(ResourceProblemKind.InvalidOwner, identifier, $"Resource '{entity.Name}' is owned by its user and cannot allow anonymous access"));
        return declaration;
    }

    /// <summary>The entity types of a DbContext's <c>DbSet&lt;T&gt;</c> properties (none when it is not a DbContext).</summary>
    /// <summary>The constraint of the generated item route (<c>/{id:int}</c>): int and long keys by theirs, others as guids.</summary>
    public static string RouteConstraint(ITypeSymbol key) => key.SpecialType switch
    {
        SpecialType.System_Int32 => "int",
        SpecialType.System_Int64 => "long",
        _ => "guid",
    };

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
            }
        }

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
        var properties = Properties().ToList();
        Key = properties.FirstOrDefault(p => p.GetAttributes().Any(a => SymbolNames.Is(a.AttributeClass, "System.ComponentModel.DataAnnotations.KeyAttribute")))
              ?? properties.FirstOrDefault(p => p.Name == "Id")
              ?? properties.FirstOrDefault(p => p.Name == Entity.Name + "Id");
        if (Key is null)
        {
            Problems.Add(new(ResourceProblemKind.InvalidKey, identifier, $"Resource '{Entity.Name}' has no key: add an 'Id' property or mark one [Key]"));
            return;
        }

        if (!(Key.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 || SymbolNames.Is(Key.Type, "System.Guid")))
        {
            Problems.Add(new(ResourceProblemKind.InvalidKey, Key.Locations.FirstOrDefault() ?? identifier, $"The key '{Entity.Name}.{Key.Name}' is a '{Key.Type.ToDisplayString()}'; resources support int, long and Guid keys"));
            Key = null;
        }
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

    private void ReadMembers(Location identifier)
    {
        foreach (var property in Properties())
        {
            var rules = ValidationRules.Read(property);
            if (SymbolEqualityComparer.Default.Equals(property, Key))
            {
                Members.Add(new ResourceMember(property, MemberUse.Response, rules));
                continue;
            }

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

            if (!IsScalar(property.Type))
            {
                Problems.Add(new(ResourceProblemKind.UnsupportedMember, property.Locations.FirstOrDefault() ?? identifier,
                    $"'{Entity.Name}.{property.Name}' ({property.Type.ToDisplayString()}) is not part of the generated DTOs: only scalar members are; mark it [JsonIgnore] to say that is intended"));
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

    private IEnumerable<IPropertySymbol> Properties() =>
        Entity.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.GetMethod is { DeclaredAccessibility: Accessibility.Public });

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
