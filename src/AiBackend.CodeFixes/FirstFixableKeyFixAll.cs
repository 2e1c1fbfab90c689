using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AiBackend.CodeFixes;

/// <summary>
/// The batch Fix-All of every deterministic fix, made to work headless. <c>dotnet format</c> takes the equivalence key
/// from whatever the first finding registers and passes none when that finding has no deterministic fix (an AIB1001 the
/// rewrite cannot parameterise); the batch fixer then matches nothing, the tool prints "… didn't return a Fix All
/// action", and the findings that do have a fix are left too. Here a missing key comes from the first finding in scope
/// that has a fix, and a scope with nothing to fix gets an action that changes nothing.
/// </summary>
internal sealed class FirstFixableKeyFixAll : FixAllProvider
{
    public static readonly FixAllProvider Instance = new FirstFixableKeyFixAll();

    private static FixAllProvider Batch => WellKnownFixAllProviders.BatchFixer;

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => Batch.GetSupportedFixAllScopes();

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var key = fixAllContext.CodeActionEquivalenceKey ?? await FirstKeyAsync(fixAllContext).ConfigureAwait(false);
        if (key is null)
            return NothingToFix(fixAllContext);

        var context = key == fixAllContext.CodeActionEquivalenceKey ? fixAllContext : WithKey(fixAllContext, key);
        return await Batch.GetFixAsync(context).ConfigureAwait(false) ?? NothingToFix(fixAllContext);
    }

    private static CodeAction NothingToFix(FixAllContext context) =>
        CodeAction.Create("Nothing to fix", _ => Task.FromResult(context.Solution), context.CodeActionEquivalenceKey);

    /// <summary>The equivalence key of the first fix any finding in scope registers, in file and position order.</summary>
    private static async Task<string?> FirstKeyAsync(FixAllContext context)
    {
        var projects = context.Scope == FixAllScope.Solution ? context.Solution.Projects : new[] { context.Project };
        foreach (var project in projects)
        {
            var diagnostics = context.Scope is FixAllScope.Document or FixAllScope.ContainingMember or FixAllScope.ContainingType && context.Document is not null
                ? await context.GetDocumentDiagnosticsAsync(context.Document!).ConfigureAwait(false)
                : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
            foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource).OrderBy(d => d.Location.SourceTree!.FilePath).ThenBy(d => d.Location.SourceSpan.Start))
            {
                if (project.GetDocument(diagnostic.Location.SourceTree) is not { } document)
                    continue;

                string? key = null;
                await context.CodeFixProvider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => key ??= action.EquivalenceKey, context.CancellationToken)).ConfigureAwait(false);
                if (key is not null)
                    return key;
            }
        }

        return null;
    }

    private static FixAllContext WithKey(FixAllContext context, string key)
    {
        var diagnostics = new SameDiagnostics(context);
        return context.Document is { } document
            ? new FixAllContext(document, context.CodeFixProvider, context.Scope, key, context.DiagnosticIds, diagnostics, context.CancellationToken)
            : new FixAllContext(context.Project, context.CodeFixProvider, context.Scope, key, context.DiagnosticIds, diagnostics, context.CancellationToken);
    }

    /// <summary>The diagnostics of the original context (the host's, e.g. dotnet format's analysis).</summary>
    private sealed class SameDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly FixAllContext _context;

        public SameDiagnostics(FixAllContext context)
        {
            _context = context;
        }

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await _context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            await _context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await _context.GetProjectDiagnosticsAsync(project).ConfigureAwait(false);
    }
}
