using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using AiBackend.Shared.Authorization;
using AiBackend.Shared.Documentation;
using AiBackend.Shared.Validation;

namespace AiBackend.Shared.Endpoints;

/// <summary>What can be wrong with an <c>[Endpoint]</c> class. Each kind maps to one AIB5xxx rule.</summary>
internal enum EndpointProblemKind
{
    NotPartial,
    NoHandler,
    AmbiguousHandler,
    HandlerNotStatic,
    GenericHandler,
    InvalidMethod,
    UnknownMethod,
    InvalidRoute,
    GenericType,
    NotAccessible,
    RouteParameterUnbound,
    HandlerParameterNotInRoute,
}

/// <summary>One problem with its precise location and a message sentence.</summary>
internal sealed class EndpointProblem
{
    public EndpointProblem(EndpointProblemKind kind, Location location, string message)
    {
        Kind = kind;
        Location = location;
        Message = message;
    }

    public EndpointProblemKind Kind { get; }

    public Location Location { get; }

    public string Message { get; }

    /// <summary>Parameter mismatches and an unknown method are warnings: the endpoint is still mapped.</summary>
    public bool StopsGeneration => Kind is not (EndpointProblemKind.RouteParameterUnbound or EndpointProblemKind.HandlerParameterNotInRoute or EndpointProblemKind.UnknownMethod);
}

/// <summary>
/// Reads an <c>[Endpoint]</c> class. The generator and the paired analyzer both use this one reader, so the
/// generator skips exactly the classes the analyzer reports, and never silently.
/// </summary>
internal sealed class EndpointDeclaration
{
    private static readonly string[] HandlerNames = { "Handle", "HandleAsync" };

    private EndpointDeclaration(INamedTypeSymbol type)
    {
        Type = type;
    }

    public INamedTypeSymbol Type { get; }

    public IMethodSymbol? Handler { get; private set; }

    public string Method { get; private set; } = "";

    public string Route { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The attribute's own OpenAPI tags.</summary>
    public List<string> Tags { get; } = new();

    /// <summary>The enclosing <c>[EndpointGroup]</c> classes, outermost first.</summary>
    public List<EndpointGroupDeclaration> Groups { get; } = new();

    /// <summary>The route as mapped: the groups' prefixes and the endpoint's own template.</summary>
    public string FullRoute => RouteTemplate.Combine(Groups.Select(g => g.Prefix).Concat(new[] { Route }));

    /// <summary>The handler's (else the class's) doc comment XML: the OpenAPI summary and description.</summary>
    public string? DocumentationXml { get; private set; }

    /// <summary>Handler parameters bound from the body whose type has validation attributes: (parameter index, type).</summary>
    public List<(int Index, ITypeSymbol Type)> ValidatedParameters { get; } = new();

    /// <summary>True when the class or its handler carries <c>[AllowAnonymous]</c>.</summary>
    public bool AllowAnonymous { get; private set; }

    /// <summary>The <c>[Authorize]</c> attributes on the class (the handler's own are read by ASP.NET Core itself).</summary>
    public List<AuthorizeData> Authorize { get; } = new();

    public List<EndpointProblem> Problems { get; } = new();

    /// <summary>Reads the declaration, or returns null when the attribute itself does not bind (the compiler reports that).</summary>
    public static EndpointDeclaration? Read(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 2)
            return null;

        var declaration = new EndpointDeclaration(type);
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var identifier = IdentifierLocation(type, cancellationToken);

        declaration.ReadShape(identifier, cancellationToken);
        declaration.ReadMethodAndRoute(attribute, attributeSyntax, identifier);
        declaration.ReadHandler(identifier);
        declaration.ReadAuthorization();
        declaration.ReadGroups(cancellationToken);
        declaration.ReadBinding(attributeSyntax, identifier, cancellationToken);
        return declaration;
    }

