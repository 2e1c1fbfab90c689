using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Testing;

/// <summary>What a verification compiles with, beyond the test source itself.</summary>
public sealed record TestOptions
{
    public static readonly TestOptions Default = new();

    /// <summary>Contents of a global analyzer config (<c>is_global = true</c> is added), e.g. severities or rule options.</summary>
    public string? GlobalConfig { get; init; }

    /// <summary>Further source files compiled with the test source (no markup).</summary>
    public IReadOnlyList<string> AdditionalSources { get; init; } = Array.Empty<string>();

    /// <summary>Further assemblies to reference, e.g. an API compiled in memory for a test project's generator.</summary>
    public IReadOnlyList<Microsoft.CodeAnalysis.MetadataReference> AdditionalReferences { get; init; } = Array.Empty<Microsoft.CodeAnalysis.MetadataReference>();

    /// <summary>MSBuild properties as the compiler sees them (<c>build_property.NAME</c>), for generators.</summary>
    public IReadOnlyDictionary<string, string> BuildProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>Compile as a project that does not reference ASP.NET Core (a class library without its framework reference).</summary>
    public bool WithoutAspNetCore { get; init; }

    /// <summary>Let the test source have compiler errors (for tests of analyzers on broken code).</summary>
    public bool AllowCompilerErrors { get; init; }

    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

    public OutputKindOption OutputKind { get; init; } = OutputKindOption.Library;

    internal string BuildGlobalConfig()
    {
        var lines = new List<string> { "is_global = true" };
        lines.AddRange(BuildProperties.Select(p => $"build_property.{p.Key} = {p.Value}"));
        if (GlobalConfig is not null)
            lines.Add(GlobalConfig);
        return string.Join("\n", lines) + "\n";
    }
}

/// <summary>Whether the test compilation is a library or has top-level statements (an app).</summary>
public enum OutputKindOption
{
    Library,
    Application,
}
