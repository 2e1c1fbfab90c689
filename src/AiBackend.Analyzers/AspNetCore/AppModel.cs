using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
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
/// extension methods that receive the route builder, and <c>MapControllers()</c> conventions are followed to the root;
/// helpers that call <c>Map*</c> with their caller's handler are resolved to an endpoint at each call site.
/// </summary>
internal sealed class AppModel
{
    private const int MaxDepth = 8;

    private readonly ConcurrentBag<Endpoint> _endpoints = new();
    private readonly ConcurrentBag<(IMethodSymbol Method, int Ordinal, BuilderRef Argument, Location Location)> _callSites = new();
    private readonly ConcurrentBag<AuthDecision> _controllerConventions = new();
    private readonly ConcurrentBag<AuthDecision> _razorPagesConventions = new();
    private readonly ConcurrentBag<PageConvention> _pageConventions = new();
    private readonly ConcurrentBag<MapWrapper> _wrappers = new();
    private readonly ConcurrentBag<SourceCall> _sourceCalls = new();
    private readonly ConcurrentDictionary<IMethodSymbol, HandlerFacts> _handlerFacts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableHashSet<IMethodSymbol>> _equivalents = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ParameterRef, AuthDecision> _helperConventions = new();

    // Filled when the compilation ends, after every call site is known: many endpoints share a helper's parameter.
    private readonly ConcurrentDictionary<ParameterRef, IReadOnlyList<BuilderRef>> _callers = new();
    private int _usesAuthorization;
    private int _hasFallbackPolicy;
    private int _controllersFiltered;

    public bool UsesAuthorization => _usesAuthorization != 0;

    /// <summary>Endpoints with no decision of their own are authorized by a fallback policy.</summary>
    public bool HasFallbackPolicy => _hasFallbackPolicy != 0;

    public void AddEndpoint(Endpoint endpoint) => _endpoints.Add(endpoint);

    public void AddCallSite(IMethodSymbol method, int ordinal, BuilderRef argument, Location location) =>
        _callSites.Add((method.OriginalDefinition, ordinal, argument, location));

    public void AddControllerConvention(AuthDecision decision) => _controllerConventions.Add(decision);

    /// <summary><c>MapRazorPages().RequireAuthorization()</c>: applies to every page.</summary>
    public void AddRazorPagesConvention(AuthDecision decision) => _razorPagesConventions.Add(decision);

    /// <summary><c>AuthorizeFolder("/Account")</c>, <c>AllowAnonymousToPage("/Index")</c> and their area forms.</summary>
    public void AddPageConvention(PageConvention convention) => _pageConventions.Add(convention);

    /// <summary>A <c>Map*</c> call inside a method of this app that registers the handler its caller passed in.</summary>
    public void AddWrapper(MapWrapper wrapper) => _wrappers.Add(wrapper);

    /// <summary>A call to a method of this app with a delegate argument: an endpoint if that method is a wrapper.</summary>
    public void AddSourceCall(SourceCall call) => _sourceCalls.Add(call);

    /// <summary>What a method's body does that matters for authorization (collected per operation, merged per method).</summary>
    public void AddHandlerFacts(IMethodSymbol method, HandlerFacts facts) =>
        _handlerFacts.AddOrUpdate(method.OriginalDefinition, facts, (_, existing) => existing | facts);

    /// <summary>
    /// A method of this app applies a convention to the builder it receives (<c>group.RequireAuthorization(…);</c>
    /// inside <c>WithApiDefaults(this RouteGroupBuilder group)</c>): every group passed through it gets the decision.
    /// </summary>
    public void AddHelperConvention(ParameterRef parameter, AuthDecision decision) =>
        _helperConventions.AddOrUpdate(parameter, decision, (_, existing) => Combine(existing, decision));

    public void MarkUsesAuthorization() => _usesAuthorization = 1;

    public void MarkFallbackPolicy() => _hasFallbackPolicy = 1;

    /// <summary>A global <c>AuthorizeFilter</c>: every controller action requires authorization.</summary>
    public void MarkControllersFiltered() => _controllersFiltered = 1;

