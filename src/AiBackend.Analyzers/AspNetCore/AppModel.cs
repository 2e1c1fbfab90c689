using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.AspNetCore;

/// <summary>What an endpoint (or a group, or the code around it) says about authorization.</summary>
internal enum AuthDecision
{
    None,
    Authorized,
    Anonymous,
}

/// <summary>
/// The endpoints of one app and their effective authorization, built once per compilation from facts the analyzer
/// collects while the compiler walks the code (minimal-API <c>Map*</c> calls with their groups and conventions,
/// controller actions, generated endpoints, fallback policies) and resolved when the compilation ends: groups,
/// extension methods that receive the route builder, and <c>MapControllers()</c> conventions are followed to the root.
/// </summary>
internal sealed class AppModel
{
    private readonly ConcurrentBag<Endpoint> _endpoints = new();
    private readonly ConcurrentBag<(IMethodSymbol Method, int Ordinal, BuilderRef Argument)> _callSites = new();
    private readonly ConcurrentBag<AuthDecision> _controllerConventions = new();
    private int _usesAuthorization;
    private int _hasFallbackPolicy;
    private int _controllersFiltered;

    public bool UsesAuthorization => _usesAuthorization != 0;

    /// <summary>Endpoints with no decision of their own are authorized by a fallback policy.</summary>
    public bool HasFallbackPolicy => _hasFallbackPolicy != 0;

    public void AddEndpoint(Endpoint endpoint) => _endpoints.Add(endpoint);

    public void AddCallSite(IMethodSymbol method, int ordinal, BuilderRef argument) => _callSites.Add((method.OriginalDefinition, ordinal, argument));

    public void AddControllerConvention(AuthDecision decision) => _controllerConventions.Add(decision);

    public void MarkUsesAuthorization() => _usesAuthorization = 1;

    public void MarkFallbackPolicy() => _hasFallbackPolicy = 1;

    /// <summary>A global <c>AuthorizeFilter</c>: every controller action requires authorization.</summary>
    public void MarkControllersFiltered() => _controllersFiltered = 1;

    /// <summary>Every endpoint with its route (group prefixes included) and effective decision.</summary>
    public IEnumerable<(Endpoint Endpoint, string Route, AuthDecision Decision)> Resolve()
    {
        var controllerDecision = _controllersFiltered != 0 ? AuthDecision.Authorized : AuthDecision.None;
        foreach (var convention in _controllerConventions)
            controllerDecision = Combine(controllerDecision, convention);

        foreach (var endpoint in _endpoints)
        {
            var decision = Combine(endpoint.Decision, Decide(endpoint.Receiver, 0));
            if (endpoint.IsController)
                decision = Combine(decision, controllerDecision);
            yield return (endpoint, Prefix(endpoint.Receiver, 0) + endpoint.Route, decision);
        }
    }

    /// <summary>[AllowAnonymous] anywhere wins (as in ASP.NET Core); otherwise any authorization requirement applies.</summary>
    public static AuthDecision Combine(AuthDecision a, AuthDecision b) =>
        a == AuthDecision.Anonymous || b == AuthDecision.Anonymous ? AuthDecision.Anonymous
        : a == AuthDecision.Authorized || b == AuthDecision.Authorized ? AuthDecision.Authorized
        : AuthDecision.None;

    private AuthDecision Decide(BuilderRef builder, int depth)
    {
        if (depth > 8)
            return AuthDecision.None;
        switch (builder)
        {
            case GroupRef group:
                return Combine(group.Decision, Decide(group.Parent, depth + 1));
            case ParameterRef parameter:
                // Through an extension method: authorized only if every caller passes an authorized builder.
                var callers = CallersOf(parameter).Select(c => Decide(c, depth + 1)).ToList();
                if (callers.Count == 0)
                    return AuthDecision.None;
                if (callers.Contains(AuthDecision.Anonymous))
                    return AuthDecision.Anonymous;
                return callers.All(c => c == AuthDecision.Authorized) ? AuthDecision.Authorized : AuthDecision.None;
            default:
                return AuthDecision.None;
        }
    }

    private string Prefix(BuilderRef builder, int depth)
    {
        if (depth > 8)
            return "";
        return builder switch
        {
            GroupRef group => Prefix(group.Parent, depth + 1) + group.Prefix,
            ParameterRef parameter => CallersOf(parameter).Select(c => Prefix(c, depth + 1)).FirstOrDefault() ?? "",
            _ => "",
        };
    }

