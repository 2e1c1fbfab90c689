using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.PeerScorecard;

/// <summary>A peer analyzer package loaded from the NuGet cache, with the IDs that map to our rules.</summary>
internal sealed class Peer
{
    private Peer(string displayName, ImmutableArray<DiagnosticAnalyzer> analyzers, Dictionary<string, string> ruleMap)
    {
        DisplayName = displayName;
        Analyzers = analyzers;
        RuleMap = ruleMap;
    }

    public string DisplayName { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public Dictionary<string, string> RuleMap { get; }

    public static IEnumerable<Peer> LoadAll(string pathsFile)
    {
        foreach (var line in File.ReadAllLines(pathsFile))
        {
            var parts = line.Split('|');
            var (name, map, folder) = parts[0] switch
            {
                "SecurityCodeScan" => ("SecurityCodeScan.VS2019 5.6.7", PeerRules.SecurityCodeScan, "analyzers/dotnet"),
                "Sonar" => ("SonarAnalyzer.CSharp 10.36", PeerRules.Sonar, "analyzers"),
                "NetAnalyzers" => ("NetAnalyzers 11.0.100", PeerRules.NetAnalyzers, "analyzers/dotnet/cs"),
                _ => throw new InvalidDataException(line),
            };
            yield return new Peer(name, Load(Path.Combine(parts[1], folder)), map);
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
