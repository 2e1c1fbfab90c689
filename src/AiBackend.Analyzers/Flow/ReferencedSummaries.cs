using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// The summaries referenced assemblies carry (written at their build by <see cref="Injection.FlowSummaryGenerator"/>
/// as <c>[assembly: AssemblyMetadata("AiBackend.FlowSummary", "…")]</c>), by member, by implemented interface member
/// and by handled mediator request type. A referenced project that is a compilation (an IDE, tests) is read from its
/// source instead (<see cref="SourceBodies"/>), so its attributes are skipped. Read once per compilation, on first use.
/// </summary>
internal sealed class ReferencedSummaries
{
    public const string MetadataKey = "AiBackend.FlowSummary";

    private readonly Compilation _compilation;
    private readonly string? _policy;
    private Index? _index;

    public ReferencedSummaries(Compilation compilation, string? policy)
    {
        _compilation = compilation;
        _policy = policy;
    }

    /// <summary>The summary a referenced assembly carries for <paramref name="method"/> (its original definition), or null.</summary>
    public ExportedSummary? Of(IMethodSymbol method)
    {
        var index = Read();
        if (index.Assemblies.Count == 0 || method.ContainingAssembly is not { } assembly || !index.Assemblies.Contains(assembly))
            return null;
        return DocumentationCommentId.CreateDeclarationId(method) is { } id && index.ByMember.TryGetValue(id, out var found) ? found : null;
    }

    /// <summary>Summaries of the referenced assemblies' implementations of an interface or abstract member.</summary>
    public IReadOnlyList<ExportedSummary> ImplementationsOf(IMethodSymbol member) => Find(Read().ByInterface, member);

    /// <summary>Summaries of the referenced assemblies' mediator handlers of a request type.</summary>
    public IReadOnlyList<ExportedSummary> HandlersOf(ITypeSymbol requestType) => Find(Read().ByRequest, requestType);

    private IReadOnlyList<ExportedSummary> Find(Dictionary<string, List<ExportedSummary>> map, ISymbol key)
    {
        if (map.Count == 0)
            return System.Array.Empty<ExportedSummary>();
        return DocumentationCommentId.CreateDeclarationId(key.OriginalDefinition) is { } id && map.TryGetValue(id, out var found)
            ? found
            : System.Array.Empty<ExportedSummary>();
    }

    private Index Read()
    {
        if (_index is { } known)
            return known;

        var index = new Index();
        if (_policy is not null)
        {
            foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (assembly is ISourceAssemblySymbol)
                    continue;
                foreach (var attribute in assembly.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name != "AssemblyMetadataAttribute" || attribute.ConstructorArguments.Length != 2
                        || attribute.ConstructorArguments[0].Value as string != MetadataKey || attribute.ConstructorArguments[1].Value is not string text
                        || SummaryCodec.Decode(text, _policy) is not { } exported)
                        continue;
                    index.Assemblies.Add(assembly);
                    index.ByMember[exported.MemberId] = exported;
                    foreach (var id in exported.Implements)
                        Add(index.ByInterface, id, exported);
                    foreach (var id in exported.Handles)
                        Add(index.ByRequest, id, exported);
                }
            }
        }

        return Interlocked.CompareExchange(ref _index, index, null) ?? index;
    }

    private static void Add(Dictionary<string, List<ExportedSummary>> map, string key, ExportedSummary summary)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = new List<ExportedSummary>();
        list.Add(summary);
    }

    private sealed class Index
    {
        public readonly HashSet<IAssemblySymbol> Assemblies = new(SymbolEqualityComparer.Default);
        public readonly Dictionary<string, ExportedSummary> ByMember = new();
        public readonly Dictionary<string, List<ExportedSummary>> ByInterface = new();
        public readonly Dictionary<string, List<ExportedSummary>> ByRequest = new();
    }
}
