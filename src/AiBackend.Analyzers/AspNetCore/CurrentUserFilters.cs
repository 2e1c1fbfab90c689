using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Analyzers.AspNetCore;

/// <summary>
/// Action filters of the app's own that look at who the caller is (<c>[InjectUser]</c>: reads
/// <c>context.HttpContext.User</c>, puts the signed-in user into a <c>[BindNever]</c> action argument or ends the
/// request). The action then works on the caller, not on someone the request names.
/// </summary>
internal static class CurrentUserFilters
{
    /// <summary>An attribute on the action or its controller that is such a filter.</summary>
    public static bool Applies(IMethodSymbol action) =>
        action.GetAttributes().Concat(action.ContainingType?.GetAttributes() ?? Enumerable.Empty<AttributeData>())
            .Any(a => a.AttributeClass is { } type && ReadsCurrentUser(type));

    /// <summary>An action filter declared in this app whose code reads <c>HttpContext.User</c>.</summary>
    public static bool ReadsCurrentUser(INamedTypeSymbol type)
    {
        if (!IsActionFilter(type))
            return false;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax().DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(IsHttpContextUser))
                return true;
        }

        return false;
    }

    private static bool IsActionFilter(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => i.Name is "IActionFilter" or "IAsyncActionFilter" && i.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Mvc.Filters");

    /// <summary><c>context.HttpContext.User</c>, <c>HttpContext.User</c>.</summary>
    private static bool IsHttpContextUser(MemberAccessExpressionSyntax access) =>
        access.Name.Identifier.ValueText == "User"
        && access.Expression switch
        {
            MemberAccessExpressionSyntax inner => inner.Name.Identifier.ValueText == "HttpContext",
            IdentifierNameSyntax name => name.Identifier.ValueText == "HttpContext",
            _ => false,
        };
}
