using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>AIB1006: request data reaches an LDAP search filter or distinguished name.</summary>
internal static class LdapInjection
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.LdapInjection,
        "LDAP injection",
        "Request data in an LDAP filter or path ('*)(uid=*') widens the search or bypasses a login check. Escape it for LDAP (RFC 4515) with a sanitizer you register, or look the value up another way.");

    private const string Protocols = "System.DirectoryServices.Protocols.";

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.Ldap,
        "an LDAP filter or path",
        new[]
        {
            new MemberRule("System.DirectoryServices.DirectorySearcher", MemberRule.Constructor, parameters: new[] { "filter" }),
            new MemberRule("System.DirectoryServices.DirectorySearcher", "Filter"),
            new MemberRule("System.DirectoryServices.DirectoryEntry", MemberRule.Constructor, parameters: new[] { "path" }),
            new MemberRule("System.DirectoryServices.DirectoryEntry", "Path"),
            new MemberRule(Protocols + "SearchRequest", MemberRule.Constructor, parameters: new[] { "distinguishedName", "ldapFilter" }),
            new MemberRule(Protocols + "SearchRequest", "Filter"),
            new MemberRule(Protocols + "SearchRequest", "DistinguishedName"),
        },
        sanitizers: new[]
        {
            new MemberRule("*", "LdapFilterEncode"),
            new MemberRule("*", "LdapDistinguishedNameEncode"),
            new MemberRule("*", "EscapeLdapFilter"),
            new MemberRule("*", "EscapeLdapDistinguishedName"),
        });
}