    private IEnumerable<BuilderRef> CallersOf(ParameterRef parameter) =>
        _callSites.Where(c => c.Ordinal == parameter.Ordinal && SymbolEqualityComparer.Default.Equals(c.Method, parameter.Method)).Select(c => c.Argument);
}

/// <summary>One endpoint as declared: its own decision and the builder it was mapped on.</summary>
internal sealed class Endpoint
{
    public Endpoint(string httpMethods, string route, Location location, AuthDecision decision, BuilderRef receiver, bool isController, bool isMinimalApi)
    {
        HttpMethods = httpMethods;
        Route = route;
        Location = location;
        Decision = decision;
        Receiver = receiver;
        IsController = isController;
        IsMinimalApi = isMinimalApi;
    }

    /// <summary>"GET", "POST, PUT", or "*" for any method.</summary>
    public string HttpMethods { get; }

    public string Route { get; }

    public Location Location { get; }

    public AuthDecision Decision { get; }

    public BuilderRef Receiver { get; }

    public bool IsController { get; }

    public bool IsMinimalApi { get; }

    public bool ChangesState =>
        HttpMethods.Split(',').Select(m => m.Trim()).Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE");
}

/// <summary>The route builder an endpoint or group was mapped on.</summary>
internal abstract class BuilderRef
{
    public static readonly BuilderRef Root = new RootRef();

    private sealed class RootRef : BuilderRef
    {
    }
}

internal sealed class GroupRef : BuilderRef
{
    public GroupRef(string prefix, AuthDecision decision, BuilderRef parent, bool restricted = false)
    {
        Prefix = prefix;
        Decision = decision;
        Parent = parent;
        Restricted = restricted;
    }

    /// <summary>Authorization with a named policy or roles: for operators, not for every signed-in user.</summary>
    public bool Restricted { get; }

    public string Prefix { get; }

    public AuthDecision Decision { get; }

    public BuilderRef Parent { get; }
}

/// <summary>A builder received as a method parameter: resolved through that method's call sites.</summary>
internal sealed class ParameterRef : BuilderRef
{
    public ParameterRef(IMethodSymbol method, int ordinal)
    {
        Method = method.OriginalDefinition;
        Ordinal = ordinal;
    }

    public IMethodSymbol Method { get; }

    public int Ordinal { get; }
}

/// <summary>Reads builder expressions: groups, fluent conventions, locals configured later, parameters.</summary>
internal static class EndpointConventions
{
    private const int MaxDepth = 8;

