using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiBackend.Shared.Authorization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Shared.Endpoints;

/// <summary>A class with <c>[EndpointGroup]</c>: a route prefix, tags and an authorization decision shared by the endpoints nested in it.</summary>
internal sealed class EndpointGroupDeclaration
{
    private EndpointGroupDeclaration(INamedTypeSymbol type, string prefix, List<string> tags)
    {
        Type = type;
        Prefix = prefix;
        Tags = tags;
    }

    public INamedTypeSymbol Type { get; }

    public string Prefix { get; }

    public List<string> Tags { get; }

    public bool AllowAnonymous { get; private set; }

    public List<AuthorizeData> Authorize { get; } = new();

    public EndpointProblem? Problem { get; private set; }

    /// <summary>The group <paramref name="type"/> declares, or null when it has no <c>[EndpointGroup]</c>.</summary>
    public static EndpointGroupDeclaration? Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var attribute = type.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, KnownTypeNames.EndpointGroupAttribute));
        if (attribute is null || attribute.ConstructorArguments.Length != 1)
            return null;

        var prefix = attribute.ConstructorArguments[0].Value as string;
        var tags = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Tags").Value is { Kind: TypedConstantKind.Array, IsNull: false } array
            ? array.Values.Select(v => v.Value as string).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList()
            : new List<string>();
        var group = new EndpointGroupDeclaration(type, prefix ?? "", tags)
        {
            AllowAnonymous = AuthorizationAttributes.AllowsAnonymous(type),
        };
        group.Authorize.AddRange(AuthorizationAttributes.Authorize(type));

        var template = RouteTemplate.Parse(prefix);
        if (template.Error is not null)
        {
            var location = (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation()
                ?? EndpointDeclaration.IdentifierLocation(type, cancellationToken);
            group.Problem = new EndpointProblem(EndpointProblemKind.InvalidRoute, location,
                prefix is null ? "The group prefix cannot be null" : $"Group prefix '{prefix}' is invalid: {template.Error}");
        }

        return group;
    }
}
