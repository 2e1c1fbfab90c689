using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Tainted data reaching a sink: at <see cref="Location"/> (the sink itself, or the call that leads to one inside
/// <see cref="Via"/>, whose sink is at <see cref="InnerSinkLocation"/>), with the methods and calls it went through.
/// </summary>
internal sealed class SinkHit
{
    public SinkHit(ulong kinds, TaintOrigin origin, Location location, string sinkDescription, string? via, Location? innerSinkLocation,
        ImmutableArray<string> path = default, ImmutableArray<Location> calls = default)
    {
        Kinds = kinds;
        Origin = origin;
        Location = location;
        SinkDescription = sinkDescription;
        Via = via;
        InnerSinkLocation = innerSinkLocation;
        Path = path.IsDefault ? ImmutableArray<string>.Empty : path;
        Calls = calls.IsDefault ? ImmutableArray<Location>.Empty : calls;
    }

    public ulong Kinds { get; }

    public TaintOrigin Origin { get; }

    public Location Location { get; }

    public string SinkDescription { get; }

    public string? Via { get; }

    public Location? InnerSinkLocation { get; }

    /// <summary>Where the sink is: inside the called helper, or here.</summary>
    public Location SinkLocation => InnerSinkLocation ?? Location;

    /// <summary>
    /// The methods the value went through, from the one whose code read it (or received it as a handler's
    /// parameter) to the one holding the sink, as messages name them (<c>OrdersController.Get</c>).
    /// </summary>
    public ImmutableArray<string> Path { get; }

    /// <summary>The calls along <see cref="Path"/>, one per step down (none when the sink is where the value was read).</summary>
    public ImmutableArray<Location> Calls { get; }

    /// <summary>How a path step names a method: its type and name (a property's name for an accessor, the type for a constructor).</summary>
    public static string StepName(IMethodSymbol? method) => method switch
    {
        null => "",
        { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName } => "top-level statements",
        { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } => method.ContainingType.Name,
        { AssociatedSymbol: { } property } => $"{method.ContainingType.Name}.{property.Name}",
        _ => $"{method.ContainingType?.Name}.{method.Name}",
    };
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
