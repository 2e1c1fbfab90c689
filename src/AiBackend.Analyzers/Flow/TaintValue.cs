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
/// dangerous for. Immutable; <see cref="Clean"/> is the empty set. Usually zero to two flows, so a plain array.
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

        var builder = ImmutableArray.CreateBuilder<TaintFlow>(Flows.Length + other.Flows.Length);
        builder.AddRange(Flows);
        foreach (var flow in other.Flows)
        {
            var index = IndexOf(builder, flow.Origin);
            if (index < 0)
                builder.Add(flow);
            else if ((builder[index].Kinds | flow.Kinds) != builder[index].Kinds)
                builder[index] = new TaintFlow(flow.Origin, builder[index].Kinds | flow.Kinds);
        }

        return builder.Count == Flows.Length && SameAs(builder) ? this : new TaintValue(builder.ToImmutable());
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
        var builder = ImmutableArray.CreateBuilder<TaintFlow>(Flows.Length);
        foreach (var flow in Flows)
        {
            if (flow.Kinds == 0)
                continue;
            var origin = flow.Origin.Below(suffix);
            var index = IndexOf(builder, origin);
            if (index < 0)
                builder.Add(new TaintFlow(origin, flow.Kinds));
            else
                builder[index] = new TaintFlow(origin, builder[index].Kinds | flow.Kinds);
        }

        return builder.Count == 0 ? Clean : new TaintValue(builder.ToImmutable());
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
            var covered = false;
            foreach (var mine in Flows)
            {
                if ((flow.Kinds & ~mine.Kinds) == 0 && IsBelow(mine.Origin, flow.Origin, suffix))
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
                return false;
        }

        return true;
    }

    private static bool IsBelow(TaintOrigin below, TaintOrigin origin, AccessPath suffix) =>
        !origin.IsParameter || suffix.IsEmpty
            ? below.Equals(origin)
            : below.ParameterOrdinal == origin.ParameterOrdinal && below.Path.IsConcatOf(origin.Path, suffix);

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

    private bool SameAs(ImmutableArray<TaintFlow>.Builder builder)
    {
        for (var i = 0; i < Flows.Length; i++)
        {
            if (!Flows[i].Equals(builder[i]))
                return false;
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<TaintFlow> flows, TaintOrigin origin)
    {
        for (var i = 0; i < flows.Count; i++)
        {
            if (flows[i].Origin.Equals(origin))
                return i;
        }

        return -1;
    }
}
