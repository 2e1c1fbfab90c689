using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// What the flow state tracks: a root (a local, parameter, static field, compiler capture or <see cref="This"/>) and
/// an access path below it (<c>state.Request.Path</c>). An empty path is the root's value itself.
/// </summary>
internal readonly struct FlowKey : IEquatable<FlowKey>
{
    /// <summary>The root standing for <c>this</c>: the instance whose fields and properties a method reads unqualified.</summary>
    public static readonly object This = new ThisRoot();

    public FlowKey(object root, AccessPath path, bool folded = false)
    {
        Root = root;
        Path = path;
        Folded = folded;
    }

    /// <summary>An <see cref="ISymbol"/>, a <see cref="Microsoft.CodeAnalysis.FlowAnalysis.CaptureId"/> or <see cref="This"/>.</summary>
    public object Root { get; }

    public AccessPath Path { get; }

    /// <summary>The key stands for a longer path cut at <see cref="AccessPath.MaxDepth"/>: stores to it are weak.</summary>
    public bool Folded { get; }

    public static FlowKey For(object root) => new(root, AccessPath.Empty);

    /// <summary>One step further down; folded when the path was already as long as it may be.</summary>
    public FlowKey Member(ISymbol member) => Member(member.Name);

    public FlowKey Member(string step)
    {
        var path = Path.Append(step, out var folded);
        return new FlowKey(Root, path, Folded || folded);
    }

    public bool Equals(FlowKey other) => RootComparer.Instance.Equals(Root, other.Root) && Path.Equals(other.Path);

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    public override int GetHashCode() => RootComparer.Instance.GetHashCode(Root) * 31 + Path.GetHashCode();

    private sealed class ThisRoot
    {
        public override string ToString() => "this";
    }
}

/// <summary>Roots compare as symbols when they are symbols, by value otherwise.</summary>
internal sealed class RootComparer : IEqualityComparer<object>
{
    public static readonly RootComparer Instance = new();

    public new bool Equals(object? a, object? b) =>
        a is ISymbol symbolA && b is ISymbol symbolB ? SymbolEqualityComparer.Default.Equals(symbolA, symbolB) : Object.Equals(a, b);

    public int GetHashCode(object obj) => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
}
