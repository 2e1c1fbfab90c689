using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace AiBackend.PackageTests;

/// <summary>
/// The optional AI fix package: the fix assembly and its one analyzer (AIB9001), the build file that lets the analyzer see
/// the headless cap, the main package as its dependency, nothing else an IDE would load.
/// </summary>
public class AiFixPackageLayoutTests
{
    private static string AiFixPackage => Path.Combine(PackageUnderTest.Directory, $"AiBackendAnalyzers.AiFix.{PackageUnderTest.Version}.nupkg");

    [Fact]
    public void Package_holds_only_the_fix_and_stub_assemblies_in_the_versioned_analyzer_folder_and_one_build_file()
    {
        using var zip = ZipFile.OpenRead(AiFixPackage);
        var entries = zip.Entries.Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml")
            .OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(new[]
        {
            "AiBackendAnalyzers.AiFix.nuspec",
            "README.md",
            "analyzers/dotnet/roslyn4.8/cs/AiBackend.AiFix.Analyzers.dll",
            "analyzers/dotnet/roslyn4.8/cs/AiBackend.AiFix.dll",
            "buildTransitive/AiBackendAnalyzers.AiFix.props",
        }, entries);
    }

    [Fact]
    public void Package_depends_on_the_main_package_with_its_analyzers()
    {
        using var zip = ZipFile.OpenRead(AiFixPackage);
        using var stream = zip.GetEntry("AiBackendAnalyzers.AiFix.nuspec")!.Open();
        var dependency = Assert.Single(XDocument.Load(stream).Descendants(), e => e.Name.LocalName == "dependency");

        Assert.Equal("AiBackendAnalyzers", dependency.Attribute("id")!.Value);
        Assert.Equal(PackageUnderTest.Version, dependency.Attribute("version")!.Value);
        Assert.Null(dependency.Attribute("exclude")); // excluding Analyzers would leave nothing to verify against
    }

    [Fact]
    public void Fix_assembly_references_only_the_framework_roslyn_4_8_or_older_and_the_stub_analyzer()
    {
        // IDE hosts load this without version isolation: no OpenAI client, System.Text.Json or Microsoft.Extensions.*.
        AssertReferences("AiBackend.AiFix.dll", "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "Microsoft.CodeAnalysis.Workspaces",
            "Microsoft.CodeAnalysis.CSharp.Workspaces", "System.Collections.Immutable", "System.Composition.AttributedModel", "AiBackend.AiFix.Analyzers");
    }

    [Fact]
    public void Stub_analyzer_references_no_workspaces()
    {
        // Compilers load it too, and they do not provide Workspaces (RS1038).
        AssertReferences("AiBackend.AiFix.Analyzers.dll", "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable");
    }

    private static void AssertReferences(string assembly, params string[] allowed)
    {
        using var zip = ZipFile.OpenRead(AiFixPackage);
        using var memory = new MemoryStream();
        using (var stream = zip.GetEntry("analyzers/dotnet/roslyn4.8/cs/" + assembly)!.Open())
            stream.CopyTo(memory);
        using var pe = new PEReader(new MemoryStream(memory.ToArray()));
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).ToList();

        Assert.All(references, r => Assert.Contains(reader.GetString(r.Name), allowed));
        Assert.All(references.Where(r => reader.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)),
            r => Assert.True(r.Version <= new Version(4, 8, 0, 0), $"{reader.GetString(r.Name)} {r.Version}"));
    }
}