    /// <summary>Every endpoint with its route (group prefixes included), effective decision, group and body facts.</summary>
    public IReadOnlyList<ResolvedEndpoint> Resolve()
    {
        // A global AuthorizeFilter applies to controllers and pages alike; MapControllers/MapRazorPages conventions to their own.
        var filterDecision = _controllersFiltered != 0 ? AuthDecision.Authorized : AuthDecision.None;
        var controllerDecision = _controllerConventions.Aggregate(filterDecision, Combine);
        var pagesDecision = _razorPagesConventions.Aggregate(filterDecision, Combine);

        var resolved = new List<ResolvedEndpoint>();
        foreach (var endpoint in _endpoints.Concat(WrappedEndpoints()))
        {
            var decision = Combine(endpoint.Decision, Decide(endpoint.Receiver, 0));
            if (endpoint.IsController)
                decision = Combine(decision, controllerDecision);
            if (endpoint.Page is { } page)
                decision = _pageConventions.Where(c => c.Covers(page)).Aggregate(Combine(decision, pagesDecision), (d, c) => Combine(d, c.Decision));
            var facts = endpoint.Facts;
            if (endpoint.HandlerMethod is { } handler)
            {
                if (_handlerFacts.TryGetValue(handler.OriginalDefinition, out var bodyFacts))
                    facts |= bodyFacts;
                if (handler.Parameters.Any(p => p.Type.Name == "ClaimsPrincipal"))
                    facts |= HandlerFacts.UsesCurrentUser;
            }

            var partly = decision == AuthDecision.None && SomeCallerAuthorizes(endpoint.Receiver, 0);
            var route = endpoint.IsConventional ? endpoint.Route : RoutePaths.Join(Prefix(endpoint.Receiver, 0, openOnly: partly), endpoint.Route);
            resolved.Add(new ResolvedEndpoint(endpoint, route, decision, GroupOf(endpoint.Receiver, 0), facts, partly));
        }

        return resolved;
    }

    /// <summary>[AllowAnonymous] anywhere wins (as in ASP.NET Core); otherwise any authorization requirement applies.</summary>
    public static AuthDecision Combine(AuthDecision a, AuthDecision b) =>
        a == AuthDecision.Anonymous || b == AuthDecision.Anonymous ? AuthDecision.Anonymous
        : a == AuthDecision.Authorized || b == AuthDecision.Authorized ? AuthDecision.Authorized
        : AuthDecision.None;

    /// <summary>The full prefix of a group (for messages), group prefixes of callers included.</summary>
    public string PrefixOf(BuilderRef builder) => RoutePaths.Join(Prefix(builder, 0), "");

    /// <summary>
    /// Wrappers (<c>MapGet(this IEndpointRouteBuilder b, Delegate handler, string pattern = "")</c> that call the
    /// framework's <c>MapGet(pattern, handler)</c>) are no endpoints themselves: each call that passes a real handler is
    /// one, with that call's route, builder and conventions. Wrappers of wrappers are followed a few levels.
    /// </summary>
    private IEnumerable<Endpoint> WrappedEndpoints()
    {
        if (_wrappers.IsEmpty)
            yield break;

        var wrappers = new Dictionary<IMethodSymbol, MapWrapper>(SymbolEqualityComparer.Default);
        foreach (var wrapper in _wrappers)
            wrappers[wrapper.Method] = wrapper;

        var calls = _sourceCalls.ToList();
        for (var level = 0; level < 4; level++)
        {
            var added = false;
            foreach (var call in calls)
            {
                if (!wrappers.TryGetValue(call.Method, out var inner) || call.Argument(inner.HandlerOrdinal) is not { ForwardedParameter: { } forwarded }
                    || call.Enclosing is not { } enclosing || wrappers.ContainsKey(enclosing))
                    continue;
                var pattern = inner.PatternOrdinal is { } p ? call.Argument(p) : null;
                wrappers[enclosing] = new MapWrapper(enclosing, inner.HttpMethods, forwarded, pattern?.ForwardedParameter,
                    pattern?.Constant ?? inner.Pattern, Substitute(inner.Receiver, inner.Method, call), Combine(inner.Decision, call.Applied));
                added = true;
            }

            if (!added)
                break;
        }

        foreach (var call in calls)
        {
            if (!wrappers.TryGetValue(call.Method, out var wrapper) || call.Argument(wrapper.HandlerOrdinal) is not { ForwardedParameter: null } handler)
                continue;
            var route = (wrapper.PatternOrdinal is { } p ? call.Argument(p)?.Constant : null) ?? wrapper.Pattern;
            yield return new Endpoint(wrapper.HttpMethods, route, call.Location, Combine(Combine(wrapper.Decision, call.Applied), handler.HandlerDecision),
                Substitute(wrapper.Receiver, wrapper.Method, call), isController: false, isMinimalApi: call.ReturnsBuilder,
                owner: handler.HandlerMethod?.ContainingType, handlerMethod: handler.HandlerMethod,
                handlerName: handler.HandlerMethod?.Name, facts: handler.Facts);
        }
    }

