using System;
using System.Collections.Generic;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// The taint of one object, member path by member path: the value at the empty path is the object itself and every
/// member not listed below it; a listed path (<c>Request</c>) overrides what its prefix says for itself and
/// everything under it, except paths listed further down. Immutable and small: more than
/// <see cref="MaxPaths"/> paths fold, deepest first, into their parents and at last into the object as a whole.
/// </summary>
internal sealed class TaintTree
{
    /// <summary>Paths kept per object before they fold into it (bounds state size on objects with many members).</summary>
    public const int MaxPaths = 32;

    public static readonly TaintTree Clean = new(Array.Empty<Entry>());

    private readonly Entry[] _entries;

    private TaintTree(Entry[] entries) => _entries = entries;

    public IReadOnlyList<Entry> Entries => _entries;

    public bool IsClean
    {
        get
        {
            foreach (var entry in _entries)
            {
                if (!entry.Value.IsClean)
                    return false;
            }

            return true;
        }
    }

    /// <summary>True when nothing below the object is tracked: its taint is <see cref="Whole"/>.</summary>
    public bool IsFlat => _entries.Length == 0 || _entries.Length == 1 && _entries[0].Path.IsEmpty;

    /// <summary>The object read as a whole (passed on, printed, serialised): tainted if any part of it is.</summary>
    public TaintValue Whole => WholeAt(AccessPath.Empty);

    public static TaintTree Of(TaintValue value) => value.IsClean ? Clean : new TaintTree(new[] { new Entry(AccessPath.Empty, value) });

    /// <summary>The value at <paramref name="path"/> itself: its own entry or the nearest listed prefix's.</summary>
    public TaintValue At(AccessPath path) => AtIn(_entries, path);

