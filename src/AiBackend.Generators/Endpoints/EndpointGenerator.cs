using System.Linq;
using AiBackend.Generators.Common;
using AiBackend.Generators.Resources;
using AiBackend.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Generators.Endpoints;

/// <summary>
/// Maps <c>[Endpoint]</c> classes (a <c>MapEndpoint</c> method on each) and <c>[Resource]</c> entities (DTOs, mapping,
/// validation and CRUD endpoints), and writes one <c>MapAiBackendEndpoints()</c> per assembly that maps them all.
/// Misuse is reported by the paired analyzers (AIB5xxx), not here.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EndpointGenerator : IIncrementalGenerator
{
    /// <summary>The file that holds <c>MapAiBackendEndpoints()</c>.</summary>
    public const string MapperHintName = "AiBackendEndpoints.g.cs";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => EndpointParser.ParseOptions(provider.GlobalOptions))
            .WithTrackingName(EndpointTrackingNames.Options);

        var endpoints = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.EndpointAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, ct) => EndpointParser.Parse(attributeContext, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(EndpointTrackingNames.Endpoints);

        context.RegisterSourceOutput(
            endpoints.Combine(options).WithTrackingName(EndpointTrackingNames.EndpointsWithOptions),
            static (output, pair) => output.AddSource(pair.Left.HintName, EndpointEmitter.EmitEndpoint(pair.Left, pair.Right)));

        var resources = ResourcesWithDbContext(context);
        context.RegisterSourceOutput(
            resources.Combine(options),
            static (output, pair) => output.AddSource(pair.Left.HintName, ResourceEmitter.Emit(pair.Left, pair.Right)));

        // Sorted so the mapper does not depend on the order files were parsed in. Each collected list becomes a class
        // before it is combined (see MappedEndpointsModel); an empty one is not sorted, so an app without endpoints
        // never instantiates the sort over these models (about 2 ms in a fresh compiler process).
        var mappedEndpoints = endpoints
            .Select(static (model, _) => new MappedEndpointModel(model.FullyQualifiedTypeName, model.Groups))
            .Collect()
            .Select(static (all, _) => new MappedEndpointsModel(all.IsEmpty
                ? EquatableArray<MappedEndpointModel>.Empty
                : all.OrderBy(e => string.Join("|", e.Groups.Select(g => g.TypeName)), System.StringComparer.Ordinal)
                    .ThenBy(e => e.TypeName, System.StringComparer.Ordinal)
                    .ToEquatableArray()));
        var mappedResources = resources
            .Select(static (model, _) => model.Qualified(model.ResourceClassName))
            .Collect()
            .Select(static (all, _) => new MappedResourcesModel(all.IsEmpty
                ? EquatableArray<string>.Empty
                : all.OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray()));
        var mapper = mappedEndpoints
            .Combine(mappedResources)
            .Select(static (pair, _) => new MapperModel(pair.Left.Endpoints, pair.Right.ResourceClasses))
            .WithTrackingName(EndpointTrackingNames.AllEndpoints);

        context.RegisterSourceOutput(mapper, static (output, model) =>
        {
            if (model.Endpoints.Length + model.Resources.Length > 0)
                output.AddSource(MapperHintName, EndpointEmitter.EmitMapper(model));
        });

        // AddAiBackendSecurity() for apps on ASP.NET Core's OpenAPI 10; the types are only looked up when this assembly maps something.
        var openApiSecurity = mapper
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => pair.Left.Endpoints.Length + pair.Left.Resources.Length > 0 && OpenApiSecurityEmitter.CanUse(pair.Right) ? OpenApiSecurityEmitter.Emit() : "")
            .WithTrackingName(EndpointTrackingNames.OpenApiSecurity);
        context.RegisterSourceOutput(openApiSecurity, static (output, source) =>
        {
            if (source.Length > 0)
                output.AddSource(OpenApiSecurityEmitter.HintName, source);
        });
    }

    /// <summary>Resources, each with the DbContext named in its attribute or the one context that has a DbSet of it.</summary>
    private static IncrementalValuesProvider<ResourceModel> ResourcesWithDbContext(IncrementalGeneratorInitializationContext context)
    {
        var resources = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.ResourceAttribute,
                // A record class is a class with generated members. [Resource] is class-only (the compiler rejects it on
                // a record struct); a positional record is reported by the paired analyzer (AIB5006: no parameterless
                // constructor).
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, ct) => ResourceParser.Parse(attributeContext, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(ResourceTrackingNames.Resources);

        // Only a resource that does not name its context needs the lookup. Combined with the compilation it reruns after
        // every edit, but it answers at once when no resource needs it, so an app without [Resource] (or whose
        // resources all name their context) never walks its classes; the result is equatable, so the steps after it
        // stay cached when it finds the same contexts.
        var dbContexts = resources
            .Collect()
            .Select(static (all, _) => new DbContextLookupModel(!all.IsEmpty && all.Any(static r => r.DbContext is null)))
            .Combine(context.CompilationProvider)
            .Select(static (pair, ct) => new DbContextsModel(pair.Left.Needed
                ? ResourceParser.FindDbContexts(pair.Right, ct)
                : EquatableArray<DbContextModel>.Empty))
            .WithTrackingName(ResourceTrackingNames.DbContexts);

        return resources
            .Combine(dbContexts)
            .Select(static (pair, _) => ResourceParser.ResolveDbContext(pair.Left, pair.Right.Contexts))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(ResourceTrackingNames.ResolvedResources);
    }
}
