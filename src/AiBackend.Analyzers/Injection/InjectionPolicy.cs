using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using AiBackend.Analyzers.Flow;
using AiBackend.Analyzers.Injection.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// The taint policy of the injection rules: request sources, and every rule's sink and sanitiser tables plus the
/// user's additions from <c>.editorconfig</c> (<c>aibackend.AIB1001.sinks</c>, <c>aibackend.AIB1001.sanitizers</c>,
/// <c>aibackend.taint.sources</c>).
/// </summary>
internal sealed class InjectionPolicy : TaintPolicy
{
    public const string SourcesOption = "aibackend.taint.sources";

    public static readonly ImmutableArray<InjectionRule> Rules = ImmutableArray.Create(
        SqlInjection.Rule,
        CommandInjection.Rule,
        PathTraversal.Rule,
        OpenRedirect.Rule,
        CrossSiteScripting.Rule,
        LdapInjection.Rule,
        ServerSideRequestForgery.Rule,
        UnsafeDeserialization.Rule,
        XmlExternalEntities.Rule,
        RegexDenialOfService.Rule,
        XPathInjection.Rule);

    private readonly MemberTable<SinkRow> _sinks = new();
    private readonly MemberTable<SanitizerRow> _sanitizers = new();
    private readonly MemberTable<string> _userSources = new();
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _typesHoldingRequest = new(SymbolEqualityComparer.Default);
    private readonly ulong _fixedHostKinds;

    private InjectionPolicy(AnalyzerConfigOptions options)
    {
        var configured = new System.Text.StringBuilder(Name);
        foreach (var rule in Rules)
        {
            configured.Append('\n').Append(Option(options, rule.SinksOption)).Append('\n').Append(Option(options, rule.SanitizersOption));
            foreach (var sink in rule.Sinks.Concat(MemberRule.ParseList(Option(options, rule.SinksOption))))
                _sinks.Add(sink, new SinkRow(rule, sink));
            foreach (var sanitizer in rule.Sanitizers.Concat(MemberRule.ParseList(Option(options, rule.SanitizersOption))))
                _sanitizers.Add(sanitizer, new SanitizerRow(rule.Kinds));
            if (rule.DefusedByFixedHost)
                _fixedHostKinds |= rule.Kinds;
        }

        foreach (var source in MemberRule.ParseList(Option(options, SourcesOption)))
            _userSources.Add(source, source.TypeName + "." + source.Member);
        CrossProjectSummaries = CrossProjectSummariesEnabled(options);
        ReuseKey = configured.Append('\n').Append(Option(options, SourcesOption)).ToString();
    }

    /// <summary>The configured sinks, sanitizers and sources: results carry over only between compilations that agree on them.</summary>
    public override string ReuseKey { get; }

    public static InjectionPolicy Create(AnalyzerConfigOptions globalOptions) => new(globalOptions);

    public const string Name = "injection";

    /// <summary>The global analyzer option that turns cross-project summaries on (off by default).</summary>
    public const string CrossProjectSummariesOption = "aibackend.cross_project_summaries";

    /// <summary>The MSBuild property that does the same for a whole solution (in Directory.Build.props).</summary>
    public const string CrossProjectSummariesProperty = "build_property.AiBackendCrossProjectSummaries";

    /// <summary>
    /// Whether summaries travel between projects: written into libraries at build time, read by their dependents, and
    /// read from referenced projects' source in an IDE. Opt-in: writing them costs a summary pass per library build
    /// (about twice the compiler's time on the largest library measured), and on one app it exposed a command-line
    /// sink whose validated inputs the engine cannot yet tell apart (see docs/taint-analysis.md).
    /// </summary>
    public bool CrossProjectSummaries { get; }

    public override string? SummaryName => CrossProjectSummaries ? Name : null;

    internal static bool CrossProjectSummariesEnabled(AnalyzerConfigOptions options) =>
        IsTrue(options, CrossProjectSummariesOption) || IsTrue(options, CrossProjectSummariesProperty);

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public static InjectionRule RuleFor(ulong kinds)
    {
        foreach (var rule in Rules)
        {
            if ((rule.Kinds & kinds) != 0)
                return rule;
        }

        throw new ArgumentOutOfRangeException(nameof(kinds));
    }

    public override TaintValue? GetParameterSource(IParameterSymbol parameter, string? routeTemplate) =>
        RequestSources.ParameterSource(parameter, routeTemplate);