    /// <summary>The builder an expression evaluates to.</summary>
    public static BuilderRef Resolve(IOperation? operation, int depth = 0)
    {
        operation = Unwrap(operation);
        if (operation is null || depth > MaxDepth)
            return BuilderRef.Root;

        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "MapGroup" } group:
                var prefix = group.Arguments.FirstOrDefault(a => a.Parameter?.Name == "prefix")?.Value.ConstantValue.Value as string ?? "";
                return new GroupRef(prefix, AuthDecision.None, Resolve(Receiver(group), depth + 1));
            case IInvocationOperation convention when IsConvention(convention.TargetMethod) && Receiver(convention) is { } inner:
                var resolved = Resolve(inner, depth + 1);
                var decision = DecisionOf(convention.TargetMethod);
                return decision == AuthDecision.None ? resolved : new GroupRef("", decision, resolved, IsRestricting(convention));
            case ILocalReferenceOperation local:
                var initializer = Declaration(local.Local, operation);
                var builder = Resolve(initializer, depth + 1);
                var later = LaterConventions(local.Local, operation);
                return later == AuthDecision.None ? builder : new GroupRef("", later, builder);
            case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } method } parameter }:
                return new ParameterRef(method, parameter.Ordinal);
            default:
                return BuilderRef.Root;
        }
    }

    /// <summary>Conventions applied to the result of <paramref name="call"/>: fluent calls after it, and calls on a local it is stored in.</summary>
    public static AuthDecision AppliedTo(IOperation call)
    {
        var decision = AuthDecision.None;
        var current = call;
        while (true)
        {
            var parent = current.Parent is IArgumentOperation argument ? argument.Parent : current.Parent;
            while (parent is IConversionOperation)
                parent = parent.Parent;
            if (parent is IInvocationOperation next && IsConvention(next.TargetMethod) && ReferenceEquals(Unwrap(Receiver(next)), current))
            {
                decision = AppModel.Combine(decision, DecisionOf(next.TargetMethod));
                current = next;
                continue;
            }

            var stored = parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
            if (stored is not null)
                decision = AppModel.Combine(decision, LaterConventions(stored, call));
            return decision;
        }
    }

    /// <summary><c>RequireAuthorization("Admins")</c>: a policy or roles, not just any signed-in user.</summary>
    public static bool IsRestricting(IInvocationOperation convention) =>
        convention.TargetMethod.Name == "RequireAuthorization" && convention.Arguments.Skip(1).Any(a => a.ArgumentKind == ArgumentKind.Explicit || a.ArgumentKind == ArgumentKind.ParamArray && a.Value.Descendants().Any());

    /// <summary>Whether the builder or any group above it is anonymous or restricted to a policy.</summary>
    public static bool IsPublicOrRestricted(BuilderRef builder, int depth = 0) =>
        depth <= MaxDepth && builder is GroupRef group
        && (group.Restricted || group.Decision == AuthDecision.Anonymous || IsPublicOrRestricted(group.Parent, depth + 1));

    public static AuthDecision DecisionOf(IMethodSymbol method) =>
        method.Name switch
        {
            "RequireAuthorization" => AuthDecision.Authorized,
            "AllowAnonymous" => AuthDecision.Anonymous,
            _ => AuthDecision.None,
        };

    /// <summary>[Authorize] / [AllowAnonymous] on a symbol (a handler lambda, a method, a type and its base types).</summary>
    public static AuthDecision FromAttributes(ISymbol? symbol, bool includeBaseTypes)
    {
        var decision = AuthDecision.None;
        for (var current = symbol; current is not null; current = includeBaseTypes ? (current as INamedTypeSymbol)?.BaseType : null)
        {
            foreach (var attribute in current.GetAttributes())
            {
                var name = attribute.AttributeClass?.Name;
                if (name == "AllowAnonymousAttribute")
                    decision = AppModel.Combine(decision, AuthDecision.Anonymous);
                else if (name == "AuthorizeAttribute" || attribute.AttributeClass?.AllInterfaces.Any(i => i.Name == "IAuthorizeData") == true)
                    decision = AppModel.Combine(decision, AuthDecision.Authorized);
            }

            if (!includeBaseTypes)
                break;
        }

        return decision;
    }

    /// <summary>Builder conventions are extension methods returning their receiver's type (RequireAuthorization, WithName, …).</summary>
    private static bool IsConvention(IMethodSymbol method) =>
        method.Name != "MapGroup" && !method.Name.StartsWith("Map", StringComparison.Ordinal)
        && (method.IsExtensionMethod || method.ReducedFrom is not null || method.Parameters.Length > 0 && method.IsStatic)
        && method.ReturnType is { } type && (type.Name.EndsWith("Builder", StringComparison.Ordinal) || type is ITypeParameterSymbol);

    private static IOperation? Receiver(IInvocationOperation invocation) =>
        invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

    private static IOperation? Declaration(ILocalSymbol local, IOperation from) =>
        LocalsOf(Root(from)).Initializers.TryGetValue(local, out var value) ? value : null;

    /// <summary><c>group.RequireAuthorization();</c> as its own statement, anywhere the local is in scope.</summary>
    private static AuthDecision LaterConventions(ILocalSymbol local, IOperation from) =>
        LocalsOf(Root(from)).Conventions.TryGetValue(local, out var decision) ? decision : AuthDecision.None;

    // One walk per body, however many Map calls it has (a Program.cs with hundreds of them would otherwise be quadratic).
    private static readonly ConditionalWeakTable<IOperation, BodyLocals> Bodies = new();

    private static BodyLocals LocalsOf(IOperation root) => Bodies.GetValue(root, BodyLocals.Build);

    private sealed class BodyLocals
    {
        public Dictionary<ILocalSymbol, IOperation> Initializers { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ILocalSymbol, AuthDecision> Conventions { get; } = new(SymbolEqualityComparer.Default);

        public static BodyLocals Build(IOperation root)
        {
            var locals = new BodyLocals();
            foreach (var operation in root.Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator
                    && (declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value) is { } value)
                {
                    locals.Initializers[declarator.Symbol] = value;
                }
                else if (operation is IInvocationOperation invocation && IsConvention(invocation.TargetMethod)
                         && Unwrap(Receiver(invocation)) is ILocalReferenceOperation reference)
                {
                    locals.Conventions.TryGetValue(reference.Local, out var existing);
                    locals.Conventions[reference.Local] = AppModel.Combine(existing, DecisionOf(invocation.TargetMethod));
                }
            }

            return locals;
        }
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
            operation = operation.Parent;
        return operation;
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation;
    }
}
