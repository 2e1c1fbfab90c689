using System.IO.Compression;
using System.Xml.Linq;

namespace AiBackend.PackageTests;

public class PackageLayoutTests
{
    [Fact]
    public void Package_has_the_documented_layout_and_nothing_else()
    {
        Assert.True(File.Exists(PackageUnderTest.Path), $"{PackageUnderTest.Path} was not built");
        using var zip = ZipFile.OpenRead(PackageUnderTest.Path);
        var entries = zip.Entries.Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml")
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

        var expected = new List<string>
        {
            "AiBackendAnalyzers.nuspec",
            "README.md",
            "analyzers/dotnet/roslyn4.8/cs/AiBackend.Analyzers.dll",
            "analyzers/dotnet/roslyn4.8/cs/AiBackend.CodeFixes.dll",
            "analyzers/dotnet/roslyn4.8/cs/AiBackend.Generators.dll",
            "buildTransitive/AiBackendAnalyzers.props",
            "buildTransitive/AiBackendAnalyzers.targets",
            "lib/netstandard2.0/AiBackend.Annotations.dll",
            "lib/netstandard2.0/AiBackend.Annotations.xml",
        };
        // crossgen2 runs where the package is packed only on linux-x64 (the test run packs it here).
        if (PackedOnLinuxX64)
            expected.AddRange(ReadyToRunImages.Select(i => i.Image));
        Assert.Equal(expected.Order(StringComparer.Ordinal), entries);
    }

    /// <summary>The assemblies every compiler process loads, each with its precompiled copy (the code fixes load only in an IDE).</summary>
    private static readonly (string Portable, string Image)[] ReadyToRunImages =
    [
        ("analyzers/dotnet/roslyn4.8/cs/AiBackend.Analyzers.dll", "buildTransitive/ReadyToRun/linux-x64/AiBackend.Analyzers.dll"),
        ("analyzers/dotnet/roslyn4.8/cs/AiBackend.Generators.dll", "buildTransitive/ReadyToRun/linux-x64/AiBackend.Generators.dll"),
    ];

    private static bool PackedOnLinuxX64 => OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;

    [Fact]
    public void ReadyToRun_images_are_precompiled_code_of_the_very_assemblies_packed_as_portable()
    {
        using var zip = ZipFile.OpenRead(PackageUnderTest.Path);
        foreach (var (portablePath, imagePath) in ReadyToRunImages)
        {
            if (!PackedOnLinuxX64)
            {
                Assert.Null(zip.GetEntry(imagePath)); // crossgen2 runs on linux-x64 only
                continue;
            }

            using var portable = PeOf(zip, portablePath);
            using var readyToRun = PeOf(zip, imagePath);

            // A ReadyToRun image is an IL library with a native header; the portable one is IL only.
            Assert.True((readyToRun.PEHeaders.CorHeader!.Flags & System.Reflection.PortableExecutable.CorFlags.ILLibrary) != 0, "no ReadyToRun code in " + imagePath);
            Assert.True((portable.PEHeaders.CorHeader!.Flags & System.Reflection.PortableExecutable.CorFlags.ILLibrary) == 0);
            Assert.Equal(Mvid(portable), Mvid(readyToRun));
        }
    }

    [Fact]
    public void Nuspec_declares_license_readme_and_no_dependencies()
    {
        using var zip = ZipFile.OpenRead(PackageUnderTest.Path);
        using var stream = zip.GetEntry("AiBackendAnalyzers.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("AiBackendAnalyzers", Value("id"));
        Assert.Equal(PackageUnderTest.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        var dependencies = metadata.Elements().Single(e => e.Name.LocalName == "dependencies");
        Assert.DoesNotContain(dependencies.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void Analyzer_assemblies_reference_no_compiler_newer_than_4_8()
    {
        using var zip = ZipFile.OpenRead(PackageUnderTest.Path);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal) || ReadyToRunImages.Any(i => i.Image == e.FullName)))
        {
            using var memory = new MemoryStream();
            using (var stream = entry.Open())
                stream.CopyTo(memory);
            using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(memory.ToArray()));
            var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            foreach (var handle in reader.AssemblyReferences)
            {
                var reference = reader.GetAssemblyReference(handle);
                var name = reader.GetString(reference.Name);
                if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                    Assert.True(reference.Version <= new Version(4, 8, 0, 0), $"{entry.FullName} references {name} {reference.Version}");
            }
        }
    }

    private static System.Reflection.PortableExecutable.PEReader PeOf(ZipArchive zip, string path)
    {
        using var memory = new MemoryStream();
        using (var stream = zip.GetEntry(path)!.Open())
            stream.CopyTo(memory);
        return new System.Reflection.PortableExecutable.PEReader(new MemoryStream(memory.ToArray()));
    }

    private static Guid Mvid(System.Reflection.PortableExecutable.PEReader pe)
    {
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return reader.GetGuid(reader.GetModuleDefinition().Mvid);
    }
}
