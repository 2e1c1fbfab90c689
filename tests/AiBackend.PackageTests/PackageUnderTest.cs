using System.Reflection;

namespace AiBackend.PackageTests;

/// <summary>Where the build put the package, and its version (from the test assembly's metadata).</summary>
internal static class PackageUnderTest
{
    public static string Directory => Metadata("PackageDirectory");

    public static string Version => Metadata("PackageVersion");

    public static string IdentityModelVersion => Metadata("IdentityModelVersion");

    public static string EntityFrameworkSqliteVersion => Metadata("EntityFrameworkSqliteVersion");

    public static string CSharpLanguageServerVersion => Metadata("CSharpLanguageServerVersion");

    public static string Path => System.IO.Path.Combine(Directory, $"AiBackendAnalyzers.{Version}.nupkg");

    public static string Metadata(string key) =>
        typeof(PackageUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
