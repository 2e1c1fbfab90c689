using System.Collections.Immutable;
using System.Linq;
using AiBackend.Shared;
using AiBackend.Shared.Endpoints;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Analyzers.GeneratorUsage;

/// <summary>
/// AIB5010: <c>[assembly: GenerateEndpointTests(typeof(X))]</c> that the test generator cannot honour: X is not the API's
/// entry point, or the test project lacks xunit or Microsoft.AspNetCore.Mvc.Testing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EndpointTestsDeclarationAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.EndpointTestsInvalid,
        title: "Endpoint tests cannot be generated",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Error,
        description: "[assembly: GenerateEndpointTests(typeof(Program))] needs the API's entry point (the class with Main, or Program of a top-level program made visible with 'public partial class Program;') and a test project that references xunit and Microsoft.AspNetCore.Mvc.Testing. Until then no tests are generated.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A syntax-node action makes the compiler walk every node of every file for it, so it is registered only
            // in a project that carries the attribute (a test project), not in every project that can see it.
            var attribute = start.Compilation.GetTypeByMetadataName(KnownTypeNames.GenerateEndpointTestsAttribute);
            if (attribute is not null && start.Compilation.Assembly.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
                start.RegisterSyntaxNodeAction(c => Analyze(c, attribute), SyntaxKind.Attribute);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol testsAttribute)
    {
        var syntax = (AttributeSyntax)context.Node;
        if (syntax.Parent is not AttributeListSyntax { Target.Identifier.ValueText: "assembly" })
            return;
        if (context.SemanticModel.GetSymbolInfo(syntax, context.CancellationToken).Symbol?.ContainingType is not { } type
            || !SymbolEqualityComparer.Default.Equals(type, testsAttribute))
            return;

        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault();
        if (argument?.Expression is TypeOfExpressionSyntax typeOf
            && context.SemanticModel.GetTypeInfo(typeOf.Type, context.CancellationToken).Type is INamedTypeSymbol entryPoint
            && !EntryPoint.Is(entryPoint))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, argument.GetLocation(), $"'{entryPoint.Name}' is not an entry point: name the API's Program class (the one with Main or top-level statements)"));
            return;
        }

        var compilation = context.SemanticModel.Compilation;
        if (compilation.GetTypesByMetadataName("Xunit.FactAttribute").IsEmpty)
            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), "Generated endpoint tests are xunit tests: add a reference to xunit"));
        if (compilation.GetTypesByMetadataName("Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory`1").IsEmpty)
            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.GetLocation(), "Generated endpoint tests host the API with WebApplicationFactory: add a reference to Microsoft.AspNetCore.Mvc.Testing"));
    }
}
