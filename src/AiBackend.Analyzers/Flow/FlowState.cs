using System.Collections.Generic;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Taint of every tracked key at one program point. Absent keys are clean. Joining is a union, so the analysis
/// answers "may this value carry request data here?" over all paths.
/// </summary>
internal sealed class FlowState
{
    private readonly Dictionary<FlowKey, TaintValue> _values;

    public FlowState()
        : this(new Dictionary<FlowKey, TaintValue>())
    {
    }

    private FlowState(Dictionary<FlowKey, TaintValue> values) => _values = values;

    public IEnumerable<KeyValuePair<FlowKey, TaintValue>> Entries => _values;

    public FlowState Clone() => new(new Dictionary<FlowKey, TaintValue>(_values));

    public bool TryGet(FlowKey key, out TaintValue value) => _values.TryGetValue(key, out value!);

    public TaintValue Get(FlowKey key) => _values.TryGetValue(key, out var value) ? value : TaintValue.Clean;

    /// <summary>Strong update: the key holds exactly this value now (also a clean one, which hides the root's taint).</summary>
    public void Set(FlowKey key, TaintValue value) => _values[key] = value;

    /// <summary>Weak update: the key may hold this value as well as what it held.</summary>
    public void Add(FlowKey key, TaintValue value)
    {
        if (value.IsClean)
            return;
        _values[key] = Get(key).Union(value);
    }

    /// <summary>Forgets the members tracked under a root that is being reassigned as a whole.</summary>
    public void RemoveMembersOf(object root)
    {
        List<FlowKey>? stale = null;
        foreach (var key in _values.Keys)
        {
            if ((key.Member is not null || key.IsContents) && key.WholeRoot.Equals(FlowKey.For(root)))
                (stale ??= new List<FlowKey>()).Add(key);
        }

        if (stale is null)
            return;
        foreach (var key in stale)
            _values.Remove(key);
    }

    /// <summary>Joins <paramref name="other"/> into this state; true if anything changed.</summary>
    public bool JoinWith(FlowState other)
    {
        var changed = false;
        foreach (var pair in other._values)
        {
            if (_values.TryGetValue(pair.Key, out var existing))
            {
                var joined = existing.Union(pair.Value);
                if (!joined.Equals(existing))
                {
                    _values[pair.Key] = joined;
                    changed = true;
                }
            }
            else
            {
                // A key absent here is clean on this path, but a member key also stands for "hides the root":
                // keep the root's view by joining in the root taint when a path never set the member.
                _values[pair.Key] = pair.Value.Union(pair.Key.Member is null ? TaintValue.Clean : Get(pair.Key.WholeRoot));
                changed = true;
            }
        }

        // The mirror case: a member set only on this side is the other side's root taint there.
        List<KeyValuePair<FlowKey, TaintValue>>? widened = null;
        foreach (var pair in _values)
        {
            if (pair.Key.Member is null || other._values.ContainsKey(pair.Key))
                continue;
            var joined = pair.Value.Union(other.Get(pair.Key.WholeRoot));
            if (!joined.Equals(pair.Value))
                (widened ??= new List<KeyValuePair<FlowKey, TaintValue>>()).Add(new KeyValuePair<FlowKey, TaintValue>(pair.Key, joined));
        }

        if (widened is not null)
        {
            foreach (var pair in widened)
                _values[pair.Key] = pair.Value;
            changed = true;
        }

        return changed;
    }
}
