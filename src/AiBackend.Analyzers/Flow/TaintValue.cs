using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace AiBackend.Analyzers.Flow;

/// <summary>One origin and the sink kinds (a bit mask defined by the policy) it is still dangerous for.</summary>
internal readonly struct TaintFlow : IEquatable<TaintFlow>
{
    public TaintFlow(TaintOrigin origin, ulong kinds)
    {
        Origin = origin;
        Kinds = kinds;
    }

    public TaintOrigin Origin { get; }

    public ulong Kinds { get; }

    public bool Equals(TaintFlow other) => Kinds == other.Kinds && Origin.Equals(other.Origin);

    public override bool Equals(object? obj) => obj is TaintFlow other && Equals(other);

    public override int GetHashCode() => Origin.GetHashCode() ^ Kinds.GetHashCode();
}

/// <summary>
/// The taint of one value: the set of origins that may have flowed into it, each with the sink kinds it is still
/// dangerous for. Immutable; <see cref="Clean"/> is the empty set. A plain array ordered by the origins' hash codes,
/// so unions merge in one pass and look-ups are binary searches: a request DTO with sixty bound members makes values
/// with sixty origins, joined at every branch.
/// </summary>
internal sealed class TaintValue : IEquatable<TaintValue>
{
    public const ulong AllKinds = ulong.MaxValue;

    public static readonly TaintValue Clean = new(ImmutableArray<TaintFlow>.Empty);

    private TaintValue(ImmutableArray<TaintFlow> flows) => Flows = flows;

    public ImmutableArray<TaintFlow> Flows { get; }

    public bool IsClean => Flows.IsEmpty;

    public static TaintValue From(TaintOrigin origin, ulong kinds = AllKinds) =>
        kinds == 0 ? Clean : new TaintValue(ImmutableArray.Create(new TaintFlow(origin, kinds)));

    public ulong AnyKinds
    {
        get
        {
            ulong kinds = 0;
            foreach (var flow in Flows)
                kinds |= flow.Kinds;
            return kinds;
        }
    }

    private bool HasParameter
    {
        get
        {
            foreach (var flow in Flows)
            {
                if (flow.Origin.IsParameter)
                    return true;
            }

            return false;
        }
    }

    public TaintValue Union(TaintValue other)
    {
        if (other.IsClean || ReferenceEquals(this, other))
            return this;
        if (IsClean)
            return other;
        if (Covers(other))
            return this;

        // Merge by hash; origins with equal hashes are compared one by one (they are rare and few).
        var mine = Flows;
        var theirs = other.Flows;
        var builder = ImmutableArray.CreateBuilder<TaintFlow>(mine.Length + theirs.Length - Shared(mine, theirs));
        int i = 0, j = 0;
        while (i < mine.Length && j < theirs.Length)
        {
            var a = mine[i].Origin.GetHashCode();
            var b = theirs[j].Origin.GetHashCode();
            if (a < b)
            {
                builder.Add(mine[i++]);
            }
            else if (b < a)
            {
                builder.Add(theirs[j++]);
            }
            else
            {
                var runStart = builder.Count;
                for (; i < mine.Length && mine[i].Origin.GetHashCode() == a; i++)
                    builder.Add(mine[i]);
                for (; j < theirs.Length && theirs[j].Origin.GetHashCode() == a; j++)
                    AddToRun(builder, runStart, theirs[j]);
            }
        }

        for (; i < mine.Length; i++)
            builder.Add(mine[i]);
        for (; j < theirs.Length; j++)
            builder.Add(theirs[j]);
        return Bounded(builder.Count == builder.Capacity ? builder.MoveToImmutable() : builder.ToImmutable());
    }

    /// <summary>How many origins two hash-ordered flow arrays have in common, so a union allocates exactly once.</summary>
    private static int Shared(ImmutableArray<TaintFlow> mine, ImmutableArray<TaintFlow> theirs)
    {
        var shared = 0;
        int i = 0, j = 0;
        while (i < mine.Length && j < theirs.Length)
        {
            var a = mine[i].Origin.GetHashCode();
            var b = theirs[j].Origin.GetHashCode();
            if (a < b)
            {
                i++;
            }
            else if (b < a)
            {
                j++;
            }
            else
            {
                var runEnd = i;
                while (runEnd < mine.Length && mine[runEnd].Origin.GetHashCode() == a)
                    runEnd++;
                for (; j < theirs.Length && theirs[j].Origin.GetHashCode() == a; j++)
                {
                    for (var k = i; k < runEnd; k++)
                    {
                        if (mine[k].Origin.Equals(theirs[j].Origin))
                        {
                            shared++;
                            break;
                        }
                    }
                }

                i = runEnd;
            }
        }

        return shared;
    }

