using System.Collections.Generic;
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

/// <summary>Collects hits once each (a block may be visited several times before the analysis settles).</summary>
internal sealed class HitCollector
{
    private readonly List<SinkHit> _hits = new();
    private readonly HashSet<string> _seen = new();

    public IReadOnlyList<SinkHit> Hits => _hits;

    public void Add(SinkHit hit)
    {
        var span = hit.Location.SourceSpan;
        var originSpan = hit.Origin.Location.SourceSpan;
        var key = $"{hit.Location.SourceTree?.FilePath}:{span.Start}:{span.Length}:{hit.Kinds}:{hit.Origin.ParameterOrdinal}:{hit.Origin.Description}:{originSpan.Start}";
        if (_seen.Add(key))
            _hits.Add(hit);
    }
}
