using System.Collections.Immutable;
using AiBackend.Shared;
using AiBackend.Shared.Endpoints;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Analyzers.GeneratorUsage;

/// <summary>
/// AIB5001–AIB5005 and AIB5012: reports every <c>[Endpoint]</c> class the endpoint generator cannot use. It runs the
/// generator's own reader, so each skipped endpoint has exactly one explanation, and <c>#pragma</c> and
/// <c>.editorconfig</c> work on it (diagnostics from a generator would not honour them).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EndpointDeclarationAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor NotPartialRule = RuleDescriptors.Create(
        RuleIds.EndpointTypeNotPartial,
        title: "Endpoint type must be partial",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Error,
        description: "The endpoint generator adds a MapEndpoint method to each [Endpoint] class, which needs the class and every type containing it to be partial. Until then the endpoint is not mapped.");

    public static readonly DiagnosticDescriptor HandlerRule = RuleDescriptors.Create(
        RuleIds.EndpointHandlerInvalid,
        title: "Endpoint handler missing or ambiguous",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Error,
        description: "An [Endpoint] class needs exactly one static, non-generic Handle or HandleAsync method: it is the request handler the generator maps. Until then the endpoint is not mapped.");

    public static readonly DiagnosticDescriptor RouteRule = RuleDescriptors.Create(
        RuleIds.EndpointRouteInvalid,
        title: "Endpoint HTTP method or route template is invalid",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Error,
        description: "The HTTP method must be a valid method token and the route template must follow ASP.NET Core's route syntax; otherwise the app would throw at startup. Until fixed the endpoint is not mapped.");

    public static readonly DiagnosticDescriptor UnsupportedTypeRule = RuleDescriptors.Create(
        RuleIds.EndpointTypeUnsupported,
        title: "Endpoint type shape is not supported",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Error,
        description: "An [Endpoint] class cannot be generic or nested in a generic type, and must be visible to its assembly (not private or protected) so the generated MapAiBackendEndpoints() can reach it.");

    public static readonly DiagnosticDescriptor RouteParameterRule = RuleDescriptors.Create(
        RuleIds.EndpointRouteParameterMismatch,
        title: "Route and handler parameters do not match",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Warning,
        description: "A route parameter that no handler parameter binds is never read (often a renamed parameter), and a handler parameter bound [FromRoute] to a name the route does not have fails every request. The endpoint is still generated.");

    public static readonly DiagnosticDescriptor UnknownMethodRule = RuleDescriptors.Create(
        RuleIds.EndpointMethodUnknown,
        title: "Endpoint HTTP method is not a known method",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Warning,
        description: "Any method token routes, so a typo or an invented method (\"FETCH\" for GET) builds and starts, and every real client then gets 405. Methods of RFC 9110, PATCH, IANA's registry (WebDAV, QUERY) and PURGE are known. The endpoint is still mapped; suppress the warning for a private protocol that really uses its own method.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(NotPartialRule, HandlerRule, RouteRule, UnsupportedTypeRule, RouteParameterRule, UnknownMethodRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var endpointAttribute = start.Compilation.GetTypeByMetadataName(KnownTypeNames.EndpointAttribute);
            if (endpointAttribute is null)
                return;

            start.RegisterSymbolAction(c => AnalyzeType(c, endpointAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol endpointAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, endpointAttribute))
                continue;

            var declaration = EndpointDeclaration.Read(type, attribute, context.CancellationToken);
            if (declaration is null)
                return;

            foreach (var problem in declaration.Problems)
                context.ReportDiagnostic(Diagnostic.Create(RuleFor(problem.Kind), problem.Location, problem.Message));
        }
    }

    private static DiagnosticDescriptor RuleFor(EndpointProblemKind kind) => kind switch
    {
        EndpointProblemKind.NotPartial => NotPartialRule,
        EndpointProblemKind.NoHandler or EndpointProblemKind.AmbiguousHandler
            or EndpointProblemKind.HandlerNotStatic or EndpointProblemKind.GenericHandler => HandlerRule,
        EndpointProblemKind.InvalidMethod or EndpointProblemKind.InvalidRoute => RouteRule,
        EndpointProblemKind.UnknownMethod => UnknownMethodRule,
        EndpointProblemKind.RouteParameterUnbound or EndpointProblemKind.HandlerParameterNotInRoute => RouteParameterRule,
        _ => UnsupportedTypeRule,
    };
}