    /// <summary>A wrapper's builder parameter stands for the builder its call site passes.</summary>
    private static BuilderRef Substitute(BuilderRef receiver, IMethodSymbol wrapper, SourceCall call) =>
        receiver is ParameterRef parameter && SymbolEqualityComparer.Default.Equals(parameter.Method, wrapper)
            ? call.Argument(parameter.Ordinal)?.Builder ?? BuilderRef.Root
            : receiver is GroupRef { Key: null } convention && convention.Parent is ParameterRef
                ? new GroupRef("", convention.Decision, Substitute(convention.Parent, wrapper, call), convention.Restricted, helper: convention.Helper)
                : receiver;

    private AuthDecision Decide(BuilderRef builder, int depth)
    {
        if (depth > MaxDepth)
            return AuthDecision.None;
        switch (builder)
        {
            case GroupRef group:
                return Combine(Combine(group.Decision, HelperDecision(group)), Decide(group.Parent, depth + 1));
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

    /// <summary>What the app's own convention helper a group went through applies to it (known only once every body is read).</summary>
    private AuthDecision HelperDecision(GroupRef group) =>
        group.Helper is { } helper && _helperConventions.TryGetValue(helper, out var decision) ? decision : AuthDecision.None;

    /// <summary>Whether some (not necessarily every) chain of callers authorizes the builder.</summary>
    private bool SomeCallerAuthorizes(BuilderRef builder, int depth) =>
        depth <= MaxDepth && builder switch
        {
            GroupRef group => group.Decision == AuthDecision.Authorized || HelperDecision(group) == AuthDecision.Authorized || SomeCallerAuthorizes(group.Parent, depth + 1),
            ParameterRef parameter => CallersOf(parameter).Any(c => SomeCallerAuthorizes(c, depth + 1)),
            _ => false,
        };

    /// <summary>The route prefix through the first caller, or with <paramref name="openOnly"/> the first caller that does not authorize.</summary>
    private string Prefix(BuilderRef builder, int depth, bool openOnly = false)
    {
        if (depth > MaxDepth)
            return "";
        return builder switch
        {
            GroupRef group => RoutePaths.Join(Prefix(group.Parent, depth + 1, openOnly), group.Prefix),
            ParameterRef parameter => CallersOf(parameter).Where(c => !openOnly || Decide(c, depth + 1) != AuthDecision.Authorized)
                .Select(c => Prefix(c, depth + 1, openOnly)).FirstOrDefault() ?? "",
            _ => "",
        };
    }

    /// <summary>
    /// The nearest group an endpoint was mapped on: a <c>MapGroup</c> call, or a <c>RouteGroupBuilder</c> parameter of
    /// a helper (the group its caller made). A helper's app or <c>IEndpointRouteBuilder</c> parameter is no group.
    /// </summary>
    private static BuilderRef? GroupOf(BuilderRef builder, int depth) =>
        depth > MaxDepth ? null
        : builder switch
        {
            GroupRef { Key: not null } group => group,
            GroupRef group => GroupOf(group.Parent, depth + 1),
            ParameterRef parameter when parameter.Ordinal < parameter.Method.Parameters.Length
                                        && parameter.Method.Parameters[parameter.Ordinal].Type.Name == "RouteGroupBuilder" => parameter,
            _ => null,
        };

    /// <summary>
    /// Call sites that pass a builder to this parameter, in source order (the first names the route in messages): calls
    /// of the method itself or, when it is never called directly, of the methods it overrides and the interface members
    /// it implements (<c>group.Map(builder)</c> on an abstract <c>EndpointGroupBase</c>).
    /// </summary>
    private IEnumerable<BuilderRef> CallersOf(ParameterRef parameter) => _callers.GetOrAdd(parameter, FindCallers);

    private IReadOnlyList<BuilderRef> FindCallers(ParameterRef parameter)
    {
        var direct = _callSites.Where(c => c.Ordinal == parameter.Ordinal && SymbolEqualityComparer.Default.Equals(c.Method, parameter.Method)).ToList();
        if (direct.Count == 0)
        {
            var methods = _equivalents.GetOrAdd(parameter.Method, EquivalentMethods);
            direct = _callSites.Where(c => c.Ordinal == parameter.Ordinal && methods.Contains(c.Method)).ToList();
        }

        return direct.OrderBy(c => c.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(c => c.Location.SourceSpan.Start).Select(c => c.Argument).ToList();
    }

    private static ImmutableHashSet<IMethodSymbol> EquivalentMethods(IMethodSymbol method)
    {
        var methods = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
        methods.Add(method);
        for (var overridden = method.OverriddenMethod; overridden is not null && methods.Count < MaxDepth; overridden = overridden.OverriddenMethod)
            methods.Add(overridden.OriginalDefinition);
        if (method.ContainingType is { } type)
        {
            foreach (var member in type.AllInterfaces.SelectMany(i => i.GetMembers(method.Name)).OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member)?.OriginalDefinition, method))
                    methods.Add(member.OriginalDefinition);
            }
        }

        return methods.ToImmutable();
    }
}

