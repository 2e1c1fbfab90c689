using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// What one compilation's taint engine computed (summaries, a body's hits, its facts), kept so that the next
/// compilation of the same project can take over every result that read none of the files edited in between. An IDE
/// makes a new compilation after each edit and analyses the open document again: without this, opening or typing in a
/// streaming controller summarised the hundred helper bodies below it in other files every time.
/// <para>
/// A result is taken over only when nothing it depends on can have changed: the same project (assembly name, options,
/// references, policy), the same files in the same order, each the very same syntax tree except at most
/// <see cref="MaxChangedTrees"/> edited ones whose declarations are unchanged (only member bodies differ, so no other
/// file binds differently), and a result whose files read (<see cref="TreeSet"/>) include none of the edited ones. A
/// build reparses every file, so nothing carries over between builds. Results hold no symbols, only locations in the
/// unchanged trees, which the new compilation shares. The previous generation is held weakly: once its compilation is
/// gone, the next one starts afresh.
/// </para>
/// </summary>
internal sealed class AnalysisGeneration
{
    /// <summary>An IDE edits one file at a time; a bigger change (a branch switch, a rebuild) starts afresh.</summary>
    public const int MaxChangedTrees = 4;

    private static readonly Dictionary<string, WeakReference<AnalysisGeneration>> s_latest = new(StringComparer.Ordinal);

    private readonly string _key;
    private readonly CompilationOptions _options;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly ImmutableArray<SyntaxTree> _trees;
    private readonly Dictionary<SyntaxTree, int> _ordinals;
    private readonly ConcurrentDictionary<(int Kind, long Declaration), Kept> _kept = new();
    private readonly ConcurrentDictionary<(int Kind, long Declaration), Kept>? _previous;
    private readonly TreeSet _changed;

    private AnalysisGeneration(Compilation compilation, string key)
    {
        _key = key;
        _options = compilation.Options;
        _references = compilation.References.ToImmutableArray();
        _trees = compilation.SyntaxTrees.ToImmutableArray();
        _ordinals = new Dictionary<SyntaxTree, int>(_trees.Length);
        for (var i = 0; i < _trees.Length; i++)
            _ordinals[_trees[i]] = i;

        var previous = Latest(key);
        if (previous is not null && EditedSince(previous) is { } changed)
        {
            _previous = previous._kept;
            _changed = changed;
        }
        else
        {
            _changed = TreeSet.Unbounded;
        }
    }

    /// <summary>How many results came from the previous generation (tests and benchmarks read it).</summary>
    public int TakenOver => _takenOver;

    private int _takenOver;

    /// <summary>
    /// The generation of <paramref name="compilation"/> for results computed under <paramref name="policyKey"/> (null:
    /// the policy's results cannot be told apart from another configuration's, so none are kept).
    /// </summary>
    public static AnalysisGeneration? Start(Compilation compilation, string? policyKey)
    {
        if (policyKey is null)
            return null;
        var generation = new AnalysisGeneration(compilation, compilation.AssemblyName + "\n" + policyKey);
        lock (s_latest)
            s_latest[generation._key] = new WeakReference<AnalysisGeneration>(generation);
        return generation;
    }

    /// <summary>A tree's position in the compilation's list; -1 for a tree of another compilation.</summary>
    public int OrdinalOf(SyntaxTree tree) => _ordinals.TryGetValue(tree, out var ordinal) ? ordinal : -1;

    /// <summary>
    /// Where a method is declared (its file's position and the declaration's start), which names the same method in
    /// the next compilation wherever that file is unchanged; null for a method not declared once in this compilation.
    /// </summary>
    public long? KeyOf(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
            return null;
        var reference = method.DeclaringSyntaxReferences[0];
        var ordinal = OrdinalOf(reference.SyntaxTree);
        return ordinal < 0 ? null : ((long)ordinal << 32) | (uint)reference.Span.Start;
    }

    /// <summary>The file a method is declared in, as what a result computed from its declaration alone read.</summary>
    public TreeSet DeclarationOf(IMethodSymbol method)
    {
        var reads = new TreeSet.Builder();
        foreach (var reference in method.DeclaringSyntaxReferences)
            reads.Add(OrdinalOf(reference.SyntaxTree));
        return reads.ToSet();
    }

