using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using AiBackend.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3001 asks the attacker's question: in an app that uses authorization, which endpoint is open where the app says
/// it should not be? An endpoint with no authorization decision (neither required through an attribute,
/// <c>RequireAuthorization</c>, a group, a global filter or a fallback policy, nor explicitly anonymous) is reported when
/// its siblings (same controller or handler class, route group, or route prefix) mostly require authorization, when it
/// reads the current user, or when it changes or deletes existing data. Public surfaces (sign-in, sign-up, recovery,
/// health, feeds, catalogue reads next to admin-only writes) are not. An explicitly anonymous endpoint that replaces or
/// deletes existing data outside recognisable sign-in, sign-up and recovery flows is reported too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EndpointAuthorizationAnalyzer : DiagnosticAnalyzer
{
    public const string AnonymousRoutesOption = "aibackend.AIB3001.anonymous_write_routes";

    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.EndpointWithoutAuthorization,
        title: "Endpoint without an authorization decision",
        messageFormat: "Endpoint '{0}' {1}",
        RuleCategories.Auth,
        DiagnosticSeverity.Info, // a suggestion until precise on real code (docs/severity.md, docs/real-world.md)
        description: "Broken authorization is the top API risk. In an app that uses authorization, an endpoint that says nothing is public by accident when its siblings require authorization, when it reads the current user, or when it changes or deletes data. Anonymous endpoints that replace or delete existing data should be the few flows that must be anonymous (recovery, webhooks).",
        WellKnownDiagnosticTags.CompilationEnd);

    private static readonly string[] DefaultAnonymousWriteRoutes =
    {
        "login", "logout", "signin", "sign-in", "signup", "sign-up", "register", "token", "refresh", "forgot", "reset",
        "recover", "confirm", "verify", "webhook", "callback", "csp-report",
    };

    /// <summary>
    /// Routes and handler names of surfaces that are public by nature: nobody marks them [AllowAnonymous] because
    /// nothing requires it, and an attacker gains nothing from them being open. Matched as words (see
    /// <see cref="IsPublicSurface"/>): "token" is the token endpoint, not <c>DELETE /tokens/{id}</c>.
    /// </summary>
    private static readonly string[] PublicSurfaces =
    {
        "login", "logout", "signin", "sign-in", "signout", "sign-out", "signup", "sign-up", "register", "authenticate", "token", "refresh",
        "forgot", "reset", "recover", "confirm", "verify", "webhook", "callback", "csp-report", "oauth", "openid", ".well-known",
        "health", "healthz", "ping", "alive", "ready", "feed", "rss", "sitemap", "robots", "public", "error", "contact", "subscribe", "unsubscribe",
    };

    /// <summary>The shortest rest of a compound word around a public word ("pre" in "prelogin"); shorter rests are inflections ("tokens", "signing").</summary>
    private const int MinCompoundRest = 3;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var model = new AppModel();
            var requireByDefault = !(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.AiBackendRequireAuthorizationByDefault", out var value)
                && string.Equals(value, "false", StringComparison.OrdinalIgnoreCase));
            var anonymousRoutes = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(AnonymousRoutesOption, out var configured)
                ? configured.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim()).ToArray()
                : DefaultAnonymousWriteRoutes;

            start.RegisterOperationAction(c => CollectInvocation((IInvocationOperation)c.Operation, c.ContainingSymbol, model), OperationKind.Invocation);
            start.RegisterOperationAction(c => CollectFacts(c.Operation, c.ContainingSymbol, model), OperationKind.PropertyReference, OperationKind.FieldReference);
            start.RegisterOperationAction(c => CollectFallbackAssignment((ISimpleAssignmentOperation)c.Operation, model), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => CollectFilter((IObjectCreationOperation)c.Operation, model), OperationKind.ObjectCreation);
            start.RegisterSymbolAction(c => CollectType((INamedTypeSymbol)c.Symbol, model, requireByDefault), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => Report(end, model, anonymousRoutes));
        });
    }

    private static void CollectInvocation(IInvocationOperation invocation, ISymbol containing, AppModel model)
    {
        var method = invocation.TargetMethod;
        CollectFacts(invocation, containing, model);
        switch (method.Name)
        {
            case "AddAuthorization" or "AddAuthorizationBuilder" or "UseAuthorization" or "RequireAuthorization" or "AddAuthentication":
                model.MarkUsesAuthorization();
                if (EndpointConventions.ConventionOnParameter(invocation, containing as IMethodSymbol) is { } authorizedParameter)
                    model.AddHelperConvention(authorizedParameter, AuthDecision.Authorized);
                break;
            case "AllowAnonymous" when EndpointConventions.ConventionOnParameter(invocation, containing as IMethodSymbol) is { } anonymousParameter:
                model.AddHelperConvention(anonymousParameter, AuthDecision.Anonymous);
                break;
            case "SetFallbackPolicy" when invocation.Arguments.Any(a => a.Value.ConstantValue is not { HasValue: true, Value: null }):
                model.MarkFallbackPolicy();
                break;
            case "MapControllers" or "MapControllerRoute" or "MapDefaultControllerRoute" or "MapAreaControllerRoute":
                model.AddControllerConvention(EndpointConventions.AppliedTo(invocation));
                break;
            case "Add" or "AddService" when AddsAuthorizeFilter(invocation):
                model.MarkControllersFiltered();
                break;
            case "MapRazorPages":
                model.AddRazorPagesConvention(EndpointConventions.AppliedTo(invocation));
                break;
            case "AuthorizePage" or "AuthorizeFolder" or "AuthorizeAreaPage" or "AuthorizeAreaFolder"
                or "AllowAnonymousToPage" or "AllowAnonymousToFolder" or "AllowAnonymousToAreaPage" or "AllowAnonymousToAreaFolder":
                CollectPageConvention(invocation, model);
                break;
        }

        var enclosing = containing as IMethodSymbol;
        if (method.DeclaringSyntaxReferences.Length == 0 && Handlers.IsHandlerRegistration(invocation, out var route))
        {
            var receiver = invocation.Instance ?? invocation.Arguments.FirstOrDefault()?.Value;
            var handler = HandlerArgument(invocation);
            if (ForwardedParameter(handler, enclosing) is { } handlerOrdinal)
            {
                // A helper that maps whatever handler its caller passes: the endpoints are at its call sites.
                var pattern = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value;
                model.AddWrapper(new MapWrapper(enclosing!, HttpMethods(invocation), handlerOrdinal, ForwardedParameter(pattern, enclosing), route ?? "",
                    EndpointConventions.Resolve(receiver), EndpointConventions.AppliedTo(invocation)));
                return;
            }

            var (decision, handlerMethod, facts) = Handler(handler);
            model.AddEndpoint(new Endpoint(HttpMethods(invocation), route ?? "", NameLocation(invocation),
                AppModel.Combine(EndpointConventions.AppliedTo(invocation), decision), EndpointConventions.Resolve(receiver), isController: false, isMinimalApi: true,
                owner: handlerMethod?.ContainingType, handlerMethod: handlerMethod, facts: facts));
            return;
        }

        // A method of this app that receives a route builder (app.MapTodoEndpoints(), MapUsers(group)), and with it a
        // handler when it is a MapGet-style wrapper.
        if (method.DeclaringSyntaxReferences.Length > 0 && invocation.Arguments.Any(a => a.Parameter is { } p && IsRouteBuilder(p.Type)))
        {
            var arguments = ImmutableArray.CreateBuilder<CallArgument>();
            var passesDelegate = false;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter)
                    continue;
                var builder = IsRouteBuilder(parameter.Type) ? EndpointConventions.Resolve(argument.Value) : null;
                if (builder is not null)
                    model.AddCallSite(method.ReducedFrom ?? method, parameter.Ordinal, builder, invocation.Syntax.GetLocation());
                var isDelegate = parameter.Type is { TypeKind: TypeKind.Delegate } or { SpecialType: SpecialType.System_Delegate };
                passesDelegate |= isDelegate;
                var (decision, handlerMethod, facts) = isDelegate ? Handler(argument.Value) : (AuthDecision.None, null, HandlerFacts.None);
                arguments.Add(new CallArgument(parameter.Ordinal, argument.Value.ConstantValue.Value as string, builder, ForwardedParameter(argument.Value, enclosing),
                    decision, handlerMethod, facts));
            }

            if (passesDelegate)
            {
                model.AddSourceCall(new SourceCall(method.ReducedFrom ?? method, enclosing, arguments.ToImmutable(), EndpointConventions.AppliedTo(invocation),
                    NameLocation(invocation), method.ReturnType.Name.EndsWith("Builder", StringComparison.Ordinal)));
            }
        }
    }

    /// <summary>Facts about the body of the method an operation belongs to (lambda handlers are read where they are mapped).</summary>
    private static void CollectFacts(IOperation operation, ISymbol containing, AppModel model)
    {
        if (containing is IMethodSymbol method && HandlerFactReader.Of(operation) is var facts && facts != HandlerFacts.None)
            model.AddHandlerFacts(method, facts);
    }

    /// <summary><c>options.Conventions.AuthorizeFolder("/Account")</c> and kin: the folder or page and its area.</summary>
    private static void CollectPageConvention(IInvocationOperation invocation, AppModel model)
    {
        string? Argument(string name) => invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == name)?.Value.ConstantValue.Value as string;
        var name = invocation.TargetMethod.Name;
        var folder = name.EndsWith("Folder", StringComparison.Ordinal);
        var path = Argument(folder ? "folderPath" : "pageName");
        if (path is null)
            return;
        var decision = name.StartsWith("Authorize", StringComparison.Ordinal) ? AuthDecision.Authorized : AuthDecision.Anonymous;
        if (decision == AuthDecision.Authorized)
            model.MarkUsesAuthorization();
        model.AddPageConvention(new PageConvention(name.IndexOf("Area", StringComparison.Ordinal) >= 0 ? Argument("areaName") : null, path, folder, decision));
    }

    /// <summary><c>options.Filters.Add&lt;AuthorizeFilter&gt;()</c>, <c>Filters.Add(typeof(AuthorizeFilter))</c>, and the same with the app's own authorization filters.</summary>
    private static bool AddsAuthorizeFilter(IInvocationOperation invocation) =>
        invocation.TargetMethod.ContainingType?.Name == "FilterCollection"
        && (invocation.TargetMethod.TypeArguments.Any(IsAuthorizationFilter)
            || invocation.Arguments.Any(a => Unwrap(a.Value) switch
            {
                ITypeOfOperation type => IsAuthorizationFilter(type.TypeOperand),
                IObjectCreationOperation { Type: { } created } => IsAuthorizationFilter(created),
                _ => false,
            }));

    /// <summary>MVC's <c>AuthorizeFilter</c>, or an app's own authorization filter (API keys, custom schemes).</summary>
    private static bool IsAuthorizationFilter(ITypeSymbol type) => type.Name == "AuthorizeFilter" || EndpointConventions.AuthorizesItself(type);

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation;
    }

    private static IOperation? HandlerArgument(IInvocationOperation invocation) =>
        invocation.Arguments.FirstOrDefault(a => a.Parameter?.Type is { TypeKind: TypeKind.Delegate } or { SpecialType: SpecialType.System_Delegate })?.Value;

    /// <summary>The ordinal of the enclosing method's parameter, when <paramref name="value"/> passes it on unchanged.</summary>
    private static int? ForwardedParameter(IOperation? value, IMethodSymbol? enclosing)
    {
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        return value is IParameterReferenceOperation reference && enclosing is not null
               && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, enclosing)
            ? reference.Parameter.Ordinal
            : null;
    }

    private static void CollectFallbackAssignment(ISimpleAssignmentOperation assignment, AppModel model)
    {
        if (assignment.Target is IPropertyReferenceOperation { Property.Name: "FallbackPolicy" }
            && assignment.Value.ConstantValue is not { HasValue: true, Value: null })
            model.MarkFallbackPolicy();
    }

    private static void CollectFilter(IObjectCreationOperation creation, AppModel model)
    {
        if (creation.Type?.Name == "AuthorizeFilter")
            model.MarkControllersFiltered();
    }

    /// <summary>Controller actions and generated endpoints, with their attributes.</summary>
    private static void CollectType(INamedTypeSymbol type, AppModel model, bool requireByDefault)
    {
        if (type.GetAttributes().FirstOrDefault(a => TypeNames.Is(a.AttributeClass, KnownTypeNames.EndpointAttribute)) is { } endpoint)
        {
            var decision = EndpointConventions.FromAttributes(type, includeBaseTypes: false);
            if (decision == AuthDecision.None && requireByDefault)
                decision = AuthDecision.Authorized;
            if (decision != AuthDecision.None || requireByDefault)
                model.MarkUsesAuthorization();
            var method = endpoint.ConstructorArguments.Length > 0 ? endpoint.ConstructorArguments[0].Value as string ?? "*" : "*";
            var route = endpoint.ConstructorArguments.Length > 1 ? endpoint.ConstructorArguments[1].Value as string ?? "" : "";
            model.AddEndpoint(new Endpoint(method.ToUpperInvariant(), route, type.Locations[0], decision, BuilderRef.Root, isController: false, isMinimalApi: false,
                owner: type, handlerName: type.Name));
            return;
        }

        var typeDecision = EndpointConventions.FromAttributes(type, includeBaseTypes: true);
        if (TypeNames.DerivesFrom(type, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel") && !type.IsAbstract)
        {
            CollectPage(type, typeDecision, model);
            return;
        }

        foreach (var action in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (!Handlers.IsHandlerMethod(action, out _) || !TypeNames.DerivesFrom(type, "Microsoft.AspNetCore.Mvc.ControllerBase"))
                continue;
            var decision = AppModel.Combine(typeDecision, EndpointConventions.FromAttributes(action, includeBaseTypes: false));
            if (decision != AuthDecision.None)
                model.MarkUsesAuthorization();
            var route = Handlers.ActionRoute(action);
            // An action filter of the app's own that turns callers away with 401/403 is the action's own check, as
            // User.IsInRole in its body would be; it still lacks what authorized siblings declare.
            var facts = CallerFilters.RejectCallers(action) ? HandlerFacts.ChecksAuthentication : HandlerFacts.None;
            model.AddEndpoint(new Endpoint(ActionMethods(action), route ?? $"action {Handlers.ActionName(action)} of {type.Name} (conventional route)", action.Locations[0],
                decision, BuilderRef.Root, isController: true, isMinimalApi: false, owner: type, handlerMethod: action, facts: facts, isConventional: route is null));
        }
    }

    /// <summary>
    /// The handlers of a Razor page (OnGet, OnPostDeleteAsync…). Only the page model's attributes count: ASP.NET Core
    /// ignores [Authorize] on handler methods.
    /// </summary>
    private static void CollectPage(INamedTypeSymbol type, AuthDecision decision, AppModel model)
    {
        if (decision != AuthDecision.None)
            model.MarkUsesAuthorization();
        var page = PageOf(type);
        foreach (var handler in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (!Handlers.IsHandlerMethod(handler, out _))
                continue;
            var name = handler.Name.Substring(2);
            if (name.EndsWith("Async", StringComparison.Ordinal))
                name = name.Substring(0, name.Length - "Async".Length);
            var verb = new[] { "Get", "Post", "Put", "Delete", "Patch", "Head" }.FirstOrDefault(v => name.StartsWith(v, StringComparison.Ordinal));
            if (verb is null)
                continue;
            var named = name.Substring(verb.Length);
            model.AddEndpoint(new Endpoint(verb.ToUpperInvariant(), page.Route + (named.Length > 0 ? "?handler=" + named : ""), handler.Locations[0], decision,
                BuilderRef.Root, isController: false, isMinimalApi: false, owner: type, handlerMethod: handler, page: page));
        }
    }

    /// <summary>
    /// The page a page model belongs to, from its file (Pages/Account/Login.cshtml.cs, Areas/Identity/Pages/…) or, when
    /// the file is elsewhere, from its namespace, which scaffolding keeps in step with the folders.
    /// </summary>
    private static PageRef PageOf(INamedTypeSymbol type)
    {
        var file = type.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree?.FilePath.Replace('\\', '/') ?? "";
        var pages = file.LastIndexOf("/Pages/", StringComparison.OrdinalIgnoreCase);
        if (pages >= 0 && file.EndsWith(".cshtml.cs", StringComparison.OrdinalIgnoreCase))
        {
            var path = file.Substring(pages + "/Pages".Length, file.Length - pages - "/Pages".Length - ".cshtml.cs".Length);
            return new PageRef(AreaOf(file.Substring(0, pages).Split('/')), path);
        }

        var segments = type.ContainingNamespace?.ToDisplayString().Split('.') ?? Array.Empty<string>();
        var index = Array.LastIndexOf(segments, "Pages");
        var folders = index >= 0 ? segments.Skip(index + 1) : Enumerable.Empty<string>();
        var pageName = type.Name.EndsWith("Model", StringComparison.Ordinal) && type.Name.Length > "Model".Length ? type.Name.Substring(0, type.Name.Length - "Model".Length) : type.Name;
        return new PageRef(index >= 0 ? AreaOf(segments.Take(index).ToArray()) : null, "/" + string.Join("/", folders.Concat(new[] { pageName })));
    }

    /// <summary>The area when the Pages folder sits in Areas/{area}.</summary>
    private static string? AreaOf(string[] before) =>
        before.Length >= 2 && string.Equals(before[before.Length - 2], "Areas", StringComparison.OrdinalIgnoreCase) ? before[before.Length - 1] : null;

    private static void Report(CompilationAnalysisContext context, AppModel model, string[] anonymousRoutes)
    {
        if (!model.UsesAuthorization)
            return;

        var endpoints = model.Resolve();
        var siblings = new Siblings(endpoints);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Decision == AuthDecision.None && !model.HasFallbackPolicy)
            {
                if (IsPublicSurface(endpoint, PublicSurfaces) || WhyProtected(endpoint, siblings, model) is not { } reason)
                    continue;
                // Chain RequireAuthorization() on a call that returns a builder, or put [Authorize] on an action. Pages (ASP.NET
                // Core ignores [Authorize] on page handlers) and helpers that return nothing get no automatic fix.
                var fix = endpoint.Endpoint.IsMinimalApi ? DiagnosticProperties.RequireAuthorization : endpoint.Endpoint.IsController ? DiagnosticProperties.AddAuthorize : null;
                var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, fix);
                context.ReportDiagnostic(Diagnostic.Create(Rule, endpoint.Endpoint.Location, properties, endpoint.DisplayName,
                    reason + ": require authorization, or mark it anonymous if it is public on purpose"));
            }
            else if (endpoint.Decision == AuthDecision.Anonymous && ModifiesExistingData(endpoint) && !IsPublicSurface(endpoint, anonymousRoutes))
            {
                // [AllowAnonymous] says "public on purpose", and anonymous POSTs (sign-in, webhooks, forms) usually are;
                // replacing or deleting what is already stored on anybody's behalf almost never is.
                context.ReportDiagnostic(Diagnostic.Create(Rule, endpoint.Endpoint.Location, endpoint.DisplayName,
                    "changes or deletes existing data but allows anonymous callers"));
            }
        }
    }

    /// <summary>
    /// Why an endpoint with no decision should have one, or null when it looks public on purpose. The attacker's
    /// question: is it open next to siblings that are not (a missed attribute), does it act for the current user
    /// (anonymous callers get in as nobody), or does it change or delete what is already stored?
    /// </summary>
    private static string? WhyProtected(ResolvedEndpoint endpoint, Siblings siblings, AppModel model)
    {
        if (endpoint.PartlyAuthorized)
            return "is mapped by a helper that some callers hand an authorized group and others an open one";
        if (siblings.MostlyAuthorized(endpoint, model) is { } among)
            return "has no authorization while " + among;
        // The handler (or an action filter of the app's own) checks the caller itself.
        if ((endpoint.Facts & HandlerFacts.ChecksAuthentication) != 0)
            return null;
        if ((endpoint.Facts & HandlerFacts.UsesCurrentUser) != 0)
            return "acts for the current user but does not require authorization";
        if (ReplacesOrDeletes(endpoint.Endpoint))
            return "changes or deletes existing data with no authorization";
        if ((endpoint.Facts & HandlerFacts.ModifiesData) != 0)
            return "updates or removes stored entities with no authorization";
        return null;
    }

    /// <summary>PUT, PATCH, DELETE, or a handler that removes or updates stored entities.</summary>
    private static bool ModifiesExistingData(ResolvedEndpoint endpoint) =>
        ReplacesOrDeletes(endpoint.Endpoint) || (endpoint.Facts & HandlerFacts.ModifiesData) != 0;

    private static bool ReplacesOrDeletes(Endpoint endpoint) => endpoint.HttpMethods.Split(',').Any(m => m.Trim() is "PUT" or "PATCH" or "DELETE");

    /// <summary>
    /// Routes (and handler names) of sign-in, recovery, health and similar flows, which are public by nature. A surface
    /// word counts when the route or name spells it as words (<c>/auth/sign-in</c>, <c>ExternalLoginCallback</c>) or as
    /// the head or tail of a lower-case compound (<c>/accounts/prelogin</c>, <c>registerfinish</c>), not when its
    /// letters sit inside another word (<c>/signing-keys</c>, <c>/shipping</c>) or carry an inflection (<c>/tokens/{id}</c>).
    /// </summary>
    private static bool IsPublicSurface(ResolvedEndpoint endpoint, string[] surfaces)
    {
        // Route parameters name what the request passes, not the surface: /tokens/{tokenId} is no token endpoint.
        var words = NameWords.Split(WithoutParameters(endpoint.Route.Split('?')[0]));
        if (endpoint.Endpoint.HandlerName is { } handler)
            words.AddRange(NameWords.Split(handler));
        return surfaces.Any(surface => NameWords.Contains(words, surface) || words.Any(word => IsCompoundOf(word, surface)));
    }

    private static string WithoutParameters(string route)
    {
        var literal = new System.Text.StringBuilder(route.Length);
        var depth = 0;
        foreach (var c in route)
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0 && c != '}')
                literal.Append(c);
        }

        return literal.ToString();
    }

    private static bool IsCompoundOf(string word, string surface)
    {
        var key = surface.Replace("-", "").TrimStart('.');
        return key.Length >= 5 && word.Length >= key.Length + MinCompoundRest
               && (word.StartsWith(key, StringComparison.OrdinalIgnoreCase) || word.EndsWith(key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The endpoints that belong together: the same controller or handler class, the same route group (or helper
    /// parameter), the same route prefix (the first two literal segments, /api/orders for /api/orders/{id}/lines).
    /// </summary>
    private sealed class Siblings
    {
        private readonly ILookup<ISymbol, ResolvedEndpoint> _byOwner;
        private readonly ILookup<BuilderRef, ResolvedEndpoint> _byGroup;
        private readonly ILookup<string, ResolvedEndpoint> _byPrefix;

        public Siblings(IReadOnlyList<ResolvedEndpoint> endpoints)
        {
            _byOwner = endpoints.Where(e => e.Endpoint.Owner is not null).ToLookup(e => (ISymbol)e.Endpoint.Owner!, SymbolEqualityComparer.Default);
            _byGroup = endpoints.Where(e => e.Group is not null).ToLookup(e => e.Group!);
            _byPrefix = endpoints.Where(e => Prefix(e) is not null).ToLookup(e => Prefix(e)!, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>
        /// A description of the first set of siblings where at least half of the comparable others require
        /// authorization; reads are compared with reads only, so public catalogue pages next to admin-only writes stay quiet.
        /// </summary>
        public string? MostlyAuthorized(ResolvedEndpoint endpoint, AppModel model)
        {
            if (endpoint.Endpoint.Owner is { } owner && Judge(endpoint, _byOwner[owner]) is { } byOwner)
                return byOwner + " of " + owner.Name + " require it";
            if (endpoint.Group is { } group && Judge(endpoint, _byGroup[group]) is { } byGroup)
                return byGroup + (group is ParameterRef parameter ? " of the route group passed to " + parameter.Method.ContainingType.Name + "." + parameter.Method.Name : " of route group '" + model.PrefixOf(group) + "'")
                    + " require it";
            if (Prefix(endpoint) is { } prefix && Judge(endpoint, _byPrefix[prefix]) is { } byPrefix)
                return byPrefix + " under '" + prefix + "' require it";
            return null;
        }

        private static string? Judge(ResolvedEndpoint endpoint, IEnumerable<ResolvedEndpoint> set)
        {
            var others = set.Where(o => !ReferenceEquals(o, endpoint) && (endpoint.IsWrite || !o.IsWrite)).ToList();
            var authorized = others.Count(o => o.Decision == AuthDecision.Authorized);
            if (authorized == 0 || authorized * 2 < others.Count)
                return null;
            var kind = endpoint.IsWrite ? "endpoints" : "read endpoints";
            return authorized == others.Count ? $"the other {kind}" : $"{authorized} of the {others.Count} other {kind}";
        }

        private static string? Prefix(ResolvedEndpoint endpoint)
        {
            if (endpoint.Endpoint.IsConventional)
                return null;
            var literal = endpoint.Route.Split('?')[0].Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries)
                .TakeWhile(s => s.IndexOf('{') < 0).Take(2).ToList();
            return literal.Count == 0 ? null : "/" + string.Join("/", literal);
        }
    }

    /// <summary>A handler passed as a lambda or method group: its attributes, its method, and a lambda's body facts.</summary>
    private static (AuthDecision Decision, IMethodSymbol? Method, HandlerFacts Facts) Handler(IOperation? value)
    {
        while (value is IConversionOperation or IDelegateCreationOperation)
            value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
        return value switch
        {
            IAnonymousFunctionOperation lambda => (EndpointConventions.FromAttributes(lambda.Symbol, includeBaseTypes: false), null,
                HandlerFactReader.In(lambda.Body) | (lambda.Symbol.Parameters.Any(p => p.Type.Name == "ClaimsPrincipal") ? HandlerFacts.UsesCurrentUser : HandlerFacts.None)),
            IMethodReferenceOperation reference => (AppModel.Combine(
                    EndpointConventions.FromAttributes(reference.Method, includeBaseTypes: false),
                    EndpointConventions.FromAttributes(reference.Method.ContainingType, includeBaseTypes: true)), reference.Method, HandlerFacts.None),
            _ => (AuthDecision.None, null, HandlerFacts.None),
        };
    }

    private static string HttpMethods(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name switch
        {
            "MapGet" => "GET",
            "MapPost" => "POST",
            "MapPut" => "PUT",
            "MapDelete" => "DELETE",
            "MapPatch" => "PATCH",
            "MapMethods" => string.Join(", ", invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "httpMethods")?.Value
                .Descendants().Select(d => d.ConstantValue.Value as string).Where(m => m is not null) ?? Enumerable.Empty<string>()),
            _ => "*",
        };

    private static string ActionMethods(IMethodSymbol action)
    {
        var verbs = action.GetAttributes()
            .Select(a => a.AttributeClass?.Name)
            .Where(n => n is not null && n.StartsWith("Http", StringComparison.Ordinal) && n.EndsWith("Attribute", StringComparison.Ordinal))
            .Select(n => n!.Substring(4, n.Length - 4 - "Attribute".Length).ToUpperInvariant())
            .Distinct()
            .ToList();
        return verbs.Count == 0 ? "*" : string.Join(", ", verbs);
    }

    private static bool IsRouteBuilder(ITypeSymbol type) =>
        type.SpecialType == SpecialType.None && type.TypeKind is TypeKind.Class or TypeKind.Interface
        && (type.Name == "IEndpointRouteBuilder" || type.AllInterfaces.Any(i => i.Name == "IEndpointRouteBuilder"));

    private static Location NameLocation(IInvocationOperation invocation) =>
        invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
            ? member.Name.GetLocation()
            : invocation.Syntax.GetLocation();
}