    private void ReadShape(Location identifier, CancellationToken cancellationToken)
    {
        if (Type.IsGenericType)
            Problems.Add(new(EndpointProblemKind.GenericType, identifier, $"Endpoint class '{Type.Name}' cannot be generic"));

        for (var current = Type; current is not null; current = current.ContainingType)
        {
            var location = IdentifierLocation(current, cancellationToken);
            if (!IsPartial(current, cancellationToken))
            {
                var message = SymbolEqualityComparer.Default.Equals(current, Type)
                    ? $"Endpoint class '{Type.Name}' must be declared 'partial' so the generator can add its mapping code"
                    : $"Type '{current.Name}' contains the endpoint class '{Type.Name}' and must be declared 'partial'";
                Problems.Add(new(EndpointProblemKind.NotPartial, location, message));
            }

            if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                Problems.Add(new(EndpointProblemKind.NotAccessible, location, $"Endpoint class '{Type.Name}' must be visible to its assembly: '{current.Name}' is {AccessibilityText(current.DeclaredAccessibility)}"));

            if (!SymbolEqualityComparer.Default.Equals(current, Type) && current.IsGenericType)
                Problems.Add(new(EndpointProblemKind.GenericType, location, $"Endpoint class '{Type.Name}' cannot be nested in the generic type '{current.Name}'"));
        }
    }

