using System.Collections.Immutable;
using AiBackend.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Analyzers.GeneratorUsage;

/// <summary>
/// AIB5013: <c>[Endpoint]</c> or <c>[Resource]</c> in a project that does not reference ASP.NET Core. What the
/// generators write maps endpoints on an <c>IEndpointRouteBuilder</c>, so the package's build file hands the compiler
/// the generators only where ASP.NET Core is referenced (as ASP.NET Core's own generators come with its framework
/// reference); this rule says why nothing was generated instead of leaving the attribute silently unused.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AspNetCoreMissingAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The type the generated code maps onto; it lives in Microsoft.AspNetCore.Routing, the assembly the build file looks for.</summary>
    private const string EndpointRouteBuilder = "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";

    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.GeneratorNeedsAspNetCore,
        title: "Endpoints are generated only in a project that references ASP.NET Core",
        messageFormat: "Nothing is generated for '{0}': [{1}] writes ASP.NET Core endpoints and this project does not reference ASP.NET Core (use Sdk=\"Microsoft.NET.Sdk.Web\" or add <FrameworkReference Include=\"Microsoft.AspNetCore.App\" />)",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Error,
        description: "[Endpoint] and [Resource] generate minimal API endpoints, which need ASP.NET Core. In a project without it the generators are not loaded, so the attribute would do nothing; declare endpoints and resources in the web project, or reference ASP.NET Core from the library that holds them.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A project with ASP.NET Core (where the generators run), or without the attributes, registers nothing.
            var compilation = start.Compilation;
            if (compilation.GetTypeByMetadataName(EndpointRouteBuilder) is not null)
                return;
            var endpoint = compilation.GetTypeByMetadataName(KnownTypeNames.EndpointAttribute);
            var resource = compilation.GetTypeByMetadataName(KnownTypeNames.ResourceAttribute);
            if (endpoint is null && resource is null)
                return;
            start.RegisterSymbolAction(c => AnalyzeType(c, endpoint, resource), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol? endpoint, INamedTypeSymbol? resource)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            var name = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, endpoint) ? "Endpoint"
                : SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, resource) ? "Resource"
                : null;
            if (name is null || attribute.ApplicationSyntaxReference is not { } reference)
                continue;
            context.ReportDiagnostic(Diagnostic.Create(
                Rule, Location.Create(reference.SyntaxTree, reference.Span), context.Symbol.Name, name));
        }
    }
}
