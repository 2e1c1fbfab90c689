using System.Collections.Immutable;
using AiBackend.Analyzers.Injection;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AiBackend.Tests.Scorecards;

public class InjectionScorecardTests : ScorecardTests
{
    public InjectionScorecardTests(ITestOutputHelper output)
        : base(output)
    {
    }

    public static ImmutableArray<DiagnosticAnalyzer> All { get; } =
        ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer(), new UnsafeDeserializerAnalyzer());

    protected override string CorpusName => "Injection";

    protected override string[] RuleIds { get; } =
        { "AIB1001", "AIB1002", "AIB1003", "AIB1004", "AIB1005", "AIB1006", "AIB1007", "AIB1008", "AIB1009", "AIB1010" };

    protected override ImmutableArray<DiagnosticAnalyzer> Analyzers => All;

    protected override int MinimumCases => 150;
}
