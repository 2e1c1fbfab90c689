using System;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// Recognises code whose job is to hand the caller its own bearer token: login, token and refresh endpoints, the
/// token services they call, and endpoints that answer the signed-in caller about themselves (their session, their
/// licence). Returning the token there is the point; returning one anywhere else is a leak.
/// </summary>
internal static class TokenIssuingContext
{
    /// <summary>Words in a method, type or route name that say "this authenticates the caller and issues a token".</summary>
    private static readonly string[] IssuingWords = { "login", "signin", "signup", "register", "authenticate", "token", "jwt", "refresh" };

    /// <summary>
    /// Tokens that must travel out of band (e-mailed links, codes) or that a caller gives up: a "token" endpoint about
    /// those is not handing out the caller's credentials, and returning one is an account takeover.
    /// </summary>
    private static readonly string[] OutOfBandWords = { "reset", "confirm", "verif", "email", "phone", "change", "twofactor", "recovery", "invit", "revoke" };

    /// <summary>Names with a token word that are about something else: every handler may take a <c>CancellationToken</c>.</summary>
    private static readonly string[] UnrelatedWords = { "cancellation" };

    /// <summary>
    /// Whether the function (lambda, local function or method body) containing <paramref name="span"/> in
    /// <paramref name="root"/> issues tokens; <paramref name="owner"/> is the member that owns the root.
    /// </summary>
    public static bool Contains(IOperation root, ISymbol? owner, TextSpan span)
    {
        IOperation function = root;
        foreach (var operation in root.Descendants())
        {
            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation
                && operation.Syntax.Span.Contains(span) && operation.Syntax.Span.Length < function.Syntax.Span.Length)
                function = operation;
        }

        return Issues(function, owner);
    }

    /// <summary>Whether the function that contains <paramref name="operation"/> issues tokens.</summary>
    public static bool Around(IOperation operation, ISymbol? owner)
    {
        var function = operation;
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            function = parent;
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                break;
        }

        return Issues(function, owner);
    }

    /// <summary>
    /// A function issues tokens when its own name, its route or a parameter's type says so (<c>Login</c>,
    /// <c>MapPost("/auth/refresh", …)</c>, <c>(LoginRequest request) =&gt;</c>), or when it calls something that does
    /// (<c>handler.WriteToken(jwt)</c>, <c>tokens.GenerateAccessToken(user)</c>, <c>signIn.PasswordSignInAsync(…)</c>).
    /// </summary>
    private static bool Issues(IOperation function, ISymbol? owner)
    {
        IMethodSymbol? method;
        string? route = null;
        switch (function)
        {
            case IAnonymousFunctionOperation lambda:
                method = lambda.Symbol;
                route = RegisteredRoute(lambda);
                break;
            case ILocalFunctionOperation local:
                method = local.Symbol;
                break;
            default:
                method = owner as IMethodSymbol;
                if (method is not null)
                    Handlers.IsHandlerMethod(method, out route);
                break;
        }

        // An endpoint keyed by a route parameter (/users/{id}/tokens) acts on someone the request names, not the caller.
        if (route is not null && route.IndexOf('{') >= 0)
            return false;
        if (method is not null && (Says(method.Name) || method.Parameters.Any(p => Says(p.Type.Name))))
            return true;
        if (route is not null && RouteSays(route))
            return true;
        if (method is not null && AboutTheCaller(function, method))
            return true;

        foreach (var operation in function.Descendants())
        {
            if (operation is IInvocationOperation invocation && Says(invocation.TargetMethod.Name)
                || operation is IObjectCreationOperation { Type: { } created } && Says(created.Name))
                return true;
        }

        return false;
    }

    /// <summary>
    /// A handler that works on the signed-in caller (reads <c>User</c>, takes the <c>ClaimsPrincipal</c>, or gets the
    /// user from an action filter that reads <c>HttpContext.User</c>) and takes nothing from the request that could name
    /// someone else: what it returns is the caller's own.
    /// </summary>
    private static bool AboutTheCaller(IOperation function, IMethodSymbol method)
    {
        if (method.Parameters.Any(NamesSomeone))
            return false;
        return method.Parameters.Any(p => p.Type.Name == "ClaimsPrincipal")
               || (HandlerFactReader.In(function) & HandlerFacts.UsesCurrentUser) != 0
               || method.Parameters.Any(IsNotBound) && CallerFilters.ReadCurrentUser(method);
    }

    /// <summary>A parameter the request fills: a simple value, anything marked [From…] but services, or an unmarked object (a body).</summary>
    private static bool NamesSomeone(IParameterSymbol parameter) =>
        !IsNotBound(parameter) && parameter.Type.TypeKind != TypeKind.Interface
        && parameter.Type.Name is not ("ClaimsPrincipal" or "HttpContext" or "HttpRequest" or "CancellationToken");

    /// <summary>[BindNever] or [FromServices]: the server supplies it, the request cannot.</summary>
    private static bool IsNotBound(IParameterSymbol parameter) =>
        parameter.GetAttributes().Any(a => a.AttributeClass?.Name is "BindNeverAttribute" or "FromServicesAttribute" or "FromKeyedServicesAttribute");

    private static string? RegisteredRoute(IAnonymousFunctionOperation lambda)
    {
        IOperation? current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
            current = current.Parent;
        return current is IArgumentOperation { Parent: IInvocationOperation invocation } && Handlers.IsHandlerRegistration(invocation, out var route)
            ? route
            : null;
    }

    private static bool Says(string name) =>
        IssuingWords.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0)
        && !OutOfBandWords.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0)
        && !UnrelatedWords.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>The route's last segment names the job: <c>/auth/login</c>, <c>/connect/token</c>, <c>/token/refresh</c>.</summary>
    private static bool RouteSays(string route)
    {
        var segments = route.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > 0 && Says(segments[segments.Length - 1].Replace("-", "").Replace("_", ""));
    }
}