    private void ReadMethodAndRoute(AttributeData attribute, AttributeSyntax? syntax, Location fallback)
    {
        var method = attribute.ConstructorArguments[0].Value as string;
        var route = attribute.ConstructorArguments[1].Value as string;
        var arguments = syntax?.ArgumentList?.Arguments;
        var methodLocation = arguments is { Count: > 0 } a0 ? a0[0].GetLocation() : fallback;
        var routeLocation = arguments is { Count: > 1 } a1 ? a1[1].GetLocation() : fallback;

        if (!HttpMethodName.IsValid(method))
            Problems.Add(new(EndpointProblemKind.InvalidMethod, methodLocation, method is null ? "The HTTP method cannot be null" : $"'{method}' is not a valid HTTP method"));
        else
            Method = HttpMethodName.Normalize(method!);
        if (HttpMethodName.IsValid(method) && !HttpMethodName.IsKnown(method!))
            Problems.Add(new(EndpointProblemKind.UnknownMethod, methodLocation, $"'{method}' is not an HTTP method clients know (RFC 9110 and IANA's registry): the endpoint only answers requests that send exactly this method"));

        var template = RouteTemplate.Parse(route);
        if (template.Error is not null)
            Problems.Add(new(EndpointProblemKind.InvalidRoute, routeLocation, route is null ? "The route template cannot be null" : $"Route template '{route}' is invalid: {template.Error}"));
        else
            Route = route!;

        Name = Type.Name;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Name" && named.Value.Value is string name && name.Length > 0)
                Name = name;
            else if (named.Key == "Tags" && named.Value is { Kind: TypedConstantKind.Array, IsNull: false })
                Tags.AddRange(named.Value.Values.Select(v => v.Value as string).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!));
        }
    }

    private void ReadHandler(Location identifier)
    {
        var candidates = Type.GetMembers()
            .OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary && Array.IndexOf(HandlerNames, m.Name) >= 0)
            .ToList();
        var statics = candidates.Where(m => m.IsStatic).ToList();

        if (statics.Count == 1)
        {
            Handler = statics[0];
            if (Handler.IsGenericMethod)
                Problems.Add(new(EndpointProblemKind.GenericHandler, Handler.Locations.FirstOrDefault() ?? identifier, $"Handler '{Type.Name}.{Handler.Name}' cannot be generic: route values cannot choose a type argument"));
        }
        else if (statics.Count > 1)
        {
            Problems.Add(new(EndpointProblemKind.AmbiguousHandler, statics[1].Locations.FirstOrDefault() ?? identifier, $"Endpoint class '{Type.Name}' has {statics.Count} static Handle/HandleAsync methods; keep exactly one"));
        }
        else if (candidates.Count > 0)
        {
            Problems.Add(new(EndpointProblemKind.HandlerNotStatic, candidates[0].Locations.FirstOrDefault() ?? identifier, $"Handler '{Type.Name}.{candidates[0].Name}' must be static"));
        }
        else
        {
            Problems.Add(new(EndpointProblemKind.NoHandler, identifier, $"Endpoint class '{Type.Name}' needs a static 'Handle' or 'HandleAsync' method"));
        }
    }

    private void ReadAuthorization()
    {
        AllowAnonymous = AuthorizationAttributes.AllowsAnonymous(Type) || (Handler is not null && AuthorizationAttributes.AllowsAnonymous(Handler));
        Authorize.AddRange(AuthorizationAttributes.Authorize(Type));
    }

    private void ReadGroups(CancellationToken cancellationToken)
    {
        for (var current = Type.ContainingType; current is not null; current = current.ContainingType)
        {
            if (EndpointGroupDeclaration.Read(current, cancellationToken) is not { } group)
                continue;
            Groups.Insert(0, group);
            if (group.Problem is not null)
                Problems.Add(group.Problem);
        }
    }

    /// <summary>Route parameters against handler parameters, and which bound bodies need validation.</summary>
    private void ReadBinding(AttributeSyntax? attributeSyntax, Location identifier, CancellationToken cancellationToken)
    {
        if (Handler is null || Problems.Any(p => p.Kind is EndpointProblemKind.InvalidRoute))
            return;

        var handlerSyntax = Handler.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        DocumentationXml = DocComment.RawXml(handlerSyntax) is { } handlerDoc && handlerDoc.Contains("<summary")
            ? handlerDoc
            : DocComment.RawXml(Type.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken));

        var routeParameters = RouteTemplate.Parse(FullRoute).ParameterNames;
        var bindable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Handler.Parameters.Length; i++)
        {
            var parameter = Handler.Parameters[i];
            var fromRoute = parameter.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, KnownTypeNames.FromRouteAttribute));
            var routeName = fromRoute?.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value as string ?? parameter.Name;
            bindable.Add(routeName);
            if (parameter.GetAttributes().Any(a => SymbolNames.Is(a.AttributeClass, KnownTypeNames.AsParametersAttribute)))
            {
                foreach (var member in parameter.Type.GetMembers().OfType<IPropertySymbol>())
                    bindable.Add(member.Name);
                continue;
            }

            if (fromRoute is not null && !routeParameters.Contains(routeName, StringComparer.OrdinalIgnoreCase))
                Problems.Add(new(EndpointProblemKind.HandlerParameterNotInRoute, parameter.Locations.FirstOrDefault() ?? identifier,
                    $"Parameter '{parameter.Name}' of '{Type.Name}.{Handler.Name}' is bound [FromRoute] as '{routeName}', but route '{FullRoute}' has no such parameter"));

            if (IsBodyCandidate(parameter) && ValidationRules.HasAny(parameter.Type))
                ValidatedParameters.Add((i, parameter.Type));
        }

        var routeLocation = attributeSyntax?.ArgumentList?.Arguments is { Count: > 1 } arguments ? arguments[1].GetLocation() : identifier;
        foreach (var name in routeParameters.Where(n => !bindable.Contains(n)))
            Problems.Add(new(EndpointProblemKind.RouteParameterUnbound, routeLocation,
                $"Route parameter '{name}' of '{FullRoute}' has no matching parameter in '{Type.Name}.{Handler.Name}'"));
    }

    // A class or record parameter that is neither a service nor a framework type: what minimal APIs bind from the body.
    private static bool IsBodyCandidate(IParameterSymbol parameter)
    {
        if (parameter.Type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || parameter.Type.SpecialType != SpecialType.None)
            return false;
        if (parameter.GetAttributes().Any(a => a.AttributeClass?.Name is "FromServicesAttribute" or "FromKeyedServicesAttribute" or "FromQueryAttribute" or "FromRouteAttribute" or "FromHeaderAttribute" or "AsParametersAttribute"))
            return false;
        // A DbContext is a service, and reading its many DbSet properties on every keystroke would be wasted work.
        return !SymbolNames.IsInNamespace(parameter.Type, "System") && !SymbolNames.IsInNamespace(parameter.Type, "Microsoft")
            && !SymbolNames.DerivesFrom(parameter.Type as INamedTypeSymbol, KnownTypeNames.DbContext);
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    internal static Location IdentifierLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is BaseTypeDeclarationSyntax declaration)
                return declaration.Identifier.GetLocation();
        }

        return type.Locations.FirstOrDefault() ?? Location.None;
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        _ => "private protected",
    };
}
