namespace AiBackend.Generators.Resources;

/// <summary>Names of the resource pipeline's steps, so tests can prove each one is cached after unrelated edits.</summary>
public static class ResourceTrackingNames
{
    /// <summary>Each <c>[Resource]</c> entity turned into a model.</summary>
    public const string Resources = "AiBackend.Resources";

    /// <summary>The DbContexts declared in the compilation and their entity types.</summary>
    public const string DbContexts = "AiBackend.DbContexts";

    /// <summary>Each resource with its DbContext decided.</summary>
    public const string ResolvedResources = "AiBackend.ResolvedResources";
}
