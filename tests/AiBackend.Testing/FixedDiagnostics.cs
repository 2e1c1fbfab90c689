using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AiBackend.Testing;

/// <summary>
/// The diagnostics a Fix-All is handed, computed once before it runs, as <c>dotnet format</c> hands them (they go stale as
/// soon as a fix changes the code).
/// </summary>
public sealed class FixedDiagnostics(IEnumerable<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
{
    public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(diagnostics);

    public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
    {
        var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
        return diagnostics.Where(d => d.Location.SourceTree == tree).ToList();
    }

    public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(diagnostics);
}
