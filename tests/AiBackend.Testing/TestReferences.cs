using Microsoft.CodeAnalysis;

namespace AiBackend.Testing;

/// <summary>
/// The real reference assemblies test code compiles against: those the test project itself resolved
/// (net10.0, ASP.NET Core and every package it references), written at build time to
/// <c>aib-references.txt</c> by the <c>WriteAiBackendTestReferences</c> target.
/// </summary>
public static class TestReferences
{
    public const string FileName = "aib-references.txt";

    // Test infrastructure the test project needs but user code never sees.
    private static readonly string[] ExcludedPackagePrefixes =
    {
        "Microsoft.CodeAnalysis", "xunit", "Microsoft.TestPlatform", "Microsoft.NET.Test.Sdk", "Microsoft.CodeCoverage",
        "System.Composition", "Humanizer", "Microsoft.Build", "Microsoft.VisualStudio",
    };

    // Packages user code sees only when a test asks for them: most apps in tests have no OpenAPI.
    private static readonly string[] OptionalPackagePrefixes = { "Microsoft.AspNetCore.OpenApi", "Microsoft.OpenApi" };

    private static readonly Lazy<IReadOnlyList<MetadataReference>> All = new(() => Load(Include));

    private static readonly Lazy<IReadOnlyList<MetadataReference>> AllButAspNetCore = new(() => Load((path, packageId, framework, source) => framework != "Microsoft.AspNetCore.App" && Include(path, packageId, framework, source)));

    private static readonly Lazy<IReadOnlyList<MetadataReference>> OpenApiPackages = new(() => Load((_, packageId, _, _) => OptionalPackagePrefixes.Any(p => packageId.StartsWith(p, StringComparison.OrdinalIgnoreCase))));

    private static readonly Lazy<IReadOnlyList<MetadataReference>> Xunit = new(() => Load((_, packageId, _, _) => packageId.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The references, loaded once per test run.</summary>
    public static IReadOnlyList<MetadataReference> Default => All.Value;

    /// <summary>The references a test compiles with: <see cref="Default"/>, or without ASP.NET Core's framework when the options say so.</summary>
    public static IReadOnlyList<MetadataReference> For(TestOptions options) => options.WithoutAspNetCore ? AllButAspNetCore.Value : All.Value;

    /// <summary>Microsoft.AspNetCore.OpenApi and Microsoft.OpenApi, for an app that documents itself with them (when the test project references them).</summary>
    public static IReadOnlyList<MetadataReference> OpenApi => OpenApiPackages.Value;

    /// <summary>xunit's assemblies, for code that is itself a test project (the test generator's output).</summary>
    public static IReadOnlyList<MetadataReference> XunitAssemblies => Xunit.Value;

    private static IReadOnlyList<MetadataReference> Load(Func<string, string, string, string, bool> include)
    {
        var file = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(file))
            throw new VerificationException($"{file} is missing: import the WriteAiBackendTestReferences target in the test project.");

        var references = new List<MetadataReference>();
        foreach (var line in File.ReadAllLines(file))
        {
            // path|NuGetPackageId|FrameworkReferenceName|ReferenceSourceTarget
            var parts = line.Split('|');
            if (parts.Length < 4 || !include(parts[0], parts[1], parts[2], parts[3]))
                continue;
            references.Add(MetadataReference.CreateFromFile(parts[0]));
        }

        return references;
    }

    private static bool Include(string path, string packageId, string framework, string source)
    {
        if (framework.Length > 0)
            return true;
        if (packageId.Length > 0)
            return !ExcludedPackagePrefixes.Concat(OptionalPackagePrefixes).Any(p => packageId.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        // Of the project references, user code sees only the attributes assembly.
        return source == "ProjectReference" && Path.GetFileNameWithoutExtension(path) == "AiBackend.Annotations";
    }
}
