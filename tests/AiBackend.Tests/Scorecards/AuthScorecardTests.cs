using System.Collections.Immutable;
using AiBackend.Analyzers.Auth;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AiBackend.Tests.Scorecards;

public class AuthScorecardTests : ScorecardTests
{
    public AuthScorecardTests(ITestOutputHelper output)
        : base(output)
    {
    }

    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
        new EndpointAuthorizationAnalyzer(), new TokenValidationDisabledAnalyzer(), new HardcodedSecretAnalyzer(), new WeakPasswordHashingAnalyzer(),
        new InsecureRandomnessAnalyzer(), new TimingUnsafeComparisonAnalyzer(), new AuthMiddlewareOrderAnalyzer(), new PermissiveCorsAnalyzer(),
        new InsecureCookieAnalyzer(), new MissingOwnershipCheckAnalyzer(), new SensitiveDataExposedAnalyzer());

    protected override string CorpusName => "Auth";

    protected override string[] RuleIds { get; } =
        { "AIB3001", "AIB3002", "AIB3003", "AIB3004", "AIB3005", "AIB3006", "AIB3007", "AIB3008", "AIB3009", "AIB3010", "AIB3011" };

    protected override ImmutableArray<DiagnosticAnalyzer> Analyzers => All;

    protected override int MinimumCases => 120;
}