/// <summary>What a handler's body does that matters for authorization.</summary>
[Flags]
internal enum HandlerFacts
{
    None = 0,

    /// <summary>Reads who the caller is: the user's claims or id, <c>UserManager.GetUserAsync(User)</c>, a current-user service.</summary>
    UsesCurrentUser = 1,

    /// <summary>
    /// Checks <c>User.Identity.IsAuthenticated</c> or <c>User.IsInRole</c> itself, or an action filter of the app's own
    /// turns callers away with 401/403: the handler makes its own decision.
    /// </summary>
    ChecksAuthentication = 2,

    /// <summary>Removes or updates stored entities (EF Core <c>Remove</c>, <c>Update</c>, <c>ExecuteDelete</c>, <c>ExecuteUpdate</c>).</summary>
    ModifiesData = 4,
}

/// <summary>Reads <see cref="HandlerFacts"/> from operations of a handler body.</summary>
internal static class HandlerFactReader
{
    private static readonly string[] ModifyingCalls =
    {
        "Remove", "RemoveRange", "Update", "UpdateRange", "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteUpdate", "ExecuteUpdateAsync",
    };

    private static readonly string[] UserServiceWords = { "CurrentUser", "UserContext", "UserAccessor" };

    /// <summary>Every fact in a body (a lambda handler's, read where it is mapped).</summary>
    public static HandlerFacts In(IOperation body)
    {
        var facts = HandlerFacts.None;
        foreach (var operation in body.DescendantsAndSelf())
            facts |= Of(operation);
        return facts;
    }

    /// <summary>The fact one operation shows, if any.</summary>
    public static HandlerFacts Of(IOperation operation) =>
        operation switch
        {
            IPropertyReferenceOperation { Property.Name: "IsAuthenticated" } => HandlerFacts.ChecksAuthentication,
            IInvocationOperation { TargetMethod.Name: "IsInRole" } => HandlerFacts.ChecksAuthentication,
            IPropertyReferenceOperation { Property.Name: "User", Type.Name: "ClaimsPrincipal" } => HandlerFacts.UsesCurrentUser,
            IInvocationOperation { TargetMethod.Name: "GetUserAsync" or "GetUserId" or "GetUserName" } => HandlerFacts.UsesCurrentUser,
            IInvocationOperation invocation when Array.IndexOf(ModifyingCalls, invocation.TargetMethod.Name) >= 0 && IsEntityFramework(invocation.TargetMethod) => HandlerFacts.ModifiesData,
            IMemberReferenceOperation { Type: { } type } when UserServiceWords.Any(w => type.Name.IndexOf(w, StringComparison.Ordinal) >= 0) => HandlerFacts.UsesCurrentUser,
            _ => HandlerFacts.None,
        };