    public override bool IsHandlerMethod(IMethodSymbol method, out string? routeTemplate) =>
        Handlers.IsHandlerMethod(method, out routeTemplate);

    public override bool TryGetHandlerRegistration(IInvocationOperation invocation, out string? routeTemplate) =>
        Handlers.IsHandlerRegistration(invocation, out routeTemplate);

    public override TaintValue? GetMemberSource(ISymbol member, IOperation operation)
    {
        if (RequestSources.MemberSource(member, operation) is { } source)
            return source;
        foreach (var (_, name) in _userSources.Match(member))
            return TaintValue.From(TaintOrigin.Source($"'{name}'", operation.Syntax.GetLocation()));
        return null;
    }

    /// <summary>
    /// Only helpers that can reach the request themselves: a parameter carrying it (HttpContext, HttpRequest, a form
    /// file) or an injected IHttpContextAccessor.
    /// </summary>
    public override bool MayReturnSourcesWithoutTaintedArguments(IMethodSymbol callee) =>
        _userSources.HasEntries
        || callee.Parameters.Any(p => CarriesRequest(p.Type))
        || callee.ContainingType is { } type && _typesHoldingRequest.GetOrAdd(type.OriginalDefinition, HoldsRequest);

    /// <summary>
    /// A type with a field or property through which its methods can read the request. Asked at most calls the engine
    /// follows (those passing nothing tainted), so the answer is kept per type rather than its members listed each time.
    /// </summary>
    private static bool HoldsRequest(INamedTypeSymbol type) =>
        type.GetMembers().Any(m => m is IFieldSymbol { Type: var fieldType } && CarriesRequest(fieldType) || m is IPropertySymbol { Type: var propertyType } && CarriesRequest(propertyType));

    /// <summary>A type through which a method can read the request itself (ASP.NET Core, or System.Web for classic ASP.NET).</summary>
    internal static bool CarriesRequest(ITypeSymbol type) =>
        type.Name is "HttpContext" or "HttpRequest" or "HttpContextBase" or "HttpRequestBase" or "IHttpContextAccessor" or "IFormFile" or "IFormCollection" or "IFormFileCollection"
            or "IQueryCollection" or "IHeaderDictionary" or "IRequestCookieCollection" or "ControllerBase" or "PageModel";

    public override ulong GetSanitizedKinds(IMethodSymbol method)
    {
        ulong kinds = 0;
        foreach (var (_, row) in _sanitizers.Match(method.ReducedFrom ?? method))
            kinds |= row.Kinds;
        if (IsTypeRegistryLookup(method))
            kinds |= UnsafeDeserialization.Rule.Kinds;
        if (IsDigest(method))
            kinds = TaintValue.AllKinds;
        return kinds;
    }

    /// <summary>A hash or MAC of request data (<c>SHA256.HashData(bytes)</c>) is a fixed-size digest with no room for a payload.</summary>
    private static bool IsDigest(IMethodSymbol method) =>
        method.Name is "HashData" or "HashDataAsync" or "ComputeHash" or "ComputeHashAsync" or "GetHashAndReset" or "GetCurrentHash"
        && method.ContainingType?.ContainingNamespace?.ToDisplayString() == "System.Security.Cryptography";

