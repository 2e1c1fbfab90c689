using System.Collections.Immutable;
using AiBackend.Analyzers.Auth;
using AiBackend.Analyzers.ErrorHandling;
using AiBackend.Analyzers.Injection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.PeerScorecard;

/// <summary>A rule family scored on its own corpus: our analyzers, our rules, and each peer's matching IDs.</summary>
internal sealed record Family(
    string Name,
    string Corpus,
    Func<ImmutableArray<DiagnosticAnalyzer>> Ours,
    Dictionary<string, string> Titles,
    Dictionary<string, string> SecurityCodeScan,
    Dictionary<string, string> Sonar,
    Dictionary<string, string> NetAnalyzers)
{
    public string[] Rules => Titles.Keys.ToArray();

    public Dictionary<string, string> MapFor(string peer) => peer switch
    {
        "SecurityCodeScan" => SecurityCodeScan,
        "Sonar" => Sonar,
        "NetAnalyzers" => NetAnalyzers,
        _ => throw new ArgumentOutOfRangeException(nameof(peer)),
    };
}

/// <summary>Which of each peer's diagnostic IDs cover which of our rules, per family.</summary>
internal static class PeerRules
{
    public static readonly Family Injection = new(
        "injection",
        "Injection",
        () => ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer(), new UnsafeDeserializerAnalyzer()),
        InjectionTitles(),
        Map(
            ("AIB1001", new[] { "SCS0002", "SCS0026", "SCS0035", "SCS0036" }),
            ("AIB1002", new[] { "SCS0001" }),
            ("AIB1003", new[] { "SCS0018" }),
            ("AIB1004", new[] { "SCS0027" }),
            ("AIB1005", new[] { "SCS0029" }),
            ("AIB1006", new[] { "SCS0031" }),
            ("AIB1008", new[] { "SCS0028" }),
            ("AIB1009", new[] { "SCS0007" }),
            ("AIB1011", new[] { "SCS0003" })),
        Map(
            ("AIB1001", new[] { "S2077", "S3649" }),
            ("AIB1002", new[] { "S2076", "S4721" }),
            ("AIB1003", new[] { "S2083", "S6549" }),
            ("AIB1004", new[] { "S5146" }),
            ("AIB1005", new[] { "S5131" }),
            ("AIB1006", new[] { "S2078" }),
            ("AIB1007", new[] { "S5144", "S7044" }),
            ("AIB1008", new[] { "S5773" }),
            ("AIB1009", new[] { "S2755" }),
            ("AIB1010", new[] { "S2631", "S6444", "S4784" }),
            ("AIB1011", new[] { "S2091" })),
        Map(
            ("AIB1001", new[] { "CA2100", "CA3001" }),
            ("AIB1002", new[] { "CA3006" }),
            ("AIB1003", new[] { "CA3003" }),
            ("AIB1004", new[] { "CA3007" }),
            ("AIB1005", new[] { "CA3002" }),
            ("AIB1006", new[] { "CA3005" }),
            ("AIB1008", new[]
            {
                "CA2300", "CA2301", "CA2302", "CA2305", "CA2310", "CA2311", "CA2312", "CA2315", "CA2321", "CA2322",
                "CA2326", "CA2327", "CA2328", "CA2329", "CA2330",
            }),
            ("AIB1009", new[] { "CA3075", "CA3077", "CA5369", "CA5370", "CA5371", "CA5372" }),
            ("AIB1010", new[] { "CA3012" }),
            ("AIB1011", new[] { "CA3008" })));

    public static readonly Family ErrorHandling = new(
        "error-handling",
        "ErrorHandling",
        () => ImmutableArray.Create<DiagnosticAnalyzer>(
            new ExceptionSwallowedAnalyzer(), new ExceptionDetailsAnalyzer(), new FireAndForgetAnalyzer(), new UncheckedHttpResponseAnalyzer(),
            new MissingNotFoundAnalyzer(), new NoAppWideErrorHandlingAnalyzer(), new CancellationNotPassedAnalyzer()),
        new Dictionary<string, string>
        {
            ["AIB2001"] = "Exception swallowed",
            ["AIB2002"] = "Exception details sent to the client",
            ["AIB2003"] = "Fire-and-forget in a request",
            ["AIB2004"] = "Unchecked HTTP response",
            ["AIB2005"] = "Missing not-found handling",
            ["AIB2006"] = "No app-wide error handling",
            ["AIB2007"] = "Cancellation not passed on",
        },
        Map(),
        Map(
            ("AIB2001", new[] { "S2486", "S108", "S2221" }),
            ("AIB2003", new[] { "S3168" }),
            ("AIB2007", new[] { "S6966" })),
        Map(
            ("AIB2001", new[] { "CA1031" }),
            ("AIB2003", new[] { "CA2012" }),
            ("AIB2007", new[] { "CA2016" })));

    public static readonly Family Auth = new(
        "auth",
        "Auth",
        () => ImmutableArray.Create<DiagnosticAnalyzer>(
            new EndpointAuthorizationAnalyzer(), new TokenValidationDisabledAnalyzer(), new HardcodedSecretAnalyzer(), new WeakPasswordHashingAnalyzer(),
            new InsecureRandomnessAnalyzer(), new TimingUnsafeComparisonAnalyzer(), new AuthMiddlewareOrderAnalyzer(), new PermissiveCorsAnalyzer(),
            new InsecureCookieAnalyzer(), new MissingOwnershipCheckAnalyzer(), new SensitiveDataExposedAnalyzer()),
        new Dictionary<string, string>
        {
            ["AIB3001"] = "Endpoint without an authorization decision",
            ["AIB3002"] = "Token validation disabled",
            ["AIB3003"] = "Hard-coded secret",
            ["AIB3004"] = "Weak password hashing",
            ["AIB3005"] = "Insecure randomness for secrets",
            ["AIB3006"] = "Timing-unsafe secret comparison",
            ["AIB3007"] = "Auth middleware out of order",
            ["AIB3008"] = "Permissive CORS with credentials",
            ["AIB3009"] = "Insecure cookie",
            ["AIB3010"] = "Missing ownership check",
            ["AIB3011"] = "Sensitive data exposed",
        },
        Map(
            ("AIB3001", new[] { "SCS0012" }),
            ("AIB3003", new[] { "SCS0015" }),
            ("AIB3004", new[] { "SCS0006" }),
            ("AIB3005", new[] { "SCS0005" }),
            ("AIB3009", new[] { "SCS0008", "SCS0009" })),
        Map(
            ("AIB3002", new[] { "S5659" }),
            ("AIB3003", new[] { "S2068", "S6418", "S6781" }),
            ("AIB3004", new[] { "S4790", "S5344" }),
            ("AIB3005", new[] { "S2245" }),
            ("AIB3008", new[] { "S5122" }),
            ("AIB3009", new[] { "S2092", "S3330" })),
        Map(
            ("AIB3002", new[] { "CA5404" }),
            ("AIB3003", new[] { "CA5390" }),
            ("AIB3004", new[] { "CA5350", "CA5351", "CA5379", "CA5387", "CA5388" }),
            ("AIB3005", new[] { "CA5394" }),
            ("AIB3009", new[] { "CA5382", "CA5383" })));

    public static readonly Family[] All = { Injection, ErrorHandling, Auth };

    private static Dictionary<string, string> InjectionTitles() => new()
    {
        ["AIB1001"] = "SQL injection",
        ["AIB1002"] = "OS command injection",
        ["AIB1003"] = "Path traversal",
        ["AIB1004"] = "Open redirect",
        ["AIB1005"] = "Cross-site scripting",
        ["AIB1006"] = "LDAP injection",
        ["AIB1007"] = "Server-side request forgery",
        ["AIB1008"] = "Unsafe deserialization",
        ["AIB1009"] = "XML external entities",
        ["AIB1010"] = "Regex denial of service",
        ["AIB1011"] = "XPath injection",
    };

    private static Dictionary<string, string> Map(params (string Rule, string[] PeerIds)[] rows) =>
        rows.SelectMany(r => r.PeerIds.Select(id => (id, r.Rule))).ToDictionary(p => p.id, p => p.Rule);
}
