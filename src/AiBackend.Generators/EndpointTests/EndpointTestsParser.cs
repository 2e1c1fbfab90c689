using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using AiBackend.Generators.Common;
using AiBackend.Shared;
using AiBackend.Shared.Endpoints;
using Microsoft.CodeAnalysis;

namespace AiBackend.Generators.EndpointTests;

/// <summary>
/// Reads <c>[assembly: GenerateEndpointTests(typeof(Program))]</c> and the API assembly's manifest attributes
/// (<c>[GeneratedEndpoint]</c>, <c>[GeneratedResource]</c>) into a model. The only place this pipeline touches symbols.
/// </summary>
internal static class EndpointTestsParser
{
    private static readonly Regex RouteParameter = new(@"\{[^{}]*\}", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex Constraint = new(@":(?<constraint>int|long|guid|bool|datetime)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    public static EndpointTestsModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var compilation = context.SemanticModel.Compilation;
        if (context.Attributes.FirstOrDefault() is not { ConstructorArguments.Length: 1 } attribute
            || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol entryPoint
            || !EntryPoint.Is(entryPoint)
            || compilation.GetTypesByMetadataName("Xunit.FactAttribute").IsEmpty
            || compilation.GetTypesByMetadataName("Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory`1").IsEmpty)
            return null; // the paired analyzer (AIB5010) says why

        var manifest = entryPoint.ContainingAssembly.GetAttributes();
        var endpoints = new List<ProtectedEndpointModel>();
        foreach (var endpoint in manifest.Where(a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.GeneratedEndpointAttribute && a.ConstructorArguments.Length == 2))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Named(endpoint, "AllowAnonymous") is true)
                continue;
            var method = endpoint.ConstructorArguments[0].Value as string ?? "GET";
            var route = endpoint.ConstructorArguments[1].Value as string ?? "/";
            endpoints.Add(new ProtectedEndpointModel(Named(endpoint, "Name") as string ?? method + route, method, SamplePath(route)));
        }

        var resources = WithParents(manifest
            .Where(a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.GeneratedResourceAttribute && a.ConstructorArguments.Length == 4)
            .Select(Resource)
            .Where(r => r is not null)
            .Select(r => r!)
            .ToList());

