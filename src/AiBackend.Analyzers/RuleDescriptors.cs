using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers;

/// <summary>Creates descriptors that always carry the rule's documentation link.</summary>
internal static class RuleDescriptors
{
    public const string DocsBaseUri = "https://github.com/AiBackendAnalyzers/AiBackendAnalyzers/blob/main/docs/rules/";

    public static string HelpLink(string id) => DocsBaseUri + id + ".md";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description,
        params string[] customTags) =>
        new(id, title, messageFormat, category, severity, isEnabledByDefault: true, description, HelpLink(id), customTags);
}