    private static bool IsEntityFramework(IMethodSymbol method) =>
        method.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true
        || TypeNames.DerivesFrom(method.ContainingType, "Microsoft.EntityFrameworkCore.DbContext");
}

/// <summary>An endpoint after resolution: full route, effective decision, nearest group and what its handler does.</summary>
internal sealed class ResolvedEndpoint
{
    public ResolvedEndpoint(Endpoint endpoint, string route, AuthDecision decision, BuilderRef? group, HandlerFacts facts, bool partlyAuthorized)
    {
        PartlyAuthorized = partlyAuthorized;
        Endpoint = endpoint;
        Route = route;
        Decision = decision;
        Group = group;
        Facts = facts;
    }

    public Endpoint Endpoint { get; }

    public string Route { get; }

    public AuthDecision Decision { get; }

    /// <summary>The <c>MapGroup</c> or helper parameter it was mapped on; null for endpoints mapped on the app.</summary>
    public BuilderRef? Group { get; }

    public HandlerFacts Facts { get; }

    /// <summary>Mapped by a helper that some callers hand an authorized group and others an open one.</summary>
    public bool PartlyAuthorized { get; }

    /// <summary>Changes state: a writing HTTP method, or a handler that removes or updates entities.</summary>
    public bool IsWrite => Endpoint.ChangesState || (Facts & HandlerFacts.ModifiesData) != 0;

    /// <summary>How a message names it: "DELETE /api/todos/{id}", "/files/{name} (any HTTP method)", or a conventional action.</summary>
    public string DisplayName =>
        Endpoint.IsConventional ? Route
        : Endpoint.HttpMethods == "*" ? Route + " (any HTTP method)"
        : Endpoint.HttpMethods + " " + Route;
}

/// <summary>One endpoint as declared: its own decision and the builder it was mapped on.</summary>
internal sealed class Endpoint
{
    public Endpoint(string httpMethods, string route, Location location, AuthDecision decision, BuilderRef receiver, bool isController, bool isMinimalApi,
        ITypeSymbol? owner = null, IMethodSymbol? handlerMethod = null, string? handlerName = null, HandlerFacts facts = HandlerFacts.None, bool isConventional = false,
        PageRef? page = null)
    {
        Page = page;
        HttpMethods = httpMethods;
        Route = route;
        Location = location;
        Decision = decision;
        Receiver = receiver;
        IsController = isController;
        IsMinimalApi = isMinimalApi;
        Owner = owner;
        HandlerMethod = handlerMethod;
        HandlerName = handlerName ?? handlerMethod?.Name;
        Facts = facts;
        IsConventional = isConventional;
    }

    /// <summary>"GET", "POST, PUT", or "*" for any method.</summary>
    public string HttpMethods { get; }

    /// <summary>The route template, or for a conventionally routed action a description of it.</summary>
    public string Route { get; }

    public Location Location { get; }

    public AuthDecision Decision { get; }

    public BuilderRef Receiver { get; }

    public bool IsController { get; }

    /// <summary>Mapped with a call whose result takes <c>.RequireAuthorization()</c>.</summary>
    public bool IsMinimalApi { get; }

    /// <summary>The controller, or the class of a method-group handler (the class that maps lambdas may mix unrelated areas).</summary>
    public ITypeSymbol? Owner { get; }

    /// <summary>The handler when it is a method (an action or a method group), whose body facts are collected separately.</summary>
    public IMethodSymbol? HandlerMethod { get; }

    public string? HandlerName { get; }

    /// <summary>Facts of a lambda handler, read where it is mapped.</summary>
    public HandlerFacts Facts { get; }

    /// <summary>The Razor page a page handler belongs to; null for other endpoints.</summary>
    public PageRef? Page { get; }

    /// <summary>A controller action without route attributes, reached through a conventional route.</summary>
    public bool IsConventional { get; }

    public bool ChangesState =>
        HttpMethods.Split(',').Select(m => m.Trim()).Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE");
}