    private static TaintValue AtIn(IReadOnlyList<Entry> entries, AccessPath path)
    {
        Entry? nearest = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Path.IsPrefixOf(path) && (nearest is null || entry.Path.Length > nearest.Value.Path.Length))
                nearest = entry;
        }

        return nearest is { } found ? found.Value.Below(path.Suffix(found.Path.Length)) : TaintValue.Clean;
    }

    /// <summary><paramref name="value"/> joined with <see cref="At"/>(<paramref name="path"/>); the value itself when that adds nothing.</summary>
    private TaintValue UnionInto(TaintValue value, AccessPath path) => UnionInto(_entries, value, path);

    /// <summary>
    /// <paramref name="value"/> joined with what <paramref name="entries"/> hold at <paramref name="path"/>, without
    /// building that (a parameter's value read below a member is rebuilt flow by flow) when it adds nothing.
    /// </summary>
    private static TaintValue UnionInto(IReadOnlyList<Entry> entries, TaintValue value, AccessPath path)
    {
        Entry? nearest = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Path.IsPrefixOf(path) && (nearest is null || entry.Path.Length > nearest.Value.Path.Length))
                nearest = entry;
        }

        if (nearest is not { } found)
            return value;
        var suffix = path.Suffix(found.Path.Length);
        if (suffix.IsEmpty)
            return value.Union(found.Value);
        return value.CoversBelow(found.Value, suffix) ? value : value.Union(found.Value.Below(suffix));
    }

    /// <summary>The value at <paramref name="path"/> with everything stored below it.</summary>
    public TaintValue WholeAt(AccessPath path)
    {
        var value = At(path);
        foreach (var entry in _entries)
        {
            if (entry.Path.Length > path.Length && path.IsPrefixOf(entry.Path))
                value = value.Union(entry.Value);
        }

        return value;
    }

    /// <summary>The object found at <paramref name="path"/>, with its own member paths.</summary>
    public TaintTree SubtreeAt(AccessPath path)
    {
        if (path.IsEmpty || _entries.Length == 0)
            return this;
        if (IsFlat)
        {
            var below = _entries[0].Value.Below(path);
            return ReferenceEquals(below, _entries[0].Value) ? this : Of(below);
        }

        List<Entry>? entries = null;
        var own = At(path);
        if (!own.IsClean)
            (entries ??= new List<Entry>()).Add(new Entry(AccessPath.Empty, own));
        foreach (var entry in _entries)
        {
            if (entry.Path.Length > path.Length && path.IsPrefixOf(entry.Path))
                (entries ??= new List<Entry>()).Add(new Entry(entry.Path.Suffix(path.Length), entry.Value));
        }

        return entries is null ? Clean : new TaintTree(entries.ToArray());
    }

    /// <summary>Whether <paramref name="path"/> or a path below it is listed (was stored to or checked).</summary>
    public bool Lists(AccessPath path)
    {
        foreach (var entry in _entries)
        {
            if (path.IsPrefixOf(entry.Path))
                return true;
        }

        return false;
    }

    /// <summary>
    /// Stores <paramref name="value"/> at <paramref name="path"/>: replacing what was there and below (strong), or
    /// in addition to it (weak: the store may not have happened, or the path stands for several).
    /// </summary>
    public TaintTree With(AccessPath path, TaintTree value, bool strong)
    {
        var entries = new List<Entry>(_entries.Length + value._entries.Length + 1);
        if (strong)
        {
            foreach (var entry in _entries)
            {
                if (!path.IsPrefixOf(entry.Path))
                    entries.Add(entry);
            }

            // A clean value is listed only where it hides a prefix's taint: most stores are of clean values
            // (state.IsVideo = true), and unlisted paths keep the object under the cap.
            if (value.IsClean && AtIn(entries, path).IsClean)
                return Bounded(entries);
            entries.Add(new Entry(path, value.At(AccessPath.Empty)));
            foreach (var entry in value._entries)
            {
                if (!entry.Path.IsEmpty)
                    AddWeak(entries, path.Concat(entry.Path, out _), entry.Value);
            }
        }
        else
        {
            entries.AddRange(_entries);
            foreach (var entry in value._entries)
                AddWeak(entries, path.Concat(entry.Path, out _), entry.Value);
        }

        return Bounded(entries);
    }

    public TaintTree With(AccessPath path, TaintValue value, bool strong) => With(path, Of(value), strong);

    /// <summary>The paths at and below <paramref name="path"/> without the given sink kinds.</summary>
    public TaintTree Without(AccessPath path, ulong kinds)
    {
        var entries = new List<Entry>(_entries.Length + 1);
        var listed = false;
        foreach (var entry in _entries)
        {
            listed |= entry.Path.Equals(path);
            entries.Add(path.IsPrefixOf(entry.Path) ? new Entry(entry.Path, entry.Value.Without(kinds)) : entry);
        }

        var own = At(path);
        if (!listed && !own.IsClean)
            entries.Add(new Entry(path, own.Without(kinds)));
        return new TaintTree(entries.ToArray());
    }

    /// <summary>Every path keeping only the given kinds (what a summarised callee lets through).</summary>
    public TaintTree Restrict(ulong kinds)
    {
        if (kinds == TaintValue.AllKinds || _entries.Length == 0)
            return this;
        var entries = new Entry[_entries.Length];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = new Entry(_entries[i].Path, _entries[i].Value.Restrict(kinds));
        return new TaintTree(entries);
    }

    /// <summary>
    /// The join of two paths through the program: each path may hold what either side says it holds. Returns this
    /// tree itself when the other adds nothing, without allocating: joins run after every block of every pass, and
    /// most of them change nothing.
    /// </summary>
    public TaintTree Union(TaintTree other)
    {
        if (ReferenceEquals(this, other) || other._entries.Length == 0)
            return _entries.Length == 0 ? other : this;
        if (_entries.Length == 0)
            return other;

        Entry[]? joined = null;
        for (var i = 0; i < _entries.Length; i++)
        {
            var entry = _entries[i];
            var value = other.UnionInto(entry.Value, entry.Path);
            if (ReferenceEquals(value, entry.Value))
                continue;
            joined ??= (Entry[])_entries.Clone();
            joined[i] = new Entry(entry.Path, value);
        }

        List<Entry>? added = null;
        foreach (var entry in other._entries)
        {
            if (IndexOf(_entries, entry.Path) < 0)
                (added ??= new List<Entry>()).Add(new Entry(entry.Path, UnionInto(entry.Value, entry.Path)));
        }

        if (added is null)
            return joined is null ? this : new TaintTree(joined);
        var entries = new List<Entry>(_entries.Length + added.Count);
        entries.AddRange(joined ?? _entries);
        entries.AddRange(added);
        return Bounded(entries);
    }

    public bool SameAs(TaintTree other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other._entries.Length != _entries.Length)
            return false;
        foreach (var entry in other._entries)
        {
            var index = Array.FindIndex(_entries, e => e.Path.Equals(entry.Path));
            if (index < 0 || !_entries[index].Value.Equals(entry.Value))
                return false;
        }

        return true;
    }

    /// <summary>A weak store also reaches the paths listed below the target, which would otherwise hide it.</summary>
    private static void AddWeak(List<Entry> entries, AccessPath path, TaintValue value)
    {
        if (value.IsClean)
            return;
        var index = IndexOf(entries, path);
        if (index >= 0)
            entries[index] = new Entry(path, entries[index].Value.Union(value));
        else
            entries.Add(new Entry(path, UnionInto(entries, value, path)));

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Path.Length <= path.Length || !path.IsPrefixOf(entry.Path))
                continue;
            var suffix = entry.Path.Suffix(path.Length);
            if (!entry.Value.CoversBelow(value, suffix))
                entries[i] = new Entry(entry.Path, entry.Value.Union(value.Below(suffix)));
        }
    }

    private static int IndexOf(IReadOnlyList<Entry> entries, AccessPath path)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Path.Equals(path))
                return i;
        }

        return -1;
    }

    /// <summary>
    /// Over the cap, the deepest paths fold into their parents first (<c>Request.Codec</c> into <c>Request</c>), so
    /// a big request DTO inside a state object keeps the state's other members apart; the object as a whole is
    /// the last resort.
    /// </summary>
    private static TaintTree Bounded(List<Entry> entries)
    {
        while (entries.Count > MaxPaths)
        {
            var depth = 0;
            foreach (var entry in entries)
                depth = Math.Max(depth, entry.Path.Length);
            if (depth <= 1)
            {
                var whole = TaintValue.Clean;
                foreach (var entry in entries)
                    whole = whole.Union(entry.Value);
                return Of(whole);
            }

            var folded = new List<Entry>(entries.Count);
            foreach (var entry in entries)
            {
                if (entry.Path.Length < depth)
                    folded.Add(entry);
            }

            foreach (var entry in entries)
            {
                if (entry.Path.Length < depth)
                    continue;
                var parent = entry.Path.Prefix(depth - 1);
                var index = IndexOf(folded, parent);
                var current = index >= 0 ? folded[index].Value : AtIn(folded, parent);
                var merged = new Entry(parent, current.Union(entry.Value));
                if (index >= 0)
                    folded[index] = merged;
                else
                    folded.Add(merged);
            }

            entries = folded;
        }

        return new TaintTree(entries.ToArray());
    }

    /// <summary>One listed path and its value.</summary>
    public readonly struct Entry
    {
        public Entry(AccessPath path, TaintValue value)
        {
            Path = path;
            Value = value;
        }

        public AccessPath Path { get; }

        public TaintValue Value { get; }
    }
}
