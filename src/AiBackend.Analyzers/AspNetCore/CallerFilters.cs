using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Analyzers.AspNetCore;

/// <summary>
/// Action filters of the app's own that look at the caller: <c>[InjectUser]</c> reads <c>context.HttpContext.User</c>
/// and puts the signed-in user into a <c>[BindNever]</c> action argument; <c>[InjectProvider]</c> ends the request
/// with an <c>UnauthorizedObjectResult</c> when the caller may not act for the provider. Read from their source, so
/// only filters declared in the app count.
/// </summary>
internal static class CallerFilters
{
    private static readonly string[] RejectingResults = { "UnauthorizedResult", "UnauthorizedObjectResult", "ForbidResult", "ChallengeResult" };

    private static readonly string[] RejectingStatusCodes = { "Status401Unauthorized", "Status403Forbidden" };

    /// <summary>A filter on the action or its controller (or a base controller) that reads who the caller is.</summary>
    public static bool ReadCurrentUser(IMethodSymbol action) => FiltersOn(action).Any(ReadsCurrentUser);

    /// <summary>A filter on the action or its controller (or a base controller) that turns callers away with 401 or 403.</summary>
    public static bool RejectCallers(IMethodSymbol action) => FiltersOn(action).Any(RejectsCallers);

    /// <summary>The action filter types applied by attributes (<c>[InjectUser]</c>, <c>[ServiceFilter(typeof(…))]</c>, <c>[TypeFilter(typeof(…))]</c>).</summary>
    private static IEnumerable<INamedTypeSymbol> FiltersOn(IMethodSymbol action)
    {
        var attributes = action.GetAttributes().AsEnumerable();
        for (var type = action.ContainingType; type is not null; type = type.BaseType)
            attributes = attributes.Concat(type.GetAttributes());
        foreach (var attribute in attributes)
        {
            var filter = attribute.AttributeClass?.Name is "ServiceFilterAttribute" or "TypeFilterAttribute"
                ? attribute.ConstructorArguments.FirstOrDefault().Value as INamedTypeSymbol
                : attribute.AttributeClass;
            if (filter is not null && IsActionFilter(filter) && filter.DeclaringSyntaxReferences.Length > 0)
                yield return filter;
        }
    }

    private static bool ReadsCurrentUser(INamedTypeSymbol filter) =>
        Source(filter).OfType<MemberAccessExpressionSyntax>().Any(IsHttpContextUser);

    private static bool RejectsCallers(INamedTypeSymbol filter) =>
        Source(filter).Any(node => node switch
        {
            ObjectCreationExpressionSyntax creation => RejectingResults.Contains(TypeName(creation.Type)),
            IdentifierNameSyntax name => RejectingStatusCodes.Contains(name.Identifier.ValueText),
            _ => false,
        });

    private static IEnumerable<SyntaxNode> Source(INamedTypeSymbol filter) =>
        filter.DeclaringSyntaxReferences.SelectMany(r => r.GetSyntax().DescendantNodes());

    private static string TypeName(TypeSyntax type) =>
        type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };

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
