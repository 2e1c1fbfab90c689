using System.Linq;
using AiBackend.Generators.Common;
using AiBackend.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Generators.Endpoints;

/// <summary>
/// Maps <c>[Endpoint]</c> classes: a <c>MapEndpoint</c> method on each, and one <c>MapAiBackendEndpoints()</c>
/// per assembly that calls them all. Misuse is reported by <c>EndpointDeclarationAnalyzer</c>, not here.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EndpointGenerator : IIncrementalGenerator
{
    /// <summary>The file that holds <c>MapAiBackendEndpoints()</c>.</summary>
    public const string MapperHintName = "AiBackendEndpoints.g.cs";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var endpoints = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.EndpointAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, ct) => EndpointParser.Parse(attributeContext, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(EndpointTrackingNames.Endpoints);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => EndpointParser.ParseOptions(provider.GlobalOptions))
            .WithTrackingName(EndpointTrackingNames.Options);

        context.RegisterSourceOutput(
            endpoints.Combine(options).WithTrackingName(EndpointTrackingNames.EndpointsWithOptions),
            static (output, pair) => output.AddSource(pair.Left.HintName, EndpointEmitter.EmitEndpoint(pair.Left, pair.Right)));

        // Sorted so the mapper does not depend on the order files were parsed in.
        var allEndpoints = endpoints
            .Select(static (model, _) => model.FullyQualifiedTypeName)
            .Collect()
            .Select(static (names, _) => names.OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(EndpointTrackingNames.AllEndpoints);

        context.RegisterSourceOutput(allEndpoints, static (output, names) =>
        {
            if (names.Length > 0)
                output.AddSource(MapperHintName, EndpointEmitter.EmitMapper(names));
        });
    }
}
