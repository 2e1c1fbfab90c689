using System;
using System.Collections.Concurrent;
using System.Threading;
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

    // Computed on first use, step by step, so that the hash of a concatenation follows from its prefix's (see
    // ConcatHashCode). A race computes the same value twice; the flag is published after the value.
    private int _hash;
    private bool _hashed;

    private AccessPath(string[] steps) => _steps = steps;

    private const int EmptyHash = 17;

    // One-step paths (every member read) are shared instead of allocated per read; bounded, as the process (an IDE)
    // outlives any one compilation. Counted apart: ConcurrentDictionary.Count takes every lock of the dictionary, and
    // threads reading new member names contended on it.
    private const int MaxSharedSteps = 4096;
    private static readonly ConcurrentDictionary<string, AccessPath> SharedSteps = new(StringComparer.Ordinal);
    private static int _sharedStepCount;

    private static int Extend(int hash, string step) => unchecked(hash * 31 + StableHash.Of(step));

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
        if (_steps.Length == 0)
            return SingleStep(step);
        var steps = new string[_steps.Length + 1];
        Array.Copy(_steps, steps, _steps.Length);
        steps[_steps.Length] = step;
        return new AccessPath(steps);
    }

    private static AccessPath SingleStep(string step)
    {
        if (SharedSteps.TryGetValue(step, out var shared))
            return shared;
        var path = new AccessPath(new[] { step });
        if (Volatile.Read(ref _sharedStepCount) >= MaxSharedSteps)
            return path;
        if (!SharedSteps.TryAdd(step, path))
            return SharedSteps.TryGetValue(step, out shared) ? shared : path;
        Interlocked.Increment(ref _sharedStepCount);
        return path;
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
        if (length == 1)
            return SingleStep(_steps[0]);
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
        if (start == _steps.Length - 1)
            return SingleStep(_steps[start]);
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
        if (Volatile.Read(ref _hashed))
            return _hash;
        var hash = EmptyHash;
        foreach (var step in _steps)
            hash = Extend(hash, step);
        _hash = hash;
        Volatile.Write(ref _hashed, true);
        return hash;
    }

    /// <summary>The hash of <c>Concat(suffix)</c>, computed without building it.</summary>
    public int ConcatHashCode(AccessPath suffix)
    {
        var hash = GetHashCode();
        var taken = Math.Min(MaxDepth - _steps.Length, suffix._steps.Length);
        for (var i = 0; i < taken; i++)
            hash = Extend(hash, suffix._steps[i]);
        return hash;
    }

    /// <summary>Whether this path equals <c>prefix.Concat(suffix)</c>, checked without building it.</summary>
    public bool IsConcatOf(AccessPath prefix, AccessPath suffix)
    {
        var taken = Math.Max(0, Math.Min(MaxDepth - prefix._steps.Length, suffix._steps.Length));
        if (_steps.Length != prefix._steps.Length + taken || !prefix.IsPrefixOf(this))
            return false;
        for (var i = 0; i < taken; i++)
        {
            if (!string.Equals(_steps[prefix._steps.Length + i], suffix._steps[i], StringComparison.Ordinal))
                return false;
        }

        return true;
    }

    public override string ToString() => string.Join(".", _steps);
}
