using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Testing;

/// <summary>
/// Verifies a code fix: <c>before</c> (markup) must report exactly its marked diagnostics; applying the fix one
/// diagnostic at a time, and through Fix-All (document and project scope) where offered, must give exactly
/// <c>after</c>; the fixed code must compile and report exactly the diagnostics marked in <c>after</c>.
/// </summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task VerifyAsync(string before, string after, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer());
        var fix = new TCodeFix();

        var (beforeSource, _) = Markup.Parse(before);
        var (afterSource, afterExpected) = Markup.Parse(after);
        await AnalyzerVerifier<TAnalyzer>.VerifyAsync(before, options).ConfigureAwait(false);

        var original = TestProject.Create(new[] { beforeSource }, options);
        var oneByOne = await FixOneByOneAsync(original, analyzers, fix, options).ConfigureAwait(false);
        await CheckResultAsync("Fixing one diagnostic at a time", oneByOne, afterSource, afterExpected, analyzers, options).ConfigureAwait(false);

        if (fix.GetFixAllProvider() is { } fixAll)
        {
            foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project })
            {
                var fixedAll = await FixAllAsync(original, analyzers, fix, fixAll, scope, options).ConfigureAwait(false);
                await CheckResultAsync($"Fix-All ({scope})", fixedAll, afterSource, afterExpected, analyzers, options).ConfigureAwait(false);
            }
        }
    }

    private static async Task<Project> FixOneByOneAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CodeFixProvider fix, TestOptions options)
    {
        // Each round re-analyzes, so a fix that breaks other diagnostics' spans is still applied correctly.
        for (var round = 0; round < 100; round++)
        {
            var applied = false;
            foreach (var diagnostic in await FixableAsync(project, analyzers, fix, options).ConfigureAwait(false))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                var actions = await ActionsAsync(document, diagnostic, fix).ConfigureAwait(false);
                if (actions.Count == 0)
                    continue;

                project = await ApplyAsync(actions[0], project).ConfigureAwait(false);
                applied = true;
                break;
            }

            if (!applied)
                return project;
        }

        throw new VerificationException("The code fix did not converge after 100 rounds.");
    }

    private static async Task<Project> FixAllAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CodeFixProvider fix, FixAllProvider fixAll, FixAllScope scope, TestOptions options)
    {
        var fixable = await FixableAsync(project, analyzers, fix, options).ConfigureAwait(false);
        foreach (var diagnostic in fixable)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
            var actions = await ActionsAsync(document, diagnostic, fix).ConfigureAwait(false);
            if (actions.Count == 0)
                continue;

            var context = new FixAllContext(document, fix, scope, actions[0].EquivalenceKey, fix.FixableDiagnosticIds, new AnalyzerDiagnosticProvider(analyzers, options), CancellationToken.None);
            var action = await fixAll.GetFixAsync(context).ConfigureAwait(false)
                ?? throw new VerificationException($"Fix-All ({scope}) offered no action.");
            return await ApplyAsync(action, project).ConfigureAwait(false);
        }

        return project;
    }

    private static async Task CheckResultAsync(string how, Project project, string afterSource, IReadOnlyList<ExpectedDiagnostic> afterExpected, ImmutableArray<DiagnosticAnalyzer> analyzers, TestOptions options)
    {
        var actual = (await project.Documents.First().GetTextAsync().ConfigureAwait(false)).ToString();
        if (actual != afterSource)
            throw new VerificationException($"{how} did not give the expected code:\n{TextDiff.Describe(afterSource, actual)}");

        var compilation = await TestProject.CompileAsync(project, options).ConfigureAwait(false);
        var diagnostics = await TestProject.AnalyzeAsync(project, compilation, analyzers).ConfigureAwait(false);
        AnalyzerVerifier<TAnalyzer>.Compare(analyzers[0], afterExpected, diagnostics, SourceText.From(afterSource));
    }

    private static async Task<List<Diagnostic>> FixableAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CodeFixProvider fix, TestOptions options)
    {
        var compilation = await TestProject.CompileAsync(project, options).ConfigureAwait(false);
        var diagnostics = await TestProject.AnalyzeAsync(project, compilation, analyzers).ConfigureAwait(false);
        return diagnostics.Where(d => fix.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource).ToList();
    }

    private static async Task<List<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic, CodeFixProvider fix)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions;
    }

    private static async Task<Project> ApplyAsync(CodeAction action, Project project)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
            ?? throw new VerificationException($"Code action '{action.Title}' produced no change.");
        return apply.ChangedSolution.GetProject(project.Id)!;
    }

    /// <summary>Feeds Fix-All the analyzer's diagnostics, as the IDE's diagnostic service would.</summary>
    private sealed class AnalyzerDiagnosticProvider(ImmutableArray<DiagnosticAnalyzer> analyzers, TestOptions options) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var compilation = await TestProject.CompileAsync(project, options).ConfigureAwait(false);
            return await TestProject.AnalyzeAsync(project, compilation, analyzers).ConfigureAwait(false);
        }

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return (await GetAllDiagnosticsAsync(document.Project, cancellationToken).ConfigureAwait(false)).Where(d => d.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await GetAllDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false)).Where(d => !d.Location.IsInSource);
    }
}
