using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.AiFix.Verification;

/// <summary>
/// What verification compares before and after a rewrite: the project's compiler errors and warnings and its AIB diagnostics, from the
/// AIB analyzers the project itself loads (so the check uses exactly the rules and options the user's build does).
/// </summary>
internal sealed class AibAnalysis
{
    private AibAnalysis(ImmutableArray<Diagnostic> errors, ImmutableArray<Diagnostic> warnings, ImmutableArray<Diagnostic> findings)
    {
        Errors = errors;
        Warnings = warnings;
        Findings = findings;
    }

    public ImmutableArray<Diagnostic> Errors { get; }

    /// <summary>Compiler warnings the build would show (not suppressed).</summary>
    public ImmutableArray<Diagnostic> Warnings { get; }

    public ImmutableArray<Diagnostic> Findings { get; }

    /// <summary>The AIB analyzers among the project's analyzer references (empty when the package is not installed).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AnalyzersOf(Project project)
    {
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var reference in project.AnalyzerReferences)
        {
            ImmutableArray<DiagnosticAnalyzer> loaded;
            try
            {
                loaded = reference.GetAnalyzers(project.Language);
            }
            catch (Exception)
            {
                continue; // an unloadable reference is the host's to report, not a reason to fail this fix
            }

            analyzers.AddRange(loaded.Where(a => a.SupportedDiagnostics.Any(d => IsAib(d.Id))));
        }

        return analyzers.ToImmutable();
    }

    public static async Task<AibAnalysis> RunAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The project has no compilation.");
        var compilerDiagnostics = compilation.GetDiagnostics(cancellationToken);
        var errors = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        var warnings = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning && !d.IsSuppressed).ToImmutableArray();
        var findings = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions, cancellationToken)
            .GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return new AibAnalysis(errors, warnings, findings.Where(d => IsAib(d.Id) && !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden).ToImmutableArray());
    }

    /// <summary>Errors in this analysis that <paramref name="baseline"/> did not have (by code and message: positions move).</summary>
    public IReadOnlyList<Diagnostic> NewErrorsSince(AibAnalysis baseline) => Unmatched(Errors, baseline.Errors, d => d.Id + ": " + d.GetMessage());

    /// <summary>Compiler warnings in this analysis that <paramref name="baseline"/> did not have (by code and message).</summary>
    public IReadOnlyList<Diagnostic> NewWarningsSince(AibAnalysis baseline) => Unmatched(Warnings, baseline.Warnings, d => d.Id + ": " + d.GetMessage());

    /// <summary>AIB findings whose rule now reports more often than in <paramref name="baseline"/>.</summary>
    public IReadOnlyList<Diagnostic> NewFindingsSince(AibAnalysis baseline) => Unmatched(Findings, baseline.Findings, d => d.Id);

    public int CountIn(string id, SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span) => FindingsIn(tree, span).Count(d => d.Id == id);

    /// <summary>The AIB findings reported inside <paramref name="span"/> of <paramref name="tree"/>.</summary>
    public IEnumerable<Diagnostic> FindingsIn(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        Findings.Where(d => d.Location.SourceTree == tree && span.Contains(d.Location.SourceSpan));

    private static IReadOnlyList<Diagnostic> Unmatched(ImmutableArray<Diagnostic> now, ImmutableArray<Diagnostic> before, Func<Diagnostic, string> key)
    {
        var remaining = before.GroupBy(key).ToDictionary(g => g.Key, g => g.Count());
        var unmatched = new List<Diagnostic>();
        foreach (var diagnostic in now)
        {
            var k = key(diagnostic);
            if (remaining.TryGetValue(k, out var count) && count > 0)
                remaining[k] = count - 1;
            else
                unmatched.Add(diagnostic);
        }

        return unmatched;
    }

    private static bool IsAib(string id) => id.StartsWith("AIB", StringComparison.Ordinal);
}
