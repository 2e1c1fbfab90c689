using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>AIB1011: request data is part of an XPath expression.</summary>
internal static class XPathInjection
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.XPathInjection,
        "XPath injection",
        "Request data in an XPath expression (' or '1'='1) changes which nodes the query selects, which bypasses a login check or reads other users' data. Bind the value as an XPath variable (XsltContext), or escape it before quoting it.");

    private static readonly string[] XPath = { "xpath" };

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.XPath,
        "an XPath expression",
        new[]
        {
            new MemberRule("System.Xml.XPath.XPathNavigator", "Select", derived: true, XPath),
            new MemberRule("System.Xml.XPath.XPathNavigator", "SelectSingleNode", derived: true, XPath),
            new MemberRule("System.Xml.XPath.XPathNavigator", "Evaluate", derived: true, XPath),
            new MemberRule("System.Xml.XPath.XPathNavigator", "Compile", derived: true, XPath),
            new MemberRule("System.Xml.XPath.XPathNavigator", "Matches", derived: true, XPath),
            new MemberRule("System.Xml.XPath.XPathExpression", "Compile", parameters: XPath),
            new MemberRule("System.Xml.XmlNode", "SelectNodes", derived: true, XPath),
            new MemberRule("System.Xml.XmlNode", "SelectSingleNode", derived: true, XPath),
            new MemberRule("System.Xml.XPath.Extensions", "XPathSelectElement", parameters: new[] { "expression" }),
            new MemberRule("System.Xml.XPath.Extensions", "XPathSelectElements", parameters: new[] { "expression" }),
            new MemberRule("System.Xml.XPath.Extensions", "XPathEvaluate", parameters: new[] { "expression" }),
        },
        sanitizers: new[]
        {
            // Replaces both quote characters with entity text, which an XPath string literal keeps as literal text.
            new MemberRule("System.Security.SecurityElement", "Escape"),
        });
}
