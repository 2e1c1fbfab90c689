using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// One row of a sink, sanitiser or source table: a member of a type (by metadata name, optionally any type
/// derived from or implementing it), optionally only some of its parameters, optionally only when a condition on
/// the call holds (e.g. an HTML content type).
/// </summary>
internal sealed class MemberRule
{
    public const string Constructor = ".ctor";

    /// <summary>Matches a member of any type (sanitisers known by name only) or any member of a type.</summary>
    public const string AnyType = "*";

    public const string AnyMember = "*";

    public MemberRule(string typeName, string member, bool derived = false, string[]? parameters = null, Func<IOperation, bool>? condition = null, ulong kinds = 0)
    {
        Kinds = kinds;
        TypeName = typeName;
        SimpleTypeName = typeName.Substring(typeName.LastIndexOf('.') + 1);
        Member = member;
        Derived = derived;
        Parameters = parameters;
        Condition = condition;
    }

    public string TypeName { get; }

    /// <summary>The type's own name: compared first, because building a full name costs a string per call.</summary>
    private string SimpleTypeName { get; }

    public string Member { get; }

    /// <summary>Also match types that derive from or implement <see cref="TypeName"/>.</summary>
    public bool Derived { get; }

    /// <summary>The parameter names that are sinks; null for every parameter.</summary>
    public string[]? Parameters { get; }

    public Func<IOperation, bool>? Condition { get; }

    /// <summary>The sink kinds of this row; 0 means the owning rule's.</summary>
    public ulong Kinds { get; }

    public bool MatchesType(INamedTypeSymbol? type)
    {
        if (type is null)
            return false;
        if (TypeName == AnyType || type.Name == SimpleTypeName && TypeNames.Is(type, TypeName))
            return true;
        if (!Derived)
            return false;
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.Name == SimpleTypeName && TypeNames.Is(baseType, TypeName))
                return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name == SimpleTypeName && TypeNames.Is(implemented, TypeName))
                return true;
        }

        return false;
    }

    public bool MatchesParameter(IParameterSymbol? parameter) =>
        Parameters is null || parameter is not null && Array.IndexOf(Parameters, parameter.Name) >= 0;

    /// <summary>
    /// Parses a user entry from <c>.editorconfig</c>: <c>Namespace.Type.Member</c> or
    /// <c>Namespace.Type.Member(param1|param2)</c>; null when malformed.
    /// </summary>
    public static MemberRule? Parse(string entry)
    {
        entry = entry.Trim();
        string[]? parameters = null;
        var open = entry.IndexOf('(');
        if (open >= 0)
        {
            if (!entry.EndsWith(")", StringComparison.Ordinal))
                return null;
            parameters = entry.Substring(open + 1, entry.Length - open - 2).Split('|').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
            entry = entry.Substring(0, open);
        }

        var dot = entry.LastIndexOf('.');
        if (dot <= 0 || dot == entry.Length - 1)
            return null;
        return new MemberRule(entry.Substring(0, dot), entry.Substring(dot + 1), derived: true, parameters is { Length: > 0 } ? parameters : null);
    }

    public static IEnumerable<MemberRule> ParseList(string? value) =>
        value is null
            ? Enumerable.Empty<MemberRule>()
            : value.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(Parse).Where(r => r is not null).Select(r => r!);
}

/// <summary>Rules indexed by member name, so most calls are rejected by one dictionary lookup.</summary>
internal sealed class MemberTable<T>
    where T : class
{
    private static readonly List<(MemberRule Rule, T Value)> None = new();
    private readonly Dictionary<string, List<(MemberRule Rule, T Value)>> _byMember = new(StringComparer.Ordinal);

    public bool HasEntries => _byMember.Count > 0;

    public void Add(MemberRule rule, T value)
    {
        if (!_byMember.TryGetValue(rule.Member, out var list))
            _byMember[rule.Member] = list = new List<(MemberRule, T)>();
        list.Add((rule, value));
    }

    /// <summary>The rows for this member; most members have none, and get them without an enumerator allocated.</summary>
    public IEnumerable<(MemberRule Rule, T Value)> Match(ISymbol member)
    {
        var name = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? MemberRule.Constructor : member.Name;
        _byMember.TryGetValue(name, out var candidates);
        List<(MemberRule Rule, T Value)>? wildcards = null;
        if (name != MemberRule.Constructor)
            _byMember.TryGetValue(MemberRule.AnyMember, out wildcards);
        return candidates is null && wildcards is null ? Array.Empty<(MemberRule, T)>() : Matching(member.ContainingType, candidates, wildcards);
    }

    private static IEnumerable<(MemberRule Rule, T Value)> Matching(INamedTypeSymbol? type, List<(MemberRule Rule, T Value)>? candidates, List<(MemberRule Rule, T Value)>? wildcards)
    {
        foreach (var candidate in candidates ?? None)
        {
            if (candidate.Rule.MatchesType(type))
                yield return candidate;
        }

        foreach (var candidate in wildcards ?? None)
        {
            if (candidate.Rule.MatchesType(type))
                yield return candidate;
        }
    }
}
