using System;
using System.Collections.Generic;
using System.Collections.Immutable;

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
        return new TaintValue(builder.Count == builder.Capacity ? builder.MoveToImmutable() : builder.ToImmutable());
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
        if (other.Flows.Length > Flows.Length)
            return false;
        foreach (var flow in other.Flows)
        {
            var index = IndexOf(Flows, flow.Origin);
            if (index < 0 || (flow.Kinds & ~Flows[index].Kinds) != 0)
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
    /// request data, a summarised method's parameter <c>p</c> becomes <c>p.suffix</c>.
    /// </summary>
    public TaintValue Below(AccessPath suffix)
    {
        if (suffix.IsEmpty || IsClean)
            return this;
        if (!HasParameter)
            return this;

        // Two parameter paths may meet below (at the depth cap): their kinds merge, as a union would merge them.
        // The origins change, so the value is rebuilt in hash order.
        var moved = new List<TaintFlow>(Flows.Length);
        foreach (var flow in Flows)
        {
            if (flow.Kinds != 0)
                moved.Add(new TaintFlow(flow.Origin.Below(suffix), flow.Kinds));
        }

        if (moved.Count == 0)
            return Clean;
        moved.Sort(static (a, b) => a.Origin.GetHashCode().CompareTo(b.Origin.GetHashCode()));
        var builder = ImmutableArray.CreateBuilder<TaintFlow>(moved.Count);
        var runStart = 0;
        for (var i = 0; i < moved.Count; i++)
        {
            if (i > 0 && moved[i].Origin.GetHashCode() != moved[i - 1].Origin.GetHashCode())
                runStart = builder.Count;
            AddToRun(builder, runStart, moved[i]);
        }

        return new TaintValue(builder.Count == builder.Capacity ? builder.MoveToImmutable() : builder.ToImmutable());
    }

    /// <summary>
    /// Whether this value already holds <paramref name="value"/> read <paramref name="suffix"/> below where it is
    /// stored (<c>value.Below(suffix)</c>), checked without building it: most joins add nothing.
    /// </summary>
    public bool CoversBelow(TaintValue value, AccessPath suffix)
    {
        if (ReferenceEquals(value, this) && (suffix.IsEmpty || !value.HasParameter))
            return true;
        foreach (var flow in value.Flows)
        {
            if (flow.Kinds == 0)
                continue;
            // Request data reads the same below; a parameter's origin becomes p.suffix (folded at the depth cap).
            var index = IndexOf(Flows, flow.Origin.Below(suffix));
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
    private static int IndexOf(ImmutableArray<TaintFlow> flows, TaintOrigin origin)
    {
        var hash = origin.GetHashCode();
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
                    if (flows[middle].Origin.Equals(origin))
                        return middle;
                }

                return -1;
            }
        }

        return -1;
    }
}