    /// <summary>Whether every flow of <paramref name="other"/> is already here with all its kinds: most joins add nothing.</summary>
    private bool Covers(TaintValue other)
    {
        var mine = Flows;
        var theirs = other.Flows;
        if (theirs.Length > mine.Length)
            return false;

        // A few flows against many: binary searches. Comparable sizes (the usual join of two branches): one walk
        // over both, as both are in hash order.
        if (theirs.Length * 8 < mine.Length)
        {
            foreach (var flow in theirs)
            {
                var index = IndexOf(mine, flow.Origin);
                if (index < 0 || (flow.Kinds & ~mine[index].Kinds) != 0)
                    return false;
            }

            return true;
        }

        var i = 0;
        foreach (var flow in theirs)
        {
            var hash = flow.Origin.GetHashCode();
            while (i < mine.Length && mine[i].Origin.GetHashCode() < hash)
                i++;
            var covered = false;
            for (var k = i; k < mine.Length && mine[k].Origin.GetHashCode() == hash; k++)
            {
                if (mine[k].Origin.Equals(flow.Origin))
                {
                    covered = (flow.Kinds & ~mine[k].Kinds) == 0;
                    break;
                }
            }

            if (!covered)
                return false;
        }

        return true;
    }

    private static void AddToRun(ImmutableArray<TaintFlow>.Builder builder, int runStart, TaintFlow flow)
    {
        for (var k = runStart; k < builder.Count; k++)
        {
            if (builder[k].Origin.Equals(flow.Origin))
            {
                builder[k] = new TaintFlow(flow.Origin, builder[k].Kinds | flow.Kinds);
                return;
            }
        }

        builder.Add(flow);
    }

    /// <summary>Keeps only the given kinds (a sanitizer clears the others' complement).</summary>
    public TaintValue Restrict(ulong kinds)
    {
        if (IsClean || kinds == AllKinds)
            return this;
        var builder = ImmutableArray.CreateBuilder<TaintFlow>(Flows.Length);
        foreach (var flow in Flows)
        {
            if ((flow.Kinds & kinds) != 0)
                builder.Add(new TaintFlow(flow.Origin, flow.Kinds & kinds));
        }

        return builder.Count == 0 ? Clean : new TaintValue(builder.ToImmutable());
    }

    public TaintValue Without(ulong kinds) => kinds == 0 ? this : Restrict(~kinds);

    /// <summary>
    /// This value, as seen when reading <paramref name="suffix"/> below where it is stored: request data stays
    /// request data, a summarised method's parameter <c>p</c> becomes <c>p.suffix</c>. A value that mixes many
    /// members of one parameter (<see cref="WideParameterPaths"/>: an object read as a whole, or a string built from
    /// it) keeps that parameter's origins as they are: moving each below would make a path per member and suffix
    /// (p.A.s, p.B.s…), which at the call resolve to what p.A and p.B give for any member without members of its own.
    /// </summary>
    public TaintValue Below(AccessPath suffix)
    {
        if (suffix.IsEmpty || IsClean)
            return this;
        if (!HasParameter)
            return this;

        // The same value is read below the same member again and again (each join of a tree with a member path):
        // the last answer is kept. Values are shared between threads; the memo is replaced whole, never mutated.
        if (_lastBelow is { } memo && memo.Suffix.Equals(suffix))
            return memo.Result;

        // Two parameter paths may meet below (at the depth cap): their kinds merge, as a union would merge them.
        // The origins change, so the value is rebuilt in hash order.
        var wide = WideOrdinals;
        var moved = new List<TaintFlow>(Flows.Length);
        foreach (var flow in Flows)
            moved.Add(flow.Origin.IsParameter && System.Array.IndexOf(wide, flow.Origin.ParameterOrdinal) >= 0 ? flow : new TaintFlow(flow.Origin.Below(suffix), flow.Kinds));
        var below = FromFlows(moved);
        _lastBelow = new BelowMemo(suffix, below);
        return below;
    }

