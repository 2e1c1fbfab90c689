using AiBackend;

// Generates TodoApi.Tests.Generated.GeneratedEndpointTests and AiBackendApiFactory from the sample's manifest.
[assembly: GenerateEndpointTests(typeof(Program))]
