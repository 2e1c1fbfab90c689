using System;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// What the flow state tracks: a local, parameter, field or compiler capture (<see cref="Root"/>), optionally one
/// member of it (<c>dto.Name</c>), or everything stored into it (<c>builder.Append(x)</c>, <c>list.Add(x)</c>).
/// One level of members keeps a sanitised <c>dto.Url</c> from cleaning <c>dto.Query</c> without an unbounded heap model.
/// </summary>
internal readonly struct FlowKey : IEquatable<FlowKey>
{
    private FlowKey(object root, ISymbol? member, bool contents)
    {
        Root = root;
        Member = member;
        IsContents = contents;
    }

    /// <summary>An <see cref="ISymbol"/> or a <see cref="Microsoft.CodeAnalysis.FlowAnalysis.CaptureId"/>.</summary>
    public object Root { get; }

    public ISymbol? Member { get; }

    public bool IsContents { get; }

    public static FlowKey For(object root) => new(root, null, false);

    public static FlowKey ForMember(object root, ISymbol member) => new(root, member, false);

    public static FlowKey ContentsOf(object root) => new(root, null, true);

    public FlowKey WholeRoot => new(Root, null, false);

    public bool Equals(FlowKey other) =>
        IsContents == other.IsContents
        && RootEquals(Root, other.Root)
        && SymbolEqualityComparer.Default.Equals(Member, other.Member);

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    public override int GetHashCode()
    {
        var root = Root is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : Root.GetHashCode();
        var member = Member is null ? 0 : SymbolEqualityComparer.Default.GetHashCode(Member);
        return (root * 31 + member) * 2 + (IsContents ? 1 : 0);
    }

    private static bool RootEquals(object a, object b) =>
        a is ISymbol symbolA && b is ISymbol symbolB ? SymbolEqualityComparer.Default.Equals(symbolA, symbolB) : a.Equals(b);
}
