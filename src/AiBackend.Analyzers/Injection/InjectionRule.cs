using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// One injection rule as data: its descriptor, the sink kinds it owns (bits of the taint mask), its sinks and
/// sanitisers, and whether a constant prefix that fixes a URL's host defuses it.
/// </summary>
internal sealed class InjectionRule
{
    public InjectionRule(
        DiagnosticDescriptor descriptor,
        ulong kinds,
        string sinkNoun,
        IReadOnlyList<MemberRule> sinks,
        IReadOnlyList<MemberRule>? sanitizers = null,
        bool defusedByFixedHost = false)
    {
        Descriptor = descriptor;
        Kinds = kinds;
        SinkNoun = sinkNoun;
        Sinks = sinks;
        Sanitizers = sanitizers ?? new MemberRule[0];
        DefusedByFixedHost = defusedByFixedHost;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public ulong Kinds { get; }

    /// <summary>What the sink is, for messages: "SQL text", "a file-system path".</summary>
    public string SinkNoun { get; }

    public IReadOnlyList<MemberRule> Sinks { get; }

    public IReadOnlyList<MemberRule> Sanitizers { get; }

    /// <summary>True for redirects and outgoing requests: <c>"https://api.example.com/" + id</c> cannot change the host.</summary>
    public bool DefusedByFixedHost { get; }

    /// <summary>Option keys a user sets in <c>.editorconfig</c> to extend the tables.</summary>
    public string SinksOption => $"aibackend.{Descriptor.Id}.sinks";

    public string SanitizersOption => $"aibackend.{Descriptor.Id}.sanitizers";

    /// <summary>The standard message format of every injection rule.</summary>
    public const string MessageFormat = "{0} reaches {1}{2}";

    /// <summary>Warning unless the real-code benchmark says otherwise (docs/severity.md).</summary>
    public static DiagnosticDescriptor CreateDescriptor(string id, string title, string description, DiagnosticSeverity severity = DiagnosticSeverity.Warning) =>
        RuleDescriptors.Create(id, title, MessageFormat, RuleCategories.Injection, severity, description);
}

/// <summary>The taint-mask bits, one (or two) per injection rule.</summary>
internal static class InjectionKinds
{
    public const ulong Sql = 1 << 0;
    public const ulong Command = 1 << 1;
    public const ulong Path = 1 << 2;
    public const ulong Redirect = 1 << 3;
    public const ulong Html = 1 << 4;
    public const ulong Ldap = 1 << 5;
    public const ulong Ssrf = 1 << 6;
    public const ulong Deserialization = 1 << 7;
    public const ulong Xml = 1 << 8;
    public const ulong RegexPattern = 1 << 9;
    public const ulong RegexInput = 1 << 10;
    public const ulong XPath = 1 << 11;
}