    /// <summary>A parameter with more origins than this in one value is mixed into it as a whole (see <see cref="Below"/>).</summary>
    public const int WideParameterPaths = 16;

    /// <summary>The parameters with more than <see cref="WideParameterPaths"/> origins here; computed once per value.</summary>
    private int[] WideOrdinals
    {
        get
        {
            if (_wideOrdinals is { } known)
                return known;
            var wide = System.Array.Empty<int>();
            if (Flows.Length > WideParameterPaths)
            {
                wide = Flows.Where(f => f.Origin.IsParameter).GroupBy(f => f.Origin.ParameterOrdinal)
                    .Where(g => g.Count() > WideParameterPaths).Select(g => g.Key).ToArray();
            }

            _wideOrdinals = wide;
            return wide;
        }
    }

    private int[]? _wideOrdinals;

    private BelowMemo? _lastBelow;

    private sealed class BelowMemo
    {
        public BelowMemo(AccessPath suffix, TaintValue result)
        {
            Suffix = suffix;
            Result = result;
        }

        public AccessPath Suffix { get; }

        public TaintValue Result { get; }
    }

    /// <summary>
    /// The value holding all of <paramref name="flows"/> (in any order, origins possibly repeated): one sort and one
    /// merge, where a union per flow would copy the growing value each time. Reorders the list.
    /// </summary>
    public static TaintValue FromFlows(List<TaintFlow> flows) => Bounded(Merge(flows));

    /// <summary>
    /// At most this many origins per summarised method's parameter in one value. Reading a member below a value that
    /// holds a request object's members moves every one of them below it (p.A.B.C for every A, B and C of the object:
    /// four thousand paths from Jellyfin's streaming request, each paid for at every join), though a path below a
    /// string member resolves, at the call, to that member's data. A request object with sixty bound members stays
    /// under the limit.
    /// </summary>
    public const int MaxParameterPaths = 96;

    /// <summary>
    /// The value, with a parameter's origins past <see cref="MaxParameterPaths"/> folded: a path into the longest of
    /// its prefixes the value already holds (what a caller's argument gives for it unless the member has members of
    /// its own); if still too many, each to its first member; then to the parameter itself. Folding keeps every kind
    /// and only ever widens what a caller resolves the value to.
    /// </summary>
    private static TaintValue Bounded(ImmutableArray<TaintFlow> flows)
    {
        if (flows.IsEmpty)
            return Clean;
        if (flows.Length <= MaxParameterPaths)
            return new TaintValue(flows);

        var perOrdinal = new Dictionary<int, int>();
        var over = false;
        foreach (var flow in flows)
        {
            if (!flow.Origin.IsParameter)
                continue;
            perOrdinal.TryGetValue(flow.Origin.ParameterOrdinal, out var count);
            perOrdinal[flow.Origin.ParameterOrdinal] = ++count;
            over |= count > MaxParameterPaths;
        }

        if (!over)
            return new TaintValue(flows);

        var kept = new List<TaintFlow>(flows.Length);
        foreach (var group in flows.GroupBy(f => f.Origin.IsParameter ? f.Origin.ParameterOrdinal : (int?)null))
        {
            if (group.Key is not { } ordinal || perOrdinal[ordinal] <= MaxParameterPaths)
                kept.AddRange(group);
            else
                kept.AddRange(Fold(ordinal, group));
        }

        return new TaintValue(Merge(kept));
    }

