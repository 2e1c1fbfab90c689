using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Bench;

/// <summary>A peer analyzer package, loaded from where NuGet restored it (peers.txt, written at build time).</summary>
public sealed record PeerAnalyzers(string Key, string DisplayName, ImmutableArray<DiagnosticAnalyzer> Analyzers)
{
    public static IReadOnlyList<PeerAnalyzers> LoadAll()
    {
        var peers = new List<PeerAnalyzers>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "peers.txt")))
        {
            // key|package folder|analyzer folder inside it
            var parts = line.Split('|');
            var display = parts[0] switch
            {
                "SecurityCodeScan" => "SecurityCodeScan.VS2019 5.6.7",
                "NetAnalyzers" => "NetAnalyzers 11.0.100",
                _ => throw new InvalidDataException(line),
            };
            peers.Add(new PeerAnalyzers(parts[0], display, Load(Path.Combine(parts[1], parts[2]))));
        }

        return peers;
    }

    private static ImmutableArray<DiagnosticAnalyzer> Load(string folder)
    {
        var loader = new FolderLoader(folder);
        var builder = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var dll in Directory.GetFiles(folder, "*.dll"))
            builder.AddRange(new AnalyzerFileReference(dll, loader).GetAnalyzers(LanguageNames.CSharp));
        return builder.ToImmutable();
    }

    /// <summary>
    /// Loads a package's assemblies into a context of its own: its dependencies come from its folder first (SecurityCodeScan
    /// needs its own YamlDotNet, older than the one this tool ships), Roslyn and the runtime from the host.
    /// </summary>
    internal sealed class FolderLoader(string folder) : AssemblyLoadContext($"peer:{folder}"), IAnalyzerAssemblyLoader
    {
        private readonly string[] _folders = { folder, Path.GetDirectoryName(folder)! };

        protected override Assembly? Load(AssemblyName name) =>
            _folders.Select(f => Path.Combine(f, name.Name + ".dll")).FirstOrDefault(File.Exists) is { } found ? LoadFromAssemblyPath(found) : null;

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => LoadFromAssemblyPath(fullPath);
    }
}
