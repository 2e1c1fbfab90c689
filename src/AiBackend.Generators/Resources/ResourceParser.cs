using System.Linq;
using System.Threading;
using AiBackend.Generators.Common;
using AiBackend.Generators.Endpoints;
using AiBackend.Generators.Validation;
using AiBackend.Shared.Resources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Generators.Resources;

/// <summary>Turns <c>[Resource]</c> entities and DbContexts into models. The only place the resource pipeline touches symbols.</summary>
internal static class ResourceParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The model, or null when the entity has a problem the paired analyzer reports.</summary>
    public static ResourceModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol entity || context.Attributes.Length != 1)
            return null;
        // Without EF Core the generated endpoints could not compile; the analyzer says so.
        if (context.SemanticModel.Compilation.GetTypeByMetadataName(Shared.KnownTypeNames.DbContext) is null)
            return null;

        var declaration = ResourceDeclaration.Read(entity, context.Attributes[0], cancellationToken);
        if (declaration is null || !declaration.CanGenerate)
            return null;

        cancellationToken.ThrowIfCancellationRequested();
        var key = declaration.Key!;
        var token = declaration.ConcurrencyToken;
        return new ResourceModel(
            Namespace: entity.ContainingNamespace.IsGlobalNamespace ? null : entity.ContainingNamespace.ToDisplayString(),
            EntityName: entity.Name,
            EntityType: entity.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Accessibility: entity.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
            Route: declaration.Route,
            Tag: declaration.Tag,
            DocumentationXml: declaration.DocumentationXml,
            Key: new ResourceKeyModel(key.Name, key.Type.ToDisplayString(TypeFormat), JsonNames.CamelCase(key.Name), ResourceDeclaration.ItemParameter(key.Type), declaration.KeyFromClient),
            Owner: declaration.Owner?.Name,
            ScopedToUser: declaration.ScopedToUser,
            UserIdClaim: declaration.ScopeClaim,
            Concurrency: token is null ? null : new ConcurrencyModel(token.Name, JsonNames.CamelCase(token.Name), declaration.Concurrency.ToString()),
            DbContext: declaration.ExplicitDbContext?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            MaxPageSize: declaration.MaxPageSize,
            DefaultPageSize: declaration.DefaultPageSize,
            AllowAnonymous: declaration.AllowAnonymous,
            Authorize: declaration.Authorize.Select(a => new AuthorizeModel(a.Policy, a.Roles, a.AuthenticationSchemes)).ToEquatableArray(),
            Members: declaration.Members.Select(m => new ResourceMemberModel(
                m.Property.Name,
                JsonNames.CamelCase(m.Property.Name),
                m.Property.Type.ToDisplayString(TypeFormat),
                m.Property.Type.SpecialType == SpecialType.System_String && m.Property.NullableAnnotation != NullableAnnotation.Annotated,
                (m.Use & MemberUse.Response) != 0,
                (m.Use & MemberUse.Create) != 0,
                (m.Use & MemberUse.Update) != 0,
                SymbolEqualityComparer.Default.Equals(m.Property, token),
                m.Rules.Select(r => new ValidationRuleModel(r.Attribute, r.Creation)).ToEquatableArray())
            {
                IsValueType = m.Property.Type.IsValueType,
                // A natural key is the one thing a create request cannot do without.
                IsRequired = m.Property.IsRequired || (declaration.KeyFromClient && SymbolEqualityComparer.Default.Equals(m.Property, key)),
                IsInitOnly = m.Property.SetMethod is { IsInitOnly: true },
            }).ToEquatableArray(),
            // A parent whose navigation is expanded: the generated tests check that a read nests the parent they created.
            Parents: Parents(declaration.Parents).Zip(declaration.Parents, (model, parent) =>
                declaration.Expansions.FirstOrDefault(e => SymbolEqualityComparer.Default.Equals(e.Navigation, parent.Navigation)) is { } expanded
                    ? model with { ExpandedAs = expanded.Navigation.Name }
                    : model).ToEquatableArray(),
            RequiredNotInCreate: RequiredMembers(entity).Where(name => !declaration.Members.Any(m => m.Property.Name == name && (m.Use & MemberUse.Create) != 0)).ToEquatableArray(),
            Operations: declaration.Operations,
            ReadAuthorize: declaration.ReadAuthorize is { } read ? new AuthorizeModel(read.Policy, read.Roles, null) : null,
            WriteAuthorize: declaration.WriteAuthorize is { } write ? new AuthorizeModel(write.Policy, write.Roles, null) : null)
        {
            Filters = declaration.Filters.Select(QueryMember).ToEquatableArray(),
            Sorts = declaration.Sorts.Select(QueryMember).ToEquatableArray(),
            SoftDelete = SoftDelete(declaration.SoftDelete),
            Expansions = declaration.Expansions.Select(e => Expansion(entity, e)).ToEquatableArray(),
        };
    }

    private static ExpansionModel Expansion(INamedTypeSymbol entity, ResourceExpansion expansion)
    {
        var target = expansion.Target;
        var targetType = target.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var reused = expansion.ReusesResponse
            ? "global::" + (target.ContainingNamespace.IsGlobalNamespace ? "" : target.ContainingNamespace.ToDisplayString() + ".") + target.Name + "Response"
            : null;
        return new ExpansionModel(
            expansion.Navigation.Name,
            JsonNames.CamelCase(expansion.Navigation.Name),
            expansion.IsCollection,
            target.Name,
            reused,
            // One generated DTO per related type of this resource (two navigations to one type share it).
            entity.Name + target.Name + "Response",
            expansion.Members.Select(m => new NestedMemberModel(m.Name, m.Type.ToDisplayString(TypeFormat))).ToEquatableArray(),
            expansion.Key?.Name,
            new ParentModel("", "", false, target.Name, targetType, expansion.Key?.Name ?? "", expansion.Owner?.Name, null, Parents(expansion.Parents)) { SoftDelete = SoftDelete(expansion.SoftDelete) });
    }

    private static SoftDeleteModel? SoftDelete(IPropertySymbol? marker) =>
        marker is null ? null
        : new SoftDeleteModel(marker.Name, marker.Type.SpecialType == SpecialType.System_Boolean ? "Flag"
            : marker.Type is INamedTypeSymbol { TypeArguments.Length: 1 } nullable && nullable.TypeArguments[0].SpecialType == SpecialType.System_DateTime ? "DateTime" : "DateTimeOffset");

    private static QueryMemberModel QueryMember(IPropertySymbol property)
    {
        var type = property.Type.ToDisplayString(TypeFormat);
        var nullable = type.EndsWith("?", System.StringComparison.Ordinal) ? type : type + "?";
        var underlying = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : property.Type;
        return new QueryMemberModel(property.Name, JsonNames.CamelCase(property.Name), nullable, underlying.TypeKind == TypeKind.Enum);
    }

    private static EquatableArray<ParentModel> Parents(System.Collections.Generic.List<ResourceParent> parents) =>
        parents.Select(p => new ParentModel(
            p.ForeignKey.Name,
            JsonNames.CamelCase(p.ForeignKey.Name),
            p.IsNullable,
            p.Entity.Name,
            p.Entity.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            p.Key.Name,
            p.Owner?.Name,
            p.Route,
            Parents(p.Parents)) { SoftDelete = SoftDelete(p.SoftDelete) }).ToEquatableArray();

    /// <summary>
    /// The entity's <c>required</c> members (its own and inherited): a create request that does not carry one (the
    /// key, the owner, a server-set member) still has to name it in the object initializer, or the generated code
    /// fails with CS9035.
    /// </summary>
    private static System.Collections.Generic.IEnumerable<string> RequiredMembers(INamedTypeSymbol entity)
    {
        var names = new System.Collections.Generic.List<string>();
        for (var type = entity; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true } && !names.Contains(member.Name))
                    names.Add(member.Name);
            }
        }

        names.Sort(System.StringComparer.Ordinal);
        return names;
    }


    /// <summary>The DbContexts declared in this compilation and their DbSet entity types, in a stable order.</summary>
    public static EquatableArray<DbContextModel> FindDbContexts(Compilation compilation, CancellationToken cancellationToken) =>
        SourceDbContexts.Find(compilation.Assembly, cancellationToken)
            .Select(c => new DbContextModel(
                c.Context.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                c.Entities.Select(e => e.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToEquatableArray()))
            .OrderBy(m => m.Type, System.StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>The resource with its DbContext decided, or null when none (or more than one) serves it: the analyzer reports that.</summary>
    public static ResourceModel? ResolveDbContext(ResourceModel resource, EquatableArray<DbContextModel> contexts)
    {
        if (resource.DbContext is not null)
            return resource;
        var candidates = contexts.Where(c => c.Entities.Contains(resource.EntityType)).Select(c => c.Type).Distinct().ToList();
        return candidates.Count == 1 ? resource with { DbContext = candidates[0] } : null;
    }

}
