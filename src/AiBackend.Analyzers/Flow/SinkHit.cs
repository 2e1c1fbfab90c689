using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Tainted data reaching a sink: at <see cref="Location"/> (the sink itself, or the call that leads to one inside
/// <see cref="Via"/>, whose sink is at <see cref="InnerSinkLocation"/>).
/// </summary>
internal sealed class SinkHit
{
    public SinkHit(ulong kinds, TaintOrigin origin, Location location, string sinkDescription, string? via, Location? innerSinkLocation)
    {
        Kinds = kinds;
        Origin = origin;
        Location = location;
        SinkDescription = sinkDescription;
        Via = via;
        InnerSinkLocation = innerSinkLocation;
    }

    public ulong Kinds { get; }

    public TaintOrigin Origin { get; }

    public Location Location { get; }

    public string SinkDescription { get; }

    public string? Via { get; }

    public Location? InnerSinkLocation { get; }
}

/// <summary>
/// Collects hits once each (a block may be visited several times before the analysis settles), and the calls to
/// services out of view a summary written into the assembly records.
/// </summary>
internal sealed class HitCollector
{
    private readonly List<SinkHit> _hits = new();
    private readonly HashSet<string> _seen = new();
    private readonly List<SummaryCall> _pending = new();
    private readonly Dictionary<string, int> _pendingIndex = new();

    public IReadOnlyList<SinkHit> Hits => _hits;

    public IReadOnlyList<SummaryCall> Pending => _pending;

    /// <summary>
    /// One call per call site and target: a block evaluated again (or a second call of the same callee there) joins
    /// its arguments into what was recorded.
    /// </summary>
    public void AddPending(SummaryCall call, Location site)
    {
        var key = $"{site.SourceTree?.FilePath}:{site.SourceSpan.Start}:{call.TargetId}";
        if (!_pendingIndex.TryGetValue(key, out var index))
        {
            _pendingIndex.Add(key, _pending.Count);
            _pending.Add(call);
            return;
        }

        var known = _pending[index];
        var ordinals = known.Arguments.Select(a => a.Ordinal).Union(call.Arguments.Select(a => a.Ordinal));
        _pending[index] = new SummaryCall(known.TargetId, known.Via, ordinals
            .Select(o => new SummaryArgument(o, known.ArgumentAt(o).Union(call.ArgumentAt(o))))
            .ToImmutableArray());
    }

    public void Add(SinkHit hit)
    {
        var span = hit.Location.SourceSpan;
        var originSpan = hit.Origin.Location.SourceSpan;
        var key = $"{hit.Location.SourceTree?.FilePath}:{span.Start}:{span.Length}:{hit.Kinds}:{hit.Origin.ParameterOrdinal}:{hit.Origin.Description}:{originSpan.Start}";
        if (_seen.Add(key))
            _hits.Add(hit);
    }
}
