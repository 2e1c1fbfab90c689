namespace AiBackend.Analyzers;

/// <summary>Diagnostic categories (see the rule catalogue).</summary>
internal static class RuleCategories
{
    public const string Injection = "Security.Injection";
    public const string ErrorHandling = "Reliability.ErrorHandling";
    public const string Auth = "Security.Auth";
    public const string GeneratorUsage = "AiBackend.Usage";
}
