using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
    InvalidRoute,
    GenericType,
    NotAccessible,
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
}

/// <summary>The data of one <c>[Authorize]</c> attribute.</summary>
internal sealed class AuthorizeData
{
    public AuthorizeData(string? policy, string? roles, string? authenticationSchemes)
    {
        Policy = policy;
        Roles = roles;
        AuthenticationSchemes = authenticationSchemes;
    }

    public string? Policy { get; }

    public string? Roles { get; }

    public string? AuthenticationSchemes { get; }
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
        AllowAnonymous = HasAttribute(Type.GetAttributes(), KnownTypeNames.AllowAnonymousAttribute)
            || (Handler is not null && HasAttribute(Handler.GetAttributes(), KnownTypeNames.AllowAnonymousAttribute));

        foreach (var attribute in Type.GetAttributes())
        {
            if (!DerivesFrom(attribute.AttributeClass, KnownTypeNames.AuthorizeAttribute))
                continue;

            var policy = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            string? roles = null, schemes = null;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Policy": policy = named.Value.Value as string; break;
                    case "Roles": roles = named.Value.Value as string; break;
                    case "AuthenticationSchemes": schemes = named.Value.Value as string; break;
                }
            }

            Authorize.Add(new AuthorizeData(policy, roles, schemes));
        }
    }

    private static bool HasAttribute(IEnumerable<AttributeData> attributes, string metadataName) =>
        attributes.Any(a => DerivesFrom(a.AttributeClass, metadataName));

    private static bool DerivesFrom(INamedTypeSymbol? type, string metadataName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == metadataName)
                return true;
        }

        return false;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static Location IdentifierLocation(INamedTypeSymbol type, CancellationToken cancellationToken)
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
