using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Testing;

/// <summary>
/// Verifies an analyzer against markup: the reported diagnostics must be exactly the marked ones
/// (same IDs, same spans, in the first source file; none anywhere else).
/// </summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Verifies and returns the diagnostics, for further checks (messages, properties).</summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        var analyzer = new TAnalyzer();
        var (source, expected) = Markup.Parse(markup);
        var project = TestProject.Create(new[] { source }, options);
        var compilation = await TestProject.CompileAsync(project, options).ConfigureAwait(false);
        var diagnostics = await TestProject.AnalyzeAsync(project, compilation, ImmutableArray.Create<DiagnosticAnalyzer>(analyzer)).ConfigureAwait(false);
        Compare(analyzer, expected, diagnostics, SourceText.From(source));
        return diagnostics;
    }

    internal static void Compare(DiagnosticAnalyzer analyzer, IReadOnlyList<ExpectedDiagnostic> expected, ImmutableArray<Diagnostic> actual, SourceText source)
    {
        var defaultId = DefaultId(analyzer, expected);
        var wanted = expected.Select(e => (Id: e.Id ?? defaultId, e.Span)).ToList();
        var primary = TestProject.SourcePath(0);

        var unexpected = actual.Where(d => !(d.Location.GetLineSpan().Path == primary && wanted.Remove((d.Id, d.Location.SourceSpan)))).ToList();
        if (unexpected.Count == 0 && wanted.Count == 0)
            return;

        var message = "Diagnostics differ from the markup.";
        if (wanted.Count > 0)
            message += "\nExpected but not reported:\n" + string.Join("\n", wanted.Select(w => $"  {w.Id} {Position(source, w.Span)} `{source.ToString(w.Span)}`"));
        if (unexpected.Count > 0)
            message += "\nReported but not expected:\n" + DiagnosticText.List(unexpected);
        throw new VerificationException(message);
    }

    private static string DefaultId(DiagnosticAnalyzer analyzer, IReadOnlyList<ExpectedDiagnostic> expected)
    {
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().ToList();
        if (ids.Count != 1 && expected.Any(e => e.Id is null))
            throw new VerificationException($"{analyzer.GetType().Name} supports {ids.Count} IDs: name the ID in the markup ({{|ID:…|}}), not [|…|].");
        return ids[0];
    }

    private static string Position(SourceText source, TextSpan span)
    {
        var lines = source.Lines.GetLinePositionSpan(span);
        return DiagnosticText.Position(new FileLinePositionSpan(TestProject.SourcePath(0), lines));
    }
}
