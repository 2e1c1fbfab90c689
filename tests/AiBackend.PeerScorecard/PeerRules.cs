namespace AiBackend.PeerScorecard;

/// <summary>Our injection rules and, per peer, which of its diagnostic IDs cover which of our rules.</summary>
internal static class PeerRules
{
    public static readonly string[] Ours =
        { "AIB1001", "AIB1002", "AIB1003", "AIB1004", "AIB1005", "AIB1006", "AIB1007", "AIB1008", "AIB1009", "AIB1010" };

    public static readonly Dictionary<string, string> Titles = new()
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
    };

    public static readonly Dictionary<string, string> SecurityCodeScan = Map(
        ("AIB1001", new[] { "SCS0002", "SCS0026", "SCS0035", "SCS0036" }),
        ("AIB1002", new[] { "SCS0001" }),
        ("AIB1003", new[] { "SCS0018" }),
        ("AIB1004", new[] { "SCS0027" }),
        ("AIB1005", new[] { "SCS0029" }),
        ("AIB1006", new[] { "SCS0031" }),
        ("AIB1008", new[] { "SCS0028" }),
        ("AIB1009", new[] { "SCS0007" }));

    public static readonly Dictionary<string, string> Sonar = Map(
        ("AIB1001", new[] { "S2077", "S3649" }),
        ("AIB1002", new[] { "S2076", "S4721" }),
        ("AIB1003", new[] { "S2083", "S6549" }),
        ("AIB1004", new[] { "S5146" }),
        ("AIB1005", new[] { "S5131" }),
        ("AIB1006", new[] { "S2078" }),
        ("AIB1007", new[] { "S5144", "S7044" }),
        ("AIB1008", new[] { "S5773" }),
        ("AIB1009", new[] { "S2755" }),
        ("AIB1010", new[] { "S2631", "S6444", "S4784" }));

    public static readonly Dictionary<string, string> NetAnalyzers = Map(
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
        ("AIB1010", new[] { "CA3012" }));

    private static Dictionary<string, string> Map(params (string Rule, string[] PeerIds)[] rows) =>
        rows.SelectMany(r => r.PeerIds.Select(id => (id, r.Rule))).ToDictionary(p => p.id, p => p.Rule);
}