    private static IEnumerable<TaintFlow> Fold(int ordinal, IEnumerable<TaintFlow> flows)
    {
        var kinds = new Dictionary<AccessPath, ulong>();
        foreach (var flow in flows)
            kinds[flow.Origin.Path] = flow.Kinds;

        // Longest paths first, so a path folded into a prefix that itself folds carries its kinds along.
        foreach (var path in kinds.Keys.Where(p => p.Length >= 2).OrderByDescending(p => p.Length).ToList())
        {
            for (var length = path.Length - 1; length >= 1; length--)
            {
                if (kinds.TryGetValue(path.Prefix(length), out var into))
                {
                    kinds[path.Prefix(length)] = into | kinds[path];
                    kinds.Remove(path);
                    break;
                }
            }
        }

        for (var length = 1; kinds.Count > MaxParameterPaths && length >= 0; length--)
        {
            var shorter = new Dictionary<AccessPath, ulong>();
            foreach (var pair in kinds)
            {
                var prefix = pair.Key.Length > length ? pair.Key.Prefix(length) : pair.Key;
                shorter.TryGetValue(prefix, out var known);
                shorter[prefix] = known | pair.Value;
            }

            kinds = shorter;
        }

        return kinds.Select(pair => new TaintFlow(TaintOrigin.Parameter(ordinal, pair.Key), pair.Value));
    }

    /// <summary>The flows in hash order with each origin once, kinds merged. Reorders the list.</summary>
    private static ImmutableArray<TaintFlow> Merge(List<TaintFlow> flows)
    {
        flows.RemoveAll(static f => f.Kinds == 0);
        if (flows.Count == 0)
            return ImmutableArray<TaintFlow>.Empty;
        flows.Sort(static (a, b) => a.Origin.GetHashCode().CompareTo(b.Origin.GetHashCode()));
        var builder = ImmutableArray.CreateBuilder<TaintFlow>(flows.Count);
        var runStart = 0;
        for (var i = 0; i < flows.Count; i++)
        {
            if (i > 0 && flows[i].Origin.GetHashCode() != flows[i - 1].Origin.GetHashCode())
                runStart = builder.Count;
            AddToRun(builder, runStart, flows[i]);
        }

        return builder.Count == builder.Capacity ? builder.MoveToImmutable() : builder.ToImmutable();
    }

    /// <summary>
    /// Whether this value already holds <paramref name="value"/> read <paramref name="suffix"/> below where it is
    /// stored (<c>value.Below(suffix)</c>), checked without building it: most joins add nothing.
    /// </summary>
    public bool CoversBelow(TaintValue value, AccessPath suffix)
    {
        if (ReferenceEquals(value, this) && (suffix.IsEmpty || !value.HasParameter))
            return true;
        if (!suffix.IsEmpty && value.WideOrdinals.Length > 0)
            return Covers(value.Below(suffix));
        foreach (var flow in value.Flows)
        {
            if (flow.Kinds == 0)
                continue;
            // Request data reads the same below; a parameter's origin becomes p.suffix (folded at the depth cap).
            var index = IndexOfBelow(Flows, flow.Origin, suffix);
            if (index < 0 || (flow.Kinds & ~Flows[index].Kinds) != 0)
                return false;
        }

        return true;
    }

    public bool Equals(TaintValue? other)
    {
        if (other is null || other.Flows.Length != Flows.Length)
            return false;
        foreach (var flow in other.Flows)
        {
            var index = IndexOf(Flows, flow.Origin);
            if (index < 0 || Flows[index].Kinds != flow.Kinds)
                return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as TaintValue);

    public override int GetHashCode() => Flows.Length;

    /// <summary>Binary search by hash, then the run of equal hashes.</summary>
    private static int IndexOf(ImmutableArray<TaintFlow> flows, TaintOrigin origin) => IndexOfBelow(flows, origin, AccessPath.Empty);

    /// <summary>The index of <c>origin.Below(suffix)</c>, found without building that origin.</summary>
    private static int IndexOfBelow(ImmutableArray<TaintFlow> flows, TaintOrigin origin, AccessPath suffix)
    {
        var hash = origin.HashBelow(suffix);
        int low = 0, high = flows.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var current = flows[middle].Origin.GetHashCode();
            if (current < hash)
            {
                low = middle + 1;
            }
            else if (current > hash)
            {
                high = middle - 1;
            }
            else
            {
                while (middle > 0 && flows[middle - 1].Origin.GetHashCode() == hash)
                    middle--;
                for (; middle < flows.Length && flows[middle].Origin.GetHashCode() == hash; middle++)
                {
                    if (flows[middle].Origin.EqualsBelow(origin, suffix))
                        return middle;
                }

                return -1;
            }
        }

        return -1;
    }
}
