using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Client;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Prompt;
using AiBackend.AiFix.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix.Implement;

/// <summary>
/// "Implement with AI": the model writes the body of a described stub, and the answer is kept only if, on top of
/// <see cref="VerifiedRewrite"/>'s parse and compile checks, no AIB rule reports anything in the new method (with its
/// arguments treated as request data, see <see cref="UntrustedArgumentsProbe"/>), no AIB rule reports more elsewhere,
/// and the compiler has no new warning.
/// </summary>
internal static class VerifiedImplementation
{
    public static async Task<AiFixOutcome> RunAsync(Document document, MethodDeclarationSyntax method, AiFixSettings settings, RequestBudget budget, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
            || DescribedStub.Find(method, m => DescribedStubAnalyzer.HasImplementation(model, m)) is not { } stub)
            return AiFixOutcome.Failed("the method is no longer a described stub", 0);

        return await VerifiedRewrite.RunAsync(new ImplementRewrite(document, root, stub, symbol, model), settings, budget, cancellationToken).ConfigureAwait(false);
    }

    private sealed class ImplementRewrite : MemberRewrite
    {
        private readonly DescribedStub _stub;
        private readonly IMethodSymbol _symbol;
        private readonly SemanticModel _model;

        public ImplementRewrite(Document document, SyntaxNode root, DescribedStub stub, IMethodSymbol symbol, SemanticModel model)
            : base(document, root, stub.Method)
        {
            _stub = stub;
            _symbol = symbol;
            _model = model;
        }

        public override string KindName => "method";

        public override string? Name => _stub.Method.Identifier.ValueText;

        public override string SchemaName => ImplementPrompt.SchemaName;

        public override List<ChatMessage> BuildPrompt(SecretRedactor redactor) => ImplementPrompt.Build(_stub, _symbol, _model, Root, redactor);

        public override MemberDeclarationSyntax? Shape(MemberDeclarationSyntax parsed, out string? problem)
        {
            problem = null;
            if (parsed is not MethodDeclarationSyntax method || method.Identifier.ValueText != Name || method.ParameterList.Parameters.Count != _stub.Method.ParameterList.Parameters.Count)
                problem = $"the answer is not the method '{Name}' with its {VerifiedRewrite.Count(_stub.Method.ParameterList.Parameters.Count, "parameter")}";
            else if (method.Body is null && method.ExpressionBody is null)
                problem = "the answer has no body";
            else if (method.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().Any(c => c.Type.ToString().EndsWith("NotImplementedException", System.StringComparison.Ordinal)))
                problem = "the answer is still a stub (it throws NotImplementedException)";
            if (problem is not null)
                return null;

            // The author's doc comment stays on the original; the answer's own leading comments are dropped.
            var shaped = parsed.WithoutLeadingTrivia();
            if (_stub.IsPartialDefinition && !shaped.Modifiers.Any(SyntaxKind.PartialKeyword))
                shaped = shaped.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            return shaped;
        }

        public override SyntaxNode Place(MemberDeclarationSyntax replacement)
        {
            var indentation = Member.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            if (_stub.IsPartialDefinition)
            {
                // The implementing declaration goes right after the definition, which keeps its doc comment.
                var placed = replacement.WithLeadingTrivia(SyntaxFactory.EndOfLine("\n"), indentation).WithTrailingTrivia(Member.GetTrailingTrivia());
                return Root.InsertNodesAfter(Member, new[] { placed });
            }

            // The TODO line the method was described by is done once it is implemented.
            var leading = Member.GetLeadingTrivia();
            if (_stub.Todo is { } todo && leading.IndexOf(todo) is var index and >= 0)
            {
                var list = leading.ToList();
                var end = index + 1 < list.Count && list[index + 1].IsKind(SyntaxKind.EndOfLineTrivia) ? index + 1 : index;
                var start = index > 0 && list[index - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? index - 1 : index;
                list.RemoveRange(start, end - start + 1);
                leading = SyntaxFactory.TriviaList(list);
            }

            return Root.ReplaceNode(Member, replacement.WithLeadingTrivia(leading).WithTrailingTrivia(Member.GetTrailingTrivia()));
        }

        public override Task<Project> ForAnalysisAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(UntrustedArgumentsProbe.Add(project, _symbol));

        public override Rejection? Check(AibAnalysis baseline, AibAnalysis after, SyntaxTree changedTree, SyntaxNode newMember)
        {
            // Findings in the new method, and in the probe: a caller's argument reaching a sink through the method.
            var inside = after.FindingsIn(changedTree, newMember.Span).Concat(after.Findings.Where(UntrustedArgumentsProbe.IsIn)).ToList();
            if (inside.Count > 0)
            {
                var ids = inside.Select(d => d.Id).Distinct().ToList();
                return new Rejection($"{string.Join(", ", ids)} {(ids.Count == 1 ? "is" : "are")} reported in the new code", Explained(inside));
            }

            var newFindings = after.NewFindingsSince(baseline).Where(d => !UntrustedArgumentsProbe.IsIn(d)).ToList();
            if (newFindings.Count > 0)
                return new Rejection($"the new code introduces {string.Join(", ", newFindings.Select(d => d.Id).Distinct())} elsewhere", Explained(newFindings));

            var newWarnings = after.NewWarningsSince(baseline);
            return newWarnings.Count > 0
                ? new Rejection($"the new code adds compiler warnings ({string.Join(", ", newWarnings.Select(d => d.Id).Distinct())})", VerifiedRewrite.Describe(newWarnings))
                : null;
        }

        /// <summary>
        /// The findings for the retry request; those in the probe by their message only (its lines mean nothing to the
        /// model), those the probe's arguments reach with its source named as what it stands for.
        /// </summary>
        private static IReadOnlyList<string> Explained(IEnumerable<Diagnostic> findings) =>
            findings.Select(d => UntrustedArgumentsProbe.IsIn(d) ? $"{d.Id}: {UntrustedArgumentsProbe.Explain(d.GetMessage())}"
                    : UntrustedArgumentsProbe.Mentions(d) ? $"{d.Id} at line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {UntrustedArgumentsProbe.Explain(d.GetMessage())}"
                    : VerifiedRewrite.Describe(new[] { d })[0])
                .Distinct()
                .Take(10)
                .ToList();
    }
}
