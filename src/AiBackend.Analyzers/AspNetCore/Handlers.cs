using System;
using System.Linq;
using AiBackend.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.AspNetCore;

/// <summary>
/// Recognises request handlers: controller actions, Razor Pages handlers, generated endpoint handlers, and the
/// delegates passed to minimal-API <c>Map*</c> calls (directly or on a route group).
/// </summary>
internal static class Handlers
{
    private static readonly string[] MapMethods = { "Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapFallback" };

    /// <summary>A method whose parameters ASP.NET Core binds from the request; the route template when known.</summary>
    public static bool IsHandlerMethod(IMethodSymbol method, out string? routeTemplate)
    {
        routeTemplate = null;
        if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } type)
            return false;

        if (method.Name is "Handle" or "HandleAsync" && method.IsStatic
            && type.GetAttributes().FirstOrDefault(a => TypeNames.Is(a.AttributeClass, KnownTypeNames.EndpointAttribute)) is { } endpoint)
        {
            routeTemplate = endpoint.ConstructorArguments.Length > 1 ? endpoint.ConstructorArguments[1].Value as string : null;
            return true;
        }

        if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic || type.IsAbstract
            || method.GetAttributes().Any(a => TypeNames.Is(a.AttributeClass, "Microsoft.AspNetCore.Mvc.NonActionAttribute")))
            return false;

        if (TypeNames.DerivesFrom(type, "Microsoft.AspNetCore.Mvc.ControllerBase")
            || type.GetAttributes().Any(a => TypeNames.Is(a.AttributeClass, "Microsoft.AspNetCore.Mvc.ApiControllerAttribute")))
        {
            routeTemplate = string.Join("/", type.GetAttributes().Concat(method.GetAttributes())
                .Where(a => a.AttributeClass?.Name is { } name && (name.StartsWith("Http", StringComparison.Ordinal) || name == "RouteAttribute"))
                .SelectMany(a => a.ConstructorArguments)
                .Select(a => a.Value as string)
                .Where(t => t is not null));
            return true;
        }

        return method.Name.StartsWith("On", StringComparison.Ordinal)
            && TypeNames.DerivesFrom(type, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
    }

    /// <summary>
    /// The route of a controller action as ASP.NET Core builds it: the controller's <c>[Route]</c> (inherited) joined
    /// with the action's first template by one '/', a template starting with '/' or '~/' replacing the controller's, and
    /// <c>[controller]</c>, <c>[action]</c> and <c>[area]</c> expanded. Null for a conventionally routed action.
    /// </summary>
    public static string? ActionRoute(IMethodSymbol action)
    {
        if (action.ContainingType is not { } type)
            return null;
        string? typeTemplate = null;
        for (var current = type; current is not null && typeTemplate is null; current = current.BaseType)
            typeTemplate = Templates(current).FirstOrDefault();
        var actionTemplate = Templates(action).FirstOrDefault();
        if (typeTemplate is null && actionTemplate is null)
            return null;

        var template = actionTemplate is not null && (actionTemplate.StartsWith("/", StringComparison.Ordinal) || actionTemplate.StartsWith("~/", StringComparison.Ordinal))
            ? RoutePaths.Join("", actionTemplate)
            : RoutePaths.Join(typeTemplate ?? "", actionTemplate ?? "");
        return ReplaceToken(ReplaceToken(ReplaceToken(template, "[controller]", ControllerName(type)), "[action]", ActionName(action)), "[area]", Area(type) ?? "");
    }

    /// <summary>The controller's name in routes: its type name without the "Controller" suffix.</summary>
    public static string ControllerName(INamedTypeSymbol type) =>
        type.Name.EndsWith("Controller", StringComparison.Ordinal) && type.Name.Length > "Controller".Length
            ? type.Name.Substring(0, type.Name.Length - "Controller".Length)
            : type.Name;

    /// <summary>The action's name in routes: [ActionName], or the method name without "Async" (MVC's default).</summary>
    public static string ActionName(IMethodSymbol action)
    {
        if (action.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "ActionNameAttribute") is { ConstructorArguments.Length: > 0 } named
            && named.ConstructorArguments[0].Value is string name)
            return name;
        return action.Name.EndsWith("Async", StringComparison.Ordinal) && action.Name.Length > "Async".Length
            ? action.Name.Substring(0, action.Name.Length - "Async".Length)
            : action.Name;
    }

    private static string? Area(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "AreaAttribute") is { ConstructorArguments.Length: > 0 } area)
                return area.ConstructorArguments[0].Value as string;
        }

        return null;
    }

    private static System.Collections.Generic.IEnumerable<string> Templates(ISymbol symbol) =>
        symbol.GetAttributes()
            .Where(a => a.AttributeClass?.Name is { } name && (name.StartsWith("Http", StringComparison.Ordinal) || name == "RouteAttribute"))
            .SelectMany(a => a.ConstructorArguments)
            .Select(a => a.Value as string)
            .Where(t => t is not null)!;

    private static string ReplaceToken(string template, string token, string value)
    {
        var index = template.IndexOf(token, StringComparison.OrdinalIgnoreCase);
        while (index >= 0)
        {
            template = template.Substring(0, index) + value + template.Substring(index + token.Length);
            index = template.IndexOf(token, index + value.Length, StringComparison.OrdinalIgnoreCase);
        }

        return template;
    }

    /// <summary>A minimal-API <c>Map*</c> call with a handler delegate; the route template when it is a constant.</summary>
    public static bool IsHandlerRegistration(IInvocationOperation invocation, out string? routeTemplate)
    {
        routeTemplate = null;
        var method = invocation.TargetMethod;
        if (Array.IndexOf(MapMethods, method.Name) < 0
            || method.ContainingType?.Name != "EndpointRouteBuilderExtensions"
            || !invocation.Arguments.Any(a => a.Parameter?.Type is { TypeKind: TypeKind.Delegate } or { SpecialType: SpecialType.System_Delegate }))
            return false;

        routeTemplate = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value.ConstantValue.Value as string;
        return true;
    }

    /// <summary>The lambda or method group a <c>Map*</c> call registers, if the operation is one.</summary>
    public static bool IsRegisteredHandler(IAnonymousFunctionOperation lambda)
    {
        IOperation? current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
            current = current.Parent;
        return current is IArgumentOperation { Parent: IInvocationOperation invocation } && IsHandlerRegistration(invocation, out _);
    }
}
