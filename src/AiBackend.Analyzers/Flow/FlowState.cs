using System.Collections.Generic;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Taint of every tracked root at one program point, member path by member path (<see cref="TaintTree"/>). Absent
/// roots are clean. Joining is a union, so the analysis answers "may this value carry request data here?" over all
/// paths. Trees are immutable, so a clone shares the dictionary until either side changes it: most clones (a block's
/// input, a branch's two sides) are read or joined into before, or instead of, being changed.
/// </summary>
internal sealed class FlowState
{
    private Dictionary<object, TaintTree> _roots;

    // The dictionary may be another state's too: copied before the first change.
    private bool _shared;

    public FlowState()
        : this(new Dictionary<object, TaintTree>(RootComparer.Instance))
    {
    }

    private FlowState(Dictionary<object, TaintTree> roots) => _roots = roots;

    public FlowState Clone()
    {
        _shared = true;
        return new FlowState(_roots) { _shared = true };
    }

    private Dictionary<object, TaintTree> Owned()
    {
        if (_shared)
        {
            _roots = new Dictionary<object, TaintTree>(_roots, RootComparer.Instance);
            _shared = false;
        }

        return _roots;
    }

    /// <summary>Every root holding taint, with its tree.</summary>
    public IEnumerable<KeyValuePair<object, TaintTree>> Roots => _roots;

    public TaintTree TreeOf(object root) => _roots.TryGetValue(root, out var tree) ? tree : TaintTree.Clean;

    /// <summary>The value at the key itself (what reading a member of it inherits).</summary>
    public TaintValue Get(FlowKey key) => TreeOf(key.Root).At(key.Path);

    /// <summary>The value at the key with everything stored below it (the object read as a whole).</summary>
    public TaintValue GetWhole(FlowKey key) => TreeOf(key.Root).WholeAt(key.Path);

    public TaintTree Subtree(FlowKey key) => TreeOf(key.Root).SubtreeAt(key.Path);

    /// <summary>Stores an object at the key: strong replaces what it held (and its members), weak adds to it.</summary>
    public void Set(FlowKey key, TaintTree value, bool strong)
    {
        if (strong && key.Path.IsEmpty)
        {
            if (value.Entries.Count > 0)
                Owned()[key.Root] = value;
            else if (_roots.ContainsKey(key.Root))
                Owned().Remove(key.Root);
            return;
        }

        if (!strong && value.IsClean)
            return;
        Owned()[key.Root] = TreeOf(key.Root).With(key.Path, value, strong);
    }

    /// <summary>Strong update: the key holds exactly this value now (also a clean one, which hides the root's taint).</summary>
    public void Set(FlowKey key, TaintValue value) => Set(key, TaintTree.Of(value), strong: true);

    /// <summary>Weak update: the key may hold this value as well as what it held.</summary>
    public void Add(FlowKey key, TaintValue value) => Set(key, TaintTree.Of(value), strong: false);

    /// <summary>The key and everything below it no longer carry the given kinds.</summary>
    public void Clean(FlowKey key, ulong kinds)
    {
        if (_roots.TryGetValue(key.Root, out var tree))
            Owned()[key.Root] = tree.Without(key.Path, kinds);
    }

    /// <summary>
    /// Joins <paramref name="other"/> into this state; true if anything changed. A root only this side tracks is clean
    /// on the other, so it keeps its tree.
    /// </summary>
    public bool JoinWith(FlowState other)
    {
        List<KeyValuePair<object, TaintTree>>? updates = null;
        foreach (var pair in other._roots)
        {
            var existing = TreeOf(pair.Key);
            var joined = existing.Union(pair.Value);
            if (!joined.SameAs(existing))
                (updates ??= new List<KeyValuePair<object, TaintTree>>()).Add(new KeyValuePair<object, TaintTree>(pair.Key, joined));
        }

        if (updates is null)
            return false;
        var roots = Owned();
        foreach (var pair in updates)
            roots[pair.Key] = pair.Value;
        return true;
    }
}
