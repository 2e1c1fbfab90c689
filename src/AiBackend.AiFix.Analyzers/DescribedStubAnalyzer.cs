using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.AiFix.Implement;

/// <summary>
/// AIB9001: a described method stub, the place "Implement with AI" is offered. Silent, so editors show only the
/// lightbulb. <c>dotnet format</c> fixes only diagnostics of severity info or above, so while a headless request cap is
/// set (the package makes <c>AIBACKEND_AI_FIX_ALL_MAX_REQUESTS</c> a compiler-visible property) it is reported as a
/// suggestion. A symbol action over methods, reading their syntax; no I/O.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DescribedStubAnalyzer : DiagnosticAnalyzer
{
    public const string DiagnosticId = "AIB9001";

    /// <summary>The MSBuild property (the environment variable) that turns the headless run on.</summary>
    public const string HeadlessCapProperty = "build_property.AIBACKEND_AI_FIX_ALL_MAX_REQUESTS";

    private const string Title = "Described method stub";
    private const string Message = "'{0}' is described but not implemented";
    private const string Category = "AI";
    private const string Description = "A method whose body only throws NotImplementedException (or a partial method without implementation), described by a doc comment or a // TODO: line. The optional AI package can implement it, verified like its fixes.";
    private const string HelpLink = "https://github.com/AiBackendAnalyzers/AiBackendAnalyzers/blob/main/docs/rules/AIB9001.md";

    /// <summary>
    /// Declared as a suggestion because dotnet format runs an analyzer only if its descriptors reach the asked severity;
    /// reported silent (see <see cref="SeverityFor"/>) unless the headless cap is set.
    /// </summary>
    internal static readonly DiagnosticDescriptor Rule = new(DiagnosticId, Title, Message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true, Description, HelpLink);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var severity = SeverityFor(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            // A symbol action, not a syntax-node one: the latter makes the compiler walk every node of every file.
            start.RegisterSymbolAction(
                symbol =>
                {
                    if (symbol.Symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                        return;
                    foreach (var reference in method.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax(symbol.CancellationToken) is MethodDeclarationSyntax declaration
                            && DescribedStub.Find(declaration, _ => method.PartialImplementationPart is not null) is { } stub)
                            symbol.ReportDiagnostic(Create(stub.Method, severity));
                    }
                },
                SymbolKind.Method);
        });
    }

    /// <summary>A suggestion while the headless request cap is set (not empty, not 0); otherwise silent, a lightbulb only.</summary>
    internal static DiagnosticSeverity SeverityFor(AnalyzerConfigOptions options) =>
        options.TryGetValue(HeadlessCapProperty, out var value) && value.Trim() is { Length: > 0 } cap && cap != "0" ? DiagnosticSeverity.Info : DiagnosticSeverity.Hidden;

    internal static Diagnostic Create(MethodDeclarationSyntax method, DiagnosticSeverity severity) =>
        Diagnostic.Create(Rule, HeaderLocation(method), severity, additionalLocations: null, properties: null, method.Identifier.ValueText);

    /// <summary>From the modifiers to the parameter list: where the lightbulb appears, without covering the description.</summary>
    internal static Location HeaderLocation(MethodDeclarationSyntax method)
    {
        var start = method.Modifiers.Count > 0 ? method.Modifiers[0].SpanStart : method.ReturnType.SpanStart;
        return Location.Create(method.SyntaxTree, TextSpan.FromBounds(start, method.ParameterList.Span.End));
    }

    /// <summary>For callers holding syntax (the code action): whether a partial method definition has its implementation.</summary>
    internal static bool HasImplementation(SemanticModel model, MethodDeclarationSyntax definition) =>
        model.GetDeclaredSymbol(definition) is not IMethodSymbol { PartialImplementationPart: null };
}
