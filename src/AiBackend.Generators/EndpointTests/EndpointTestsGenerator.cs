using AiBackend.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Generators.EndpointTests;

/// <summary>
/// In a test project, <c>[assembly: GenerateEndpointTests(typeof(Program))]</c> generates xunit tests for every
/// endpoint and resource the API assembly declares (read from the manifest attributes its generator wrote), with the
/// <c>WebApplicationFactory</c> and a test authentication handler. Misuse is reported by AIB5010.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EndpointTestsGenerator : IIncrementalGenerator
{
    /// <summary>The pipeline step's name, for the incrementality tests.</summary>
    public const string TrackingName = "AiBackend.EndpointTests";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var tests = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.GenerateEndpointTestsAttribute,
                static (node, _) => node is CompilationUnitSyntax,
                static (attributeContext, ct) => EndpointTestsParser.Parse(attributeContext, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingName);

        context.RegisterSourceOutput(tests, static (output, model) =>
        {
            output.AddSource(EndpointTestsEmitter.FactoryHintName, EndpointTestsEmitter.EmitFactory(model));
            output.AddSource(EndpointTestsEmitter.TestsHintName, EndpointTestsEmitter.EmitTests(model));
        });
    }
}