        var ns = context.TargetSymbol is IAssemblySymbol assembly ? assembly.Name : "Tests";
        return new EndpointTestsModel(
            entryPoint.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Identifier(ns) + ".Generated",
            endpoints.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(),
            resources.OrderBy(r => r.Name, StringComparer.Ordinal).ToEquatableArray());
    }

    private static ResourceTestModel? Resource(AttributeData attribute)
    {
        var route = attribute.ConstructorArguments[0].Value as string;
        if (route is null || attribute.ConstructorArguments[1].Value is not INamedTypeSymbol response
            || attribute.ConstructorArguments[2].Value is not INamedTypeSymbol create || attribute.ConstructorArguments[3].Value is not INamedTypeSymbol update)
            return null;

        // Tests live in another assembly: internal DTOs cannot be named there, so such resources get no typed tests.
        if (response.DeclaredAccessibility != Accessibility.Public || create.DeclaredAccessibility != Accessibility.Public || update.DeclaredAccessibility != Accessibility.Public)
            return null;

        var keyJson = Named(attribute, "Key") as string ?? "id";
        var concurrencyJson = Named(attribute, "ConcurrencyToken") as string;
        var responseMembers = Properties(response).ToList();
        var key = responseMembers.FirstOrDefault(p => JsonNames.CamelCase(p.Name) == keyJson);
        var createValues = Samples(create, responseMembers, variant: 0, skip: null);
        // A natural key (a string key the create request carries) must differ for every item the tests create.
        if (key is not null && createValues is { } values && Properties(create).FirstOrDefault(p => p.Name == key.Name) is { } naturalKey)
            createValues = SampleValues.UniqueKey(naturalKey) is { } unique
                ? values.Select(v => v.Member == key.Name ? v with { Expression = unique } : v).ToEquatableArray()
                : null;
        var updateValues = Samples(update, responseMembers, variant: 1, skip: concurrencyJson);
        if (key is null || createValues is null || updateValues is null)
            return null; // no valid sample data to be derived: no round trip test rather than a wrong one

        // A foreign key is never a made-up number: the tests create the parent first and send its key (parent0.Id…),
        // and an update keeps the parent the item already has.
        var parentMembers = NamedStrings(attribute, "ParentMembers");
        var parentRoutes = NamedStrings(attribute, "ParentRoutes");
        var parentExpansions = NamedStrings(attribute, "ParentExpansions");
        if (parentMembers.Count != parentRoutes.Count)
            return null;
        var parents = new List<ParentTestModel>();
        for (var i = 0; i < parentMembers.Count; i++)
        {
            var member = parentMembers[i];
            if (!createValues.Value.Any(v => v.Member == member) || responseMembers.All(r => r.Name != member))
                return null;
            // Only a nesting member the response really has (an API built by another version may name none).
            var expansion = parentExpansions.Count == parentMembers.Count && responseMembers.Any(r => r.Name == parentExpansions[i]) ? parentExpansions[i] : null;
            parents.Add(new ParentTestModel(member, JsonNames.CamelCase(member), parentRoutes[i], "parent" + i) { Expansion = expansion });
        }

        var updateSamples = updateValues.Value.Select(v => parents.Any(p => p.Member == v.Member) ? v with { Expression = "item." + v.Member } : v).ToEquatableArray();

        var filters = NamedStrings(attribute, "Filter");
        var invalid = Properties(create).Where(p => !parentMembers.Contains(p.Name)).Select(SampleValues.Invalid).FirstOrDefault(i => i is not null);
        var name = response.Name.EndsWith("Response", StringComparison.Ordinal) ? response.Name.Substring(0, response.Name.Length - "Response".Length) : response.Name;
        return new ResourceTestModel(
            name,
            route,
            response.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            create.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            update.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            key.Name,
            key.Type.ToDisplayString() switch { "System.Guid" => "6f9619ff-8b86-d011-b42d-00c04fc964ff", "string" => "sample", _ => "1" },
            Named(attribute, "Owned") is true,
            concurrencyJson is null ? null : responseMembers.FirstOrDefault(p => JsonNames.CamelCase(p.Name) == concurrencyJson)?.Name,
            Named(attribute, "MaxPageSize") as int? ?? 100,
            Named(attribute, "AllowAnonymous") is true,
            createValues.Value,
            updateSamples,
            invalid,
            parents.ToEquatableArray(),
            Split(Named(attribute, "Roles") as string),
            NamedStrings(attribute, "Policies").Where(p => p.Length > 0).ToEquatableArray())
        {
            // An API built before RoleOperations existed had roles on the entity only: every operation needs them.
            RoleOperations = Split(Named(attribute, "Roles") as string).Length == 0 ? Shared.Resources.ResourceOperations.None
                : Named(attribute, "RoleOperations") is int refused ? (Shared.Resources.ResourceOperations)refused : Shared.Resources.ResourceOperations.All,
            Operations = Named(attribute, "Operations") is int operations ? (Shared.Resources.ResourceOperations)operations : Shared.Resources.ResourceOperations.All,
            Filters = filters.ToEquatableArray(),
            RejectedQuery = responseMembers.Select(p => JsonNames.CamelCase(p.Name)).FirstOrDefault(json => !filters.Contains(json) && json is not ("page" or "pageSize" or "sort")) ?? "notAFilter",
            Filter = QueryTest(filters, createValues.Value, updateSamples, parentMembers, concurrencyJson),
            Sort = QueryTest(NamedStrings(attribute, "Sort"), createValues.Value, updateSamples, parentMembers, concurrencyJson),
        };
    }

    /// <summary>
    /// The first of <paramref name="names"/> a test can use: a create member shown in the response, not a parent's key
    /// or the token, whose update sample differs from its create sample (two items that a filter or a sort tells apart).
    /// </summary>
    private static QueryTestModel? QueryTest(List<string> names, EquatableArray<SampleValueModel> create, EquatableArray<SampleValueModel> update, List<string> parents, string? token)
    {
        foreach (var json in names)
        {
            var first = create.FirstOrDefault(v => JsonNames.CamelCase(v.Member) == json);
            var second = update.FirstOrDefault(v => JsonNames.CamelCase(v.Member) == json);
            if (first is { InResponse: true } && second is not null && first.Expression != second.Expression && first.Expression != "null" && second.Expression != "null"
                && !parents.Contains(first.Member) && json != token)
                return new QueryTestModel(first.Member, json, second.Expression);
        }

        return null;
    }

    private static EquatableArray<string> Split(string? roles) =>
        (roles ?? "").Split(',').Select(r => r.Trim()).Where(r => r.Length > 0).ToEquatableArray();

    /// <summary>
    /// Resolves each parent to the resource at its route, with that resource's key, and gives each resource the roles and
    /// policies of its whole parent chain (its tests create the parents with the same client). A resource whose parent
    /// has no typed tests (not a resource, internal DTOs, a cycle of required parents) gets none either.
    /// </summary>
    private static List<ResourceTestModel> WithParents(List<ResourceTestModel> resources)
    {
        var byRoute = new Dictionary<string, ResourceTestModel>(StringComparer.Ordinal);
        foreach (var resource in resources)
            byRoute[resource.Route] = resource;

        var resolved = new List<ResourceTestModel>();
        foreach (var resource in resources)
        {
            if (Resolve(resource, byRoute, new HashSet<string>(StringComparer.Ordinal)) is { } model)
                resolved.Add(model);
        }

        return resolved;
    }

    private static ResourceTestModel? Resolve(ResourceTestModel resource, Dictionary<string, ResourceTestModel> byRoute, HashSet<string> chain)
    {
        if (resource.Parents.Length == 0)
            return resource;
        if (!chain.Add(resource.Route))
            return null;

        var roles = resource.Roles.ToList();
        var policies = resource.Policies.ToList();
        var parents = new List<ParentTestModel>();
        var create = resource.Create.ToList();
        foreach (var parent in resource.Parents)
        {
            if (!byRoute.TryGetValue(parent.Route, out var target) || !target.Has(Shared.Resources.ResourceOperations.Create) || Resolve(target, byRoute, chain) is not { } resolved)
                return null;
            roles.AddRange(resolved.Roles.Where(r => !roles.Contains(r)));
            policies.AddRange(resolved.Policies.Where(p => !policies.Contains(p)));
            parents.Add(parent with { Owned = resolved.Owned });
            create = create.Select(v => v.Member == parent.Member ? v with { Expression = parent.Variable + "." + resolved.KeyMember } : v).ToList();
        }

        chain.Remove(resource.Route);
        return resource with { Parents = parents.ToEquatableArray(), Roles = roles.ToEquatableArray(), Policies = policies.ToEquatableArray(), Create = create.ToEquatableArray() };
    }

    private static EquatableArray<SampleValueModel>? Samples(INamedTypeSymbol request, List<IPropertySymbol> response, int variant, string? skip)
    {
        var values = new List<SampleValueModel>();
        foreach (var property in Properties(request))
        {
            if (JsonNames.CamelCase(property.Name) == skip)
                continue; // the concurrency token comes from the last read
            if (SampleValues.Valid(property, variant) is not { } value)
                return null;
            values.Add(new SampleValueModel(property.Name, value, response.Any(r => r.Name == property.Name)));
        }

        return values.ToEquatableArray();
    }

    private static IEnumerable<IPropertySymbol> Properties(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && p.DeclaredAccessibility == Accessibility.Public && p.Name != "EqualityContract");

    /// <summary>The route with sample values: 1 for int/long, a fixed Guid, "sample" otherwise.</summary>
    public static string SamplePath(string route) =>
        RouteParameter.Replace(route, m => Constraint.Match(m.Value).Groups["constraint"].Value.ToLowerInvariant() switch
        {
            "int" or "long" => "1",
            "guid" => "6f9619ff-8b86-d011-b42d-00c04fc964ff",
            "bool" => "true",
            "datetime" => "2030-01-01",
            _ => "sample",
        });

    private static List<string> NamedStrings(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == name).Value is { Kind: TypedConstantKind.Array, IsNull: false } array
            ? array.Values.Select(v => v.Value as string ?? "").ToList()
            : new List<string>();

    private static object? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == name).Value.Value;

    private static string Identifier(string name) => Regex.Replace(name, "[^A-Za-z0-9_.]", "_", RegexOptions.None, TimeSpan.FromSeconds(1));
}
