using Microsoft.CodeAnalysis;

namespace AiBackend.Bench.Floor;

/// <summary>
/// The floor the generator benchmarks measure the package's generators against: finds <c>[Resource]</c> and
/// <c>[Endpoint]</c> with <c>ForAttributeWithMetadataName</c>, keeps only the type names, and writes a one-line file
/// only when it found some (the first file a compiler process adds costs it a static constructor; an app that uses
/// neither attribute gets none, from the package or from this).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var resources = context.SyntaxProvider.ForAttributeWithMetadataName("AiBackend.ResourceAttribute", static (_, _) => true, static (c, _) => c.TargetSymbol.Name);
        var endpoints = context.SyntaxProvider.ForAttributeWithMetadataName("AiBackend.EndpointAttribute", static (_, _) => true, static (c, _) => c.TargetSymbol.Name);
        context.RegisterSourceOutput(resources.Collect(), static (output, names) =>
        {
            if (!names.IsEmpty)
                output.AddSource("FloorResources.g.cs", $"// {names.Length} resources");
        });
        context.RegisterSourceOutput(endpoints.Collect(), static (output, names) =>
        {
            if (!names.IsEmpty)
                output.AddSource("FloorEndpoints.g.cs", $"// {names.Length} endpoints");
        });
    }
}