    /// <summary>
    /// A Type returned by an app's own interface or library method (<c>_configurationManager.GetConfigurationType(key)</c>)
    /// is one of the types that app registered, chosen by the key; only resolving request text as a type name
    /// (Type.GetType, Assembly.GetType and the other System resolvers) lets the client pick any type. Methods whose
    /// body is in source are not trusted this way: their summary shows whether they resolve a name.
    /// </summary>
    private static bool IsTypeRegistryLookup(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { Name: "Type", ContainingNamespace.Name: "System", ContainingNamespace.ContainingNamespace.IsGlobalNamespace: true }
        && method.ContainingType is { } owner
        && !IsSystemNamespace(owner.ContainingNamespace)
        && (method.IsAbstract || method.DeclaringSyntaxReferences.IsEmpty)
        && method.Name is not ("GetType" or "BindToType" or "ResolveType");

    private static bool IsSystemNamespace(INamespaceSymbol? ns)
    {
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            ns = ns.ContainingNamespace;
        return ns?.Name is "System" or "Microsoft";
    }

    public override ulong GetKindsFixedByPrefix(string constantPrefix) =>
        FixesHost(constantPrefix) ? _fixedHostKinds : 0;

    public override bool TryGetGuard(IInvocationOperation condition, out IOperation checkedValue, out ulong kinds)
    {
        checkedValue = null!;
        kinds = 0;
        var method = condition.TargetMethod;

        // Url.IsLocalUrl(url), or an app's own IsLocalUrl helper.
        if (method.Name == "IsLocalUrl" && condition.Arguments.Length > 0)
        {
            checkedValue = condition.Arguments[condition.Arguments.Length - 1].Value;
            kinds = OpenRedirect.Rule.Kinds;
            return true;
        }

        // Regex.IsMatch(value, "^[a-z0-9-]{1,20}$"): the value is made only of the pattern's characters.
        if (RegexGuard.TryGet(condition, out checkedValue, out kinds))
            return true;

        // fullPath.StartsWith(baseFolder) where fullPath is canonical (Path.GetFullPath).
        if (method.Name == "StartsWith" && method.ContainingType?.SpecialType == SpecialType.System_String && condition.Instance is { } instance
            && IsCanonicalPath(instance, out var path))
        {
            checkedValue = path;
            kinds = PathTraversal.Rule.Kinds;
            return true;
        }

        return false;
    }

    public override SinkInfo? GetArgumentSink(IOperation invocationOrCreation, IMethodSymbol method, IParameterSymbol parameter)
    {
        SinkInfo? found = null;
        foreach (var (rule, row) in _sinks.Match(method.ReducedFrom ?? method))
        {
            if (!rule.MatchesParameter(parameter) || SafeTypes.IsSafe(parameter.Type) || rule.Condition is { } condition && !condition(invocationOrCreation))
                continue;
            found = Combine(found, row.Info(method));
        }

        return found;
    }

    public override SinkInfo? GetPropertySink(IPropertySymbol property, IAssignmentOperation assignment)
    {
        SinkInfo? found = null;
        for (var current = property; current is not null; current = current.OverriddenProperty)
        {
            foreach (var (rule, row) in _sinks.Match(current))
            {
                if (rule.Condition is null || rule.Condition(assignment))
                    found = Combine(found, row.Info(property));
            }
        }

        return found;
    }

    /// <summary>
    /// An absolute URL whose host is complete ("https://api.example.com/…") or a relative path that is not
    /// protocol-relative ("api/users/…"): appended text can only change the path.
    /// </summary>
    internal static bool FixesHost(string prefix)
    {
        var scheme = prefix.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var hostEnd = prefix.IndexOfAny(new[] { '/', '?', '#' }, scheme + 3);
            return hostEnd > scheme + 3;
        }

        if (prefix.StartsWith("/", StringComparison.Ordinal) || prefix.StartsWith("\\", StringComparison.Ordinal))
            return prefix.Length > 1 && prefix[1] != '/' && prefix[1] != '\\' && prefix.IndexOf('/', 1) > 0;
        return prefix.IndexOf('/') > 0 && prefix.IndexOf(':') < 0;
    }

    private static bool IsCanonicalPath(IOperation value, out IOperation checkedValue)
    {
        checkedValue = value;
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        if (value is IInvocationOperation { TargetMethod.Name: "GetFullPath", Arguments.Length: > 0 } direct)
        {
            checkedValue = direct.Arguments[0].Value;
            return true;
        }

        return value is ILocalReferenceOperation { Local: var local }
            && ObjectConfiguration.FindCreation(value) is null
            && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: var initializer }
            && initializer.ToString().IndexOf("GetFullPath", StringComparison.Ordinal) >= 0;
    }

    private static SinkInfo Combine(SinkInfo? existing, SinkInfo added) =>
        existing is null ? added : new SinkInfo(existing.Kinds | added.Kinds, existing.Description);

    private static string? Option(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) ? value : null;

    private sealed class SinkRow
    {
        public SinkRow(InjectionRule rule, MemberRule row)
        {
            Rule = rule;
            Kinds = row.Kinds != 0 ? row.Kinds : rule.Kinds;
        }

        public InjectionRule Rule { get; }

        public ulong Kinds { get; }

        public SinkInfo Info(ISymbol member)
        {
            var name = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "new " + member.ContainingType.Name : member.ContainingType.Name + "." + member.Name;
            return new SinkInfo(Kinds, $"{Rule.SinkNoun} ('{name}')");
        }
    }

    private sealed class SanitizerRow
    {
        public SanitizerRow(ulong kinds) => Kinds = kinds;

        public ulong Kinds { get; }
    }
}
