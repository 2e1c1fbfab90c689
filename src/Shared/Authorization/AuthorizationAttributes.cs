using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiBackend.Shared.Authorization;

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

/// <summary>Reads <c>[AllowAnonymous]</c> and <c>[Authorize]</c> (and attributes derived from them) off a symbol.</summary>
internal static class AuthorizationAttributes
{
    public static bool AllowsAnonymous(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => SymbolNames.DerivesFrom(a.AttributeClass, KnownTypeNames.AllowAnonymousAttribute));

    public static List<AuthorizeData> Authorize(ISymbol symbol)
    {
        var result = new List<AuthorizeData>();
        foreach (var attribute in symbol.GetAttributes())
        {
            if (!SymbolNames.DerivesFrom(attribute.AttributeClass, KnownTypeNames.AuthorizeAttribute))
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

            result.Add(new AuthorizeData(policy, roles, schemes));
        }

        return result;
    }
}