/// <summary>A Razor page: its area (if any) and its path from the Pages folder ("/Account/Login").</summary>
internal sealed class PageRef
{
    public PageRef(string? area, string path)
    {
        Area = area;
        Path = path;
    }

    public string? Area { get; }

    public string Path { get; }

    /// <summary>The page's URL: the area first, "Index" pages at their folder.</summary>
    public string Route
    {
        get
        {
            var path = Path.EndsWith("/Index", StringComparison.OrdinalIgnoreCase) ? Path.Substring(0, Path.Length - "/Index".Length) : Path;
            return RoutePaths.Join(Area is null ? "" : "/" + Area, path);
        }
    }
}

/// <summary>A Razor Pages authorization convention on a folder or a page, in an area or not.</summary>
internal sealed class PageConvention
{
    public PageConvention(string? area, string path, bool folder, AuthDecision decision)
    {
        Area = area;
        Path = path;
        Folder = folder;
        Decision = decision;
    }

    public string? Area { get; }

    public string Path { get; }

    public bool Folder { get; }

    public AuthDecision Decision { get; }

    public bool Covers(PageRef page)
    {
        if (!string.Equals(Area, page.Area, StringComparison.OrdinalIgnoreCase))
            return false;
        var path = "/" + Path.Trim('/');
        if (!Folder)
            return string.Equals(path, page.Path, StringComparison.OrdinalIgnoreCase);
        return path == "/" || string.Equals(path, page.Path, StringComparison.OrdinalIgnoreCase)
            || page.Path.StartsWith(path + "/", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A method of this app that maps the handler its caller passes (a <c>MapGet</c>-style helper).</summary>
internal sealed class MapWrapper
{
    public MapWrapper(IMethodSymbol method, string httpMethods, int handlerOrdinal, int? patternOrdinal, string pattern, BuilderRef receiver, AuthDecision decision)
    {
        Method = method.OriginalDefinition;
        HttpMethods = httpMethods;
        HandlerOrdinal = handlerOrdinal;
        PatternOrdinal = patternOrdinal;
        Pattern = pattern;
        Receiver = receiver;
        Decision = decision;
    }

    public IMethodSymbol Method { get; }

    public string HttpMethods { get; }

    public int HandlerOrdinal { get; }

    /// <summary>The parameter that carries the route pattern, when the pattern is passed on.</summary>
    public int? PatternOrdinal { get; }

    /// <summary>The pattern when the wrapper fixes it.</summary>
    public string Pattern { get; }

    public BuilderRef Receiver { get; }

    /// <summary>Conventions the wrapper applies itself.</summary>
    public AuthDecision Decision { get; }
}

/// <summary>A call to a method of this app that passes a delegate: an endpoint when that method turns out to be a wrapper.</summary>
internal sealed class SourceCall
{
    public SourceCall(IMethodSymbol method, IMethodSymbol? enclosing, ImmutableArray<CallArgument> arguments, AuthDecision applied, Location location, bool returnsBuilder)
    {
        Method = method.OriginalDefinition;
        Enclosing = enclosing?.OriginalDefinition;
        Arguments = arguments;
        Applied = applied;
        Location = location;
        ReturnsBuilder = returnsBuilder;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The method containing the call (itself a wrapper when it passes its own handler parameter on).</summary>
    public IMethodSymbol? Enclosing { get; }

    public ImmutableArray<CallArgument> Arguments { get; }

    /// <summary>Conventions chained on the call's result.</summary>
    public AuthDecision Applied { get; }

    public Location Location { get; }

    public bool ReturnsBuilder { get; }

    public CallArgument? Argument(int ordinal) => Arguments.FirstOrDefault(a => a.Ordinal == ordinal);
}

/// <summary>What a <see cref="SourceCall"/> passes for one parameter.</summary>
internal sealed class CallArgument
{
    public CallArgument(int ordinal, string? constant, BuilderRef? builder, int? forwardedParameter, AuthDecision handlerDecision, IMethodSymbol? handlerMethod, HandlerFacts facts)
    {
        Ordinal = ordinal;
        Constant = constant;
        Builder = builder;
        ForwardedParameter = forwardedParameter;
        HandlerDecision = handlerDecision;
        HandlerMethod = handlerMethod;
        Facts = facts;
    }

    public int Ordinal { get; }

    public string? Constant { get; }

    /// <summary>The route builder passed, when the parameter is one.</summary>
    public BuilderRef? Builder { get; }

    /// <summary>The enclosing method's parameter passed on unchanged, if the argument is one.</summary>
    public int? ForwardedParameter { get; }

    /// <summary>[Authorize]/[AllowAnonymous] on a handler passed as a lambda or method group.</summary>
    public AuthDecision HandlerDecision { get; }

    public IMethodSymbol? HandlerMethod { get; }

    /// <summary>Facts of a lambda handler.</summary>
    public HandlerFacts Facts { get; }
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
    public GroupRef(string prefix, AuthDecision decision, BuilderRef parent, bool restricted = false, SyntaxNode? key = null, ParameterRef? helper = null)
    {
        Helper = helper;
        Prefix = prefix;
        Decision = decision;
        Parent = parent;
        Restricted = restricted;
        Key = key;
    }

    /// <summary>Authorization with a named policy or roles: for operators, not for every signed-in user.</summary>
    public bool Restricted { get; }

    public string Prefix { get; }

    public AuthDecision Decision { get; }

    public BuilderRef Parent { get; }

    /// <summary>
    /// The builder parameter of an app's own helper the builder went through (<c>MapGroup("/x").WithApiDefaults()</c>):
    /// the conventions that helper applies are resolved when the compilation ends.
    /// </summary>
    public ParameterRef? Helper { get; }

    /// <summary>The <c>MapGroup</c> call that made the group; null for conventions applied to a builder.</summary>
    public SyntaxNode? Key { get; }

    public override bool Equals(object? obj) => Key is not null && obj is GroupRef other && Key == other.Key || ReferenceEquals(this, obj);

    public override int GetHashCode() => Key?.GetHashCode() ?? base.GetHashCode();
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

    public override bool Equals(object? obj) => obj is ParameterRef other && other.Ordinal == Ordinal && SymbolEqualityComparer.Default.Equals(other.Method, Method);

    public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Method) * 31 + Ordinal;
}

/// <summary>Route templates as messages show them.</summary>
internal static class RoutePaths
{
    /// <summary>Joins a prefix and a template with exactly one '/' ("/auth" + "register" is "/auth/register").</summary>
    public static string Join(string prefix, string template)
    {
        var head = prefix.Trim().TrimEnd('/');
        var tail = template.Trim().TrimStart('~').TrimStart('/');
        var joined = tail.Length == 0 ? head : head + "/" + tail;
        return joined.StartsWith("/", StringComparison.Ordinal) ? joined : "/" + joined;
    }
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
                return new GroupRef(prefix, AuthDecision.None, Resolve(Receiver(group), depth + 1), key: group.Syntax);
            case IInvocationOperation convention when IsConvention(convention.TargetMethod) && Receiver(convention) is { } inner:
                var resolved = Resolve(inner, depth + 1);
                var decision = DecisionOf(convention.TargetMethod);
                if (decision == AuthDecision.None && HelperParameter(convention) is { } helper)
                    return new GroupRef("", AuthDecision.None, resolved, helper: helper);
                return decision == AuthDecision.None ? resolved : new GroupRef("", decision, resolved, IsRestricting(convention));
            case ILocalReferenceOperation local:
                var initializer = Declaration(local.Local, operation);
                var builder = Resolve(initializer, depth + 1);
                var later = LaterConventions(local.Local, operation);
                return later == AuthDecision.None ? builder : new GroupRef("", later, builder, LaterRestricted(local.Local, operation));
            case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } method } parameter }:
                // groupBuilder.RequireAuthorization(); inside the helper that maps on it applies whoever the caller is.
                var received = new ParameterRef(method, parameter.Ordinal);
                var applied = LaterConventions(parameter, operation);
                return applied == AuthDecision.None ? received : new GroupRef("", applied, received, LaterRestricted(parameter, operation));
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
                else if (name == "AuthorizeAttribute" || attribute.AttributeClass is { } type && (AuthorizesItself(type) || IsAuthorizationFilterReference(attribute)))
                    decision = AppModel.Combine(decision, AuthDecision.Authorized);
            }

            if (!includeBaseTypes)
                break;
        }

        return decision;
    }

    /// <summary>
    /// An <c>IAuthorizeData</c> attribute, or an authorization filter of the app's own (an <c>[ApiKey]</c> attribute
    /// implementing <c>IAuthorizationFilter</c>): either way the endpoint decides who may call it.
    /// </summary>
    public static bool AuthorizesItself(ITypeSymbol type) =>
        type.AllInterfaces.Any(i => i.Name is "IAuthorizeData" or "IAuthorizationFilter" or "IAsyncAuthorizationFilter");

    /// <summary><c>[ServiceFilter(typeof(ApiKeyFilter))]</c>, <c>[TypeFilter(typeof(…))]</c> naming an authorization filter.</summary>
    private static bool IsAuthorizationFilterReference(AttributeData attribute) =>
        attribute.AttributeClass?.Name is "ServiceFilterAttribute" or "TypeFilterAttribute"
        && attribute.ConstructorArguments.FirstOrDefault().Value is ITypeSymbol filter && AuthorizesItself(filter);

    /// <summary>The builder parameter of a convention method declared in this app (<c>WithApiDefaults(this RouteGroupBuilder group)</c>).</summary>
    private static ParameterRef? HelperParameter(IInvocationOperation convention) =>
        convention.Instance is null && convention.Arguments.Length > 0 && convention.Arguments[0].Parameter is { } parameter
        && convention.TargetMethod.DeclaringSyntaxReferences.Length > 0
            ? new ParameterRef(convention.TargetMethod.ReducedFrom ?? convention.TargetMethod, parameter.Ordinal)
            : null;

    /// <summary>
    /// The parameter of <paramref name="enclosing"/> a convention call applies to (<c>group.RequireAuthorization();</c>,
    /// <c>group.WithTags("x").RequireAuthorization()</c> on the method's builder parameter), or null.
    /// </summary>
    public static ParameterRef? ConventionOnParameter(IInvocationOperation convention, IMethodSymbol? enclosing)
    {
        if (enclosing is not { MethodKind: MethodKind.Ordinary } || DecisionOf(convention.TargetMethod) == AuthDecision.None)
            return null;
        var receiver = Unwrap(Receiver(convention));
        for (var depth = 0; receiver is IInvocationOperation inner && IsConvention(inner.TargetMethod) && depth < MaxDepth; depth++)
            receiver = Unwrap(Receiver(inner));
        return receiver is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, enclosing)
            ? new ParameterRef(enclosing, reference.Parameter.Ordinal)
            : null;
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

    /// <summary><c>group.RequireAuthorization();</c> as its own statement, anywhere the local (or parameter) is in scope.</summary>
    private static AuthDecision LaterConventions(ISymbol local, IOperation from) =>
        LocalsOf(Root(from)).Conventions.TryGetValue(local, out var decision) ? decision : AuthDecision.None;

    /// <summary><c>group.RequireAuthorization("Admins");</c> as its own statement: restricted to a policy or roles.</summary>
    private static bool LaterRestricted(ISymbol local, IOperation from) => LocalsOf(Root(from)).Restricted.Contains(local);

    // One walk per body, however many Map calls it has (a Program.cs with hundreds of them would otherwise be quadratic).
    private static readonly ConditionalWeakTable<IOperation, BodyLocals> Bodies = new();

    private static BodyLocals LocalsOf(IOperation root) => Bodies.GetValue(root, BodyLocals.Build);

    private sealed class BodyLocals
    {
        public Dictionary<ILocalSymbol, IOperation> Initializers { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, AuthDecision> Conventions { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<ISymbol> Restricted { get; } = new(SymbolEqualityComparer.Default);

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
                         && Unwrap(Receiver(invocation)) switch { ILocalReferenceOperation l => l.Local, IParameterReferenceOperation p => p.Parameter, _ => (ISymbol?)null } is { } target)
                {
                    locals.Conventions.TryGetValue(target, out var existing);
                    locals.Conventions[target] = AppModel.Combine(existing, DecisionOf(invocation.TargetMethod));
                    if (IsRestricting(invocation))
                        locals.Restricted.Add(target);
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
