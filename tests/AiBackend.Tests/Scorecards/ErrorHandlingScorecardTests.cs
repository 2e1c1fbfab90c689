using System.Collections.Immutable;
using AiBackend.Analyzers.ErrorHandling;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AiBackend.Tests.Scorecards;

public class ErrorHandlingScorecardTests : ScorecardTests
{
    public ErrorHandlingScorecardTests(ITestOutputHelper output)
        : base(output)
    {
    }

    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
        new ExceptionSwallowedAnalyzer(), new ExceptionDetailsAnalyzer(), new FireAndForgetAnalyzer(), new UncheckedHttpResponseAnalyzer(),
        new MissingNotFoundAnalyzer(), new NoAppWideErrorHandlingAnalyzer(), new CancellationNotPassedAnalyzer());

    protected override string CorpusName => "ErrorHandling";

    protected override string[] RuleIds { get; } = { "AIB2001", "AIB2002", "AIB2003", "AIB2004", "AIB2005", "AIB2006", "AIB2007" };

    protected override ImmutableArray<DiagnosticAnalyzer> Analyzers => All;

    protected override int MinimumCases => 80;
}
