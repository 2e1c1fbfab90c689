using System.IO.Compression;

namespace AiBackend.PackageTests;

/// <summary>
/// Issue 16: the README's pack command works as written on its own (NuGet's pack route, which builds the project and
/// its references first) and packs Release builds with the same layout as the package the other tests install.
/// </summary>
public sealed class PackCommandTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("aib-pack-").FullName;

    [Fact]
    public async Task Dotnet_pack_in_release_builds_and_packs_the_documented_layout()
    {
        var root = Path.GetFullPath(Path.Combine(PackageUnderTest.Directory, "..", ".."));

        var (exitCode, output) = await DotNet.RunAsync(root, TimeSpan.FromMinutes(5), "pack", "nuget/AiBackendAnalyzers", "-c", "Release", "-o", _output);

        Assert.True(exitCode == 0, output);
        Assert.Contains("/bin/Release/netstandard2.0/AiBackend.Analyzers.dll", output.Replace('\\', '/'));
        var packed = Path.Combine(_output, $"AiBackendAnalyzers.{PackageUnderTest.Version}.nupkg");
        Assert.Equal(Entries(PackageUnderTest.Path), Entries(packed));
    }

    private static string[] Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
