using System;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// A set of syntax trees by their position in the compilation's list of trees: the files whose code a summary or an
/// analysis read, directly or through the summaries it used. <see cref="Unbounded"/> stands for "files outside this
/// compilation too", which no later compilation can vouch for.
/// </summary>
internal sealed class TreeSet
{
    public static readonly TreeSet Empty = new(Array.Empty<ulong>(), unbounded: false);

    public static readonly TreeSet Unbounded = new(Array.Empty<ulong>(), unbounded: true);

    private readonly ulong[] _bits;

    private TreeSet(ulong[] bits, bool unbounded)
    {
        _bits = bits;
        IsUnbounded = unbounded;
    }

    public bool IsUnbounded { get; }

    public bool Overlaps(TreeSet other)
    {
        if (IsUnbounded || other.IsUnbounded)
            return true;
        var length = Math.Min(_bits.Length, other._bits.Length);
        for (var i = 0; i < length; i++)
        {
            if ((_bits[i] & other._bits[i]) != 0)
                return true;
        }

        return false;
    }

    public bool Contains(int ordinal) => IsUnbounded || ordinal >> 6 < _bits.Length && (_bits[ordinal >> 6] & (1UL << (ordinal & 63))) != 0;

    /// <summary>A set being gathered: not thread-safe, frozen with <see cref="ToSet"/>.</summary>
    public sealed class Builder
    {
        private ulong[] _bits = Array.Empty<ulong>();
        private bool _unbounded;
        private bool _any;

        public void Add(int ordinal)
        {
            if (ordinal < 0)
            {
                _unbounded = true;
                return;
            }

            var word = ordinal >> 6;
            if (word >= _bits.Length)
                Array.Resize(ref _bits, word + 1);
            _bits[word] |= 1UL << (ordinal & 63);
            _any = true;
        }

        public void UnionWith(TreeSet set)
        {
            if (set.IsUnbounded)
            {
                _unbounded = true;
                return;
            }

            if (set._bits.Length > _bits.Length)
                Array.Resize(ref _bits, set._bits.Length);
            for (var i = 0; i < set._bits.Length; i++)
                _bits[i] |= set._bits[i];
            _any |= set._bits.Length > 0;
        }

        public TreeSet ToSet() => _unbounded ? Unbounded : _any ? new TreeSet((ulong[])_bits.Clone(), unbounded: false) : Empty;
    }
}
