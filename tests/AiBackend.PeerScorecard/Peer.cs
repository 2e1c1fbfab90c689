using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.PeerScorecard;

/// <summary>A peer analyzer package loaded from the NuGet cache.</summary>
internal sealed class Peer
{
    private Peer(string key, string displayName, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Key = key;
        DisplayName = displayName;
        Analyzers = analyzers;
    }

    /// <summary>SecurityCodeScan, Sonar or NetAnalyzers: how <see cref="Family.MapFor"/> names it.</summary>
    public string Key { get; }

    public string DisplayName { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public static IEnumerable<Peer> LoadAll(string pathsFile)
    {
        foreach (var line in File.ReadAllLines(pathsFile))
        {
            var parts = line.Split('|');
            var (name, folder) = parts[0] switch
            {
                "SecurityCodeScan" => ("SecurityCodeScan.VS2019 5.6.7", "analyzers/dotnet"),
                "Sonar" => ("SonarAnalyzer.CSharp 10.36", "analyzers"),
                "NetAnalyzers" => ("NetAnalyzers 11.0.100", "analyzers/dotnet/cs"),
                _ => throw new InvalidDataException(line),
            };
            yield return new Peer(parts[0], name, Load(Path.Combine(parts[1], folder)));
        }
    }

    private static ImmutableArray<DiagnosticAnalyzer> Load(string folder)
    {
        var loader = new FolderLoader(folder);
        var builder = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var dll in Directory.GetFiles(folder, "*.dll"))
        {
            var reference = new AnalyzerFileReference(dll, loader);
            builder.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        return builder.ToImmutable();
    }

    /// <summary>Loads a package's assemblies, resolving their dependencies from the package folder and its parent.</summary>
    private sealed class FolderLoader : IAnalyzerAssemblyLoader
    {
        private readonly string[] _folders;

        public FolderLoader(string folder)
        {
            _folders = new[] { folder, Path.GetDirectoryName(folder)! };
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                foreach (var candidate in _folders.Select(f => Path.Combine(f, name.Name + ".dll")))
                {
                    if (File.Exists(candidate))
                        return context.LoadFromAssemblyPath(candidate);
                }

                return null;
            };
        }

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
