using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Shared;
using AiBackend.Shared.Endpoints;
using AiBackend.Shared.Resources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Analyzers.GeneratorUsage;

/// <summary>
/// AIB5011: two generated mappings of the same HTTP method and route (two <c>[Resource]</c>s on one route, or an
/// <c>[Endpoint]</c> on a route a resource already maps). The app builds and starts, and every such request then
/// fails with <c>AmbiguousMatchException</c>. Reported at each declaration, once the whole compilation is known.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateGeneratedRouteAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.GeneratedRouteDuplicate,
        title: "Two generated endpoints share a method and route",
        messageFormat: "'{0} {1}' is also mapped by {2}: ASP.NET Core answers such requests with AmbiguousMatchException",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Warning,
        description: "Routing cannot choose between two endpoints with the same HTTP method and an equivalent route template (the same literal segments and parameter constraints, whatever the parameters are called). The app starts, and each such request fails at run time. Give one of them another route.",
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var resourceAttribute = start.Compilation.GetTypeByMetadataName(KnownTypeNames.ResourceAttribute);
            var endpointAttribute = start.Compilation.GetTypeByMetadataName(KnownTypeNames.EndpointAttribute);
            if (resourceAttribute is null && endpointAttribute is null)
                return;

            var mapped = new ConcurrentBag<Mapping>();
            start.RegisterSymbolAction(symbol => Collect(symbol, resourceAttribute, endpointAttribute, mapped), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => Report(end, mapped));
        });
    }

    private static void Collect(SymbolAnalysisContext context, INamedTypeSymbol? resourceAttribute, INamedTypeSymbol? endpointAttribute, ConcurrentBag<Mapping> mapped)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations.FirstOrDefault() ?? Location.None;
            if (resourceAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, resourceAttribute)
                && ResourceDeclaration.Read(type, attribute, context.CancellationToken) is { CanGenerate: true, Key: { } key } resource)
            {
                var item = resource.Route.TrimEnd('/') + "/" + ResourceDeclaration.ItemParameter(key.Type);
                var owner = $"resource '{type.Name}'";
                foreach (var (operation, method, route) in new[]
                         {
                             (ResourceOperations.List, "GET", resource.Route), (ResourceOperations.Create, "POST", resource.Route), (ResourceOperations.Get, "GET", item),
                             (ResourceOperations.Update, "PUT", item), (ResourceOperations.Patch, "PATCH", item), (ResourceOperations.Delete, "DELETE", item),
                         })
                {
                    if ((resource.Operations & operation) != 0)
                        mapped.Add(new Mapping(method, route, owner, location));
                }
            }
            else if (endpointAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, endpointAttribute)
                     && EndpointDeclaration.Read(type, attribute, context.CancellationToken) is { } endpoint
                     && !endpoint.Problems.Any(p => p.StopsGeneration))
            {
                mapped.Add(new Mapping(endpoint.Method, endpoint.FullRoute, $"endpoint '{type.Name}'", location));
            }
        }
    }

    /// <summary>One diagnostic per declaration: its first shared route, the others it collides with, and how many more.</summary>
    private static void Report(CompilationAnalysisContext context, ConcurrentBag<Mapping> mapped)
    {
        var conflicts = mapped
            .GroupBy(m => (m.Method.ToUpperInvariant(), Shape(m.Route)))
            .Select(g => g.GroupBy(m => m.Owner).Select(o => o.First()).ToList())
            .Where(declarations => declarations.Count > 1)
            .SelectMany(declarations => declarations.Select(d => (Declaration: d, Others: declarations.Where(o => o.Owner != d.Owner).Select(o => o.Owner).OrderBy(o => o, StringComparer.Ordinal).ToList())))
            .GroupBy(c => c.Declaration.Owner)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var owner in conflicts)
        {
            var ordered = owner.OrderBy(c => c.Declaration.Route, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Declaration.Method, StringComparer.Ordinal).ToList();
            var (first, others) = ordered[0];
            var more = ordered.Count > 1 ? $" (and {ordered.Count - 1} more shared route{(ordered.Count > 2 ? "s" : "")})" : "";
            context.ReportDiagnostic(Diagnostic.Create(Rule, first.Location, first.Method.ToUpperInvariant(), first.Route, string.Join(", ", others) + more));
        }
    }

    /// <summary>
    /// What routing compares: literal segments case-insensitively, parameters by their constraints only
    /// (<c>/notes/{id:int}</c> and <c>/Notes/{noteId:int}</c> are the same route; <c>{id:int}</c> and <c>{id:guid}</c> are not).
    /// </summary>
    private static string Shape(string route)
    {
        var segments = route.Trim('/').Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length > 1 && segment[0] == '{' && segment[segment.Length - 1] == '}')
            {
                var colon = segment.IndexOf(':');
                segments[i] = colon < 0 ? "{}" : "{" + segment.Substring(colon, segment.Length - colon - 1).ToLowerInvariant() + "}";
            }
            else
            {
                segments[i] = segment.ToLowerInvariant();
            }
        }

        return "/" + string.Join("/", segments);
    }

    private sealed record Mapping(string Method, string Route, string Owner, Location Location);
}