    /// <summary>
    /// The previous generation's result of this kind for the method, when it read no edited file; it is kept in this
    /// generation as well, for the next one.
    /// </summary>
    public bool TryTakeOver(int kind, long declaration, out object? value, out TreeSet reads)
    {
        value = null;
        reads = TreeSet.Unbounded;
        if (_previous is null || !_previous.TryGetValue((kind, declaration), out var kept) || kept.Reads.Overlaps(_changed))
            return false;
        _kept.TryAdd((kind, declaration), kept);
        System.Threading.Interlocked.Increment(ref _takenOver);
        value = kept.Value;
        reads = kept.Reads;
        return true;
    }

    /// <summary>Keeps a result for the next generation; the first kept for a method and kind stays.</summary>
    public void Keep(int kind, long declaration, object? value, TreeSet reads)
    {
        if (!reads.IsUnbounded)
            _kept.TryAdd((kind, declaration), new Kept(value, reads));
    }

    /// <summary>
    /// A result of this kind for the method: taken over from the previous generation, or computed (with the files it
    /// read) and kept. Methods declared outside this compilation are computed every time.
    /// </summary>
    public T GetOrCompute<T>(int kind, IMethodSymbol method, Func<(T Value, TreeSet Reads)> compute)
    {
        if (KeyOf(method) is not { } declaration)
            return compute().Value;
        if (TryTakeOver(kind, declaration, out var value, out _))
            return (T)value!;
        var computed = compute();
        Keep(kind, declaration, computed.Value, computed.Reads);
        return computed.Value;
    }

    private static AnalysisGeneration? Latest(string key)
    {
        lock (s_latest)
            return s_latest.TryGetValue(key, out var weak) && weak.TryGetTarget(out var generation) ? generation : null;
    }

    /// <summary>The trees edited since <paramref name="previous"/>, by position; null when its results cannot be trusted here.</summary>
    private TreeSet? EditedSince(AnalysisGeneration previous)
    {
        if (!previous._options.Equals(_options) || !previous._references.SequenceEqual(_references) || previous._trees.Length != _trees.Length)
            return null;

        // Which trees are new objects first, then their declarations: a build's compilation (every file reparsed) is
        // turned away after a few reference comparisons, not after reading files.
        var edited = new List<int>();
        for (var i = 0; i < _trees.Length; i++)
        {
            if (ReferenceEquals(previous._trees[i], _trees[i]))
                continue;
            if (edited.Count == MaxChangedTrees || !string.Equals(previous._trees[i].FilePath, _trees[i].FilePath, StringComparison.Ordinal))
                return null;
            edited.Add(i);
        }

        var changed = new TreeSet.Builder();
        foreach (var i in edited)
        {
            if (!previous._trees[i].Options.Equals(_trees[i].Options) || !SameDeclarations(previous._trees[i], _trees[i]))
                return null;
            changed.Add(i);
        }

        return changed.ToSet();
    }

    /// <summary>Whether two versions of a file differ only inside member bodies, which no other file's binding sees.</summary>
    internal static bool SameDeclarations(SyntaxTree before, SyntaxTree now) =>
        string.Equals(Declarations(before), Declarations(now), StringComparison.Ordinal);

    /// <summary>The file's text without its methods', constructors', operators', accessors' and expression-bodied members' bodies.</summary>
    private static string Declarations(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        var text = tree.GetText();
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var node in root.DescendantNodes(n => !IsBody(n)))
        {
            if (!IsBody(node))
                continue;
            builder.Append(text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(position, node.SpanStart)));
            builder.Append('\u0001');
            position = node.Span.End;
        }

        builder.Append(text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(position, text.Length)));
        return builder.ToString();
    }

    private static bool IsBody(SyntaxNode node) => node switch
    {
        BlockSyntax or ArrowExpressionClauseSyntax => node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
            || node is ArrowExpressionClauseSyntax && node.Parent is PropertyDeclarationSyntax or IndexerDeclarationSyntax,
        _ => false,
    };

    private sealed class Kept
    {
        public Kept(object? value, TreeSet reads)
        {
            Value = value;
            Reads = reads;
        }

        public object? Value { get; }

        public TreeSet Reads { get; }
    }
}
