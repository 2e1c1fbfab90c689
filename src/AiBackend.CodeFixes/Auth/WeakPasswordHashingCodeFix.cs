using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.CodeFixes.Auth;

/// <summary>AIB3004: a PBKDF2 iteration count below the floor → the floor.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakPasswordHashingCodeFix)), Shared]
public sealed class WeakPasswordHashingCodeFix : ReplaceNodeCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.WeakPasswordHashing);

    protected override string Title => "Raise the iteration count to the recommended floor (new hashes only: store the count with each hash)";

    protected override string RequiredFix => DiagnosticProperties.RaiseIterations;

    protected override (SyntaxNode Old, SyntaxNode New)? Rewrite(SyntaxNode node, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        node is LiteralExpressionSyntax literal && diagnostic.Properties.TryGetValue(DiagnosticProperties.Iterations, out var floor) && int.TryParse(floor, out var value)
            ? (literal, SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(",", "_"), value)).WithTriviaFrom(literal))
            : null;
}
