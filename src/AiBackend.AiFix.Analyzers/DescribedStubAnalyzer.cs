using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.AiFix.Implement;

/// <summary>
/// AIB9001 (silent): a described method stub, the place "Implement with AI" is offered. Silent, so editors show only the
/// lightbulb; <c>dotnet format</c> fixes only diagnostics of severity info or above, so the package's build file raises
/// it to a suggestion when a headless request cap is set (see docs/ai-implement.md). Syntax only, no I/O.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DescribedStubAnalyzer : DiagnosticAnalyzer
{
    public const string DiagnosticId = "AIB9001";

    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticId,
        "Described method stub",
        "'{0}' is described but not implemented",
        "AI",
        DiagnosticSeverity.Hidden,
        isEnabledByDefault: true,
        description: "A method whose body only throws NotImplementedException (or a partial method without implementation), described by a doc comment or a // TODO: line. The optional AI package can implement it, verified like its fixes.",
        helpLinkUri: "https://github.com/AiBackendAnalyzers/AiBackendAnalyzers/blob/main/docs/ai-implement.md");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.MethodDeclaration);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var method = (MethodDeclarationSyntax)context.Node;
        if (DescribedStub.Find(method, m => HasImplementation(context.SemanticModel, m)) is { } stub)
            context.ReportDiagnostic(Diagnostic.Create(Rule, HeaderLocation(stub.Method), stub.Method.Identifier.ValueText));
    }

    /// <summary>From the modifiers to the parameter list: where the lightbulb appears, without covering the description.</summary>
    internal static Location HeaderLocation(MethodDeclarationSyntax method)
    {
        var start = method.Modifiers.Count > 0 ? method.Modifiers[0].SpanStart : method.ReturnType.SpanStart;
        return Location.Create(method.SyntaxTree, TextSpan.FromBounds(start, method.ParameterList.Span.End));
    }

    internal static bool HasImplementation(SemanticModel model, MethodDeclarationSyntax definition) =>
        model.GetDeclaredSymbol(definition) is not IMethodSymbol { PartialImplementationPart: null };
}
