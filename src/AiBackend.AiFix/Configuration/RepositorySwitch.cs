using Microsoft.CodeAnalysis;

namespace AiBackend.AiFix.Configuration;

/// <summary>
/// The only say a repository has: <c>aibackend.ai_fix = false</c> (everywhere) or <c>aibackend.AIB1001.ai_fix = false</c>
/// (one rule) in <c>.editorconfig</c>/<c>.globalconfig</c> turns the AI fix off. No value can turn it on or point it elsewhere.
/// </summary>
internal static class RepositorySwitch
{
    public const string GlobalKey = "aibackend.ai_fix";

    public static string RuleKey(string id) => $"aibackend.{id}.ai_fix";

    public static bool IsDisabled(Document document, SyntaxTree tree, string diagnosticId)
    {
        var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return Off(options, GlobalKey) || Off(options, RuleKey(diagnosticId));

        static bool Off(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out var value) && AiFixSettingsLoader.IsOff(value);
    }
}
