using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix.Implement;

/// <summary>Headless "Implement with AI": every described stub of the project, each implemented by <see cref="VerifiedImplementation"/>.</summary>
internal sealed class ImplementWork : HeadlessWork
{
    public static readonly ImplementWork Instance = new();

    private ImplementWork()
        : base("AI implementation", "implemented", "stubs")
    {
    }

    public override async Task<IReadOnlyList<HeadlessCandidate>> CandidatesAsync(Project project, ImmutableHashSet<string> ids, CancellationToken cancellationToken)
    {
        var candidates = new List<HeadlessCandidate>();
        if (!ids.Contains(DescribedStubAnalyzer.DiagnosticId))
            return candidates;

        foreach (var document in project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal))
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || RepositorySwitch.IsDisabled(document, root.SyntaxTree, DescribedStubAnalyzer.DiagnosticId))
                continue;

            // The semantic model only for body-less partial methods, the one question syntax cannot answer.
            var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();
            var model = methods.Any(m => m.Body is null && m.ExpressionBody is null) ? await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) : null;
            foreach (var method in methods)
            {
                if (DescribedStub.Find(method, m => model is null || DescribedStubAnalyzer.HasImplementation(model, m)) is null)
                    continue;
                var diagnostic = DescribedStubAnalyzer.Create(method, DiagnosticSeverity.Info);
                candidates.Add(new HeadlessCandidate(document, diagnostic, $"{DescribedStubAnalyzer.DiagnosticId}|{document.FilePath}|{method}"));
            }
        }

        return candidates;
    }

    public override async Task<AiFixOutcome> RunAsync(HeadlessCandidate candidate, AiFixSettings settings, RequestBudget budget, CancellationToken cancellationToken)
    {
        var root = await candidate.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var method = root!.FindNode(candidate.Diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>();
        return method is null
            ? AiFixOutcome.Failed("the method is no longer there", 0)
            : await VerifiedImplementation.RunAsync(candidate.Document, method, settings, budget, cancellationToken).ConfigureAwait(false);
    }
}
