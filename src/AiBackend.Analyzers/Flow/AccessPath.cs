using System;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// A chain of member reads below a root (<c>state.Request.Path</c> is the path <c>Request.Path</c> of <c>state</c>),
/// at most <see cref="MaxDepth"/> steps long. Each step is a field or property name, or <see cref="Elements"/>,
/// everything stored into a collection or builder. Names rather than symbols: the object under one root is one
/// object, so <c>IStreamState.Request</c>, <c>StreamState.Request</c>, an override and a generic type's member are
/// the same step. A longer chain folds into its prefix, which then stands for all of it.
/// </summary>
internal sealed class AccessPath : IEquatable<AccessPath>
{
    public const int MaxDepth = 3;

    public static readonly AccessPath Empty = new(Array.Empty<string>());

    /// <summary>The step "any element" (<c>list.Add(x)</c>, <c>builder.Append(x)</c>, <c>items[i]</c>).</summary>
    public const string Elements = "[*]";

    private readonly string[] _steps;

    private AccessPath(string[] steps) => _steps = steps;

    public int Length => _steps.Length;

    public bool IsEmpty => _steps.Length == 0;

    public static AccessPath Of(ISymbol member) => Empty.Append(member.Name, out _);

    public static AccessPath Of(string step) => Empty.Append(step, out _);

    /// <summary>This path one step longer; at <see cref="MaxDepth"/> the path itself (<paramref name="folded"/>).</summary>
    public AccessPath Append(string step, out bool folded)
    {
        folded = _steps.Length >= MaxDepth;
        if (folded)
            return this;
        var steps = new string[_steps.Length + 1];
        Array.Copy(_steps, steps, _steps.Length);
        steps[_steps.Length] = step;
        return new AccessPath(steps);
    }

    /// <summary>This path followed by <paramref name="suffix"/>, folded at <see cref="MaxDepth"/>.</summary>
    public AccessPath Concat(AccessPath suffix, out bool folded)
    {
        folded = false;
        if (suffix.IsEmpty)
            return this;
        if (IsEmpty)
            return suffix;
        var length = Math.Min(MaxDepth, _steps.Length + suffix._steps.Length);
        folded = length < _steps.Length + suffix._steps.Length;
        if (length == _steps.Length)
            return this;
        var steps = new string[length];
        Array.Copy(_steps, steps, _steps.Length);
        Array.Copy(suffix._steps, 0, steps, _steps.Length, length - _steps.Length);
        return new AccessPath(steps);
    }

    /// <summary>The first <paramref name="length"/> steps.</summary>
    public AccessPath Prefix(int length)
    {
        if (length >= _steps.Length)
            return this;
        if (length == 0)
            return Empty;
        var steps = new string[length];
        Array.Copy(_steps, steps, length);
        return new AccessPath(steps);
    }

    /// <summary>The steps after the first <paramref name="start"/>.</summary>
    public AccessPath Suffix(int start)
    {
        if (start == 0)
            return this;
        if (start >= _steps.Length)
            return Empty;
        var steps = new string[_steps.Length - start];
        Array.Copy(_steps, start, steps, 0, steps.Length);
        return new AccessPath(steps);
    }

    /// <summary>Whether this path is <paramref name="other"/> or leads to it (<c>Request</c> is a prefix of <c>Request.Path</c>).</summary>
    public bool IsPrefixOf(AccessPath other)
    {
        if (_steps.Length > other._steps.Length)
            return false;
        for (var i = 0; i < _steps.Length; i++)
        {
            if (!string.Equals(_steps[i], other._steps[i], StringComparison.Ordinal))
                return false;
        }

        return true;
    }

    public bool Equals(AccessPath? other) => other is not null && other._steps.Length == _steps.Length && IsPrefixOf(other);

    public override bool Equals(object? obj) => Equals(obj as AccessPath);

    public override int GetHashCode()
    {
        var hash = _steps.Length;
        foreach (var step in _steps)
            hash = hash * 31 + StableHash.Of(step);
        return hash;
    }

    public override string ToString() => string.Join(".", _steps);
}
