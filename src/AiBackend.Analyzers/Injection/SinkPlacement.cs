using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// Where <see cref="InjectionAnalyzer"/> reports a hit whose sink is inside a called helper: at the sink, once per sink
/// and rule, when the helper's body is analysed here (this compilation's source, not generated) and the hit's body is
/// among the helper's callers (<see cref="CallersReaching"/>); at the call otherwise (the sink is in a referenced
/// assembly, or reached by a way the caller index does not follow). The helper's own body gathers the hits: an IDE
/// that analyses only the open document runs the block actions of that document's methods, so the finding must come
/// from the helper's block, whichever documents its callers are in. Every answer is a function of the compilation,
/// computed once and shared by all threads, so where a hit lands does not depend on analysis order.
/// </summary>
internal sealed class SinkPlacement
{
    private readonly Compilation _compilation;
    private readonly TaintEngine _engine;
    private readonly CallerIndex _callers;
    private readonly ConcurrentDictionary<SyntaxTree, bool> _analysedFiles = new();
    private readonly ConcurrentDictionary<IMethodSymbol, Lazy<BodyFacts?>> _facts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Lazy<IReadOnlyList<SinkHit>>> _hits = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Lazy<ImmutableArray<IMethodSymbol>>> _reaching = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Lazy<bool>> _gathers = new(SymbolEqualityComparer.Default);

    public SinkPlacement(Compilation compilation, TaintEngine engine)
    {
        _compilation = compilation;
        _engine = engine;
        _callers = new CallerIndex(compilation, engine, tree => IsAnalysed(tree, CancellationToken.None));
    }

    public enum Place
    {
        /// <summary>The sink is in the analysed body itself.</summary>
        Here,

        /// <summary>The helper holding the sink reports it, with every caller's hits.</summary>
        AtHelperSink,

        /// <summary>Reported at the call that leads to the sink, as the caller's finding.</summary>
        AtCall,
    }

    /// <summary>The body's hits, analysed once per compilation whether its own block or a helper's asks first.</summary>
    public IReadOnlyList<SinkHit> HitsOf(IMethodSymbol owner, Func<ControlFlowGraph?> graph, CancellationToken cancellationToken) =>
        OnceCache.Get(_hits, TaintEngine.Canonical(owner), () => CarriedOver(BodyHits, owner, () =>
        {
            if (graph() is not { } built)
                return (System.Array.Empty<SinkHit>(), TreeSet.Unbounded);
            IReadOnlyList<SinkHit> hits = _engine.AnalyzeBody(built, owner, cancellationToken, out var reads);
            return (hits, reads);
        }), cancellationToken);

    /// <summary>Where a hit found in <paramref name="owner"/>'s body is reported.</summary>
    public Place PlaceOf(SinkHit hit, IMethodSymbol owner, CancellationToken cancellationToken)
    {
        owner = TaintEngine.Canonical(owner);
        var helper = OwnerOf(hit.SinkLocation, cancellationToken);
        if (helper is null)
            return Place.AtCall;
        if (SymbolEqualityComparer.Default.Equals(helper, owner))
            return Place.Here;
        return GathersCallers(helper, cancellationToken) && Facts(owner, cancellationToken) is { MaySeeRequestData: true }
            && CallersReaching(helper, cancellationToken).Contains(owner, SymbolEqualityComparer.Default)
            ? Place.AtHelperSink
            : Place.AtCall;
    }

    /// <summary>
    /// The hits whose sink is in <paramref name="helper"/>'s body, of the callers that may see request data, in the
    /// callers' order: exactly those <see cref="PlaceOf"/> sends to the helper.
    /// </summary>
    public IEnumerable<SinkHit> CallerHitsInto(IMethodSymbol helper, CancellationToken cancellationToken)
    {
        helper = TaintEngine.Canonical(helper);
        if (!GathersCallers(helper, cancellationToken))
            yield break;
        foreach (var caller in CallersReaching(helper, cancellationToken))
        {
            // The caller's body is bound only when its hits are not carried over from the previous compilation.
            if (Facts(caller, cancellationToken) is not { MaySeeRequestData: true })
                continue;
            foreach (var hit in HitsOf(caller, () => TryGetBody(caller, cancellationToken, out var body) ? GraphOf(body, cancellationToken) : null, cancellationToken))
            {
                if (SymbolEqualityComparer.Default.Equals(OwnerOf(hit.SinkLocation, cancellationToken), helper))
                    yield return hit;
            }
        }
    }

    /// <summary>
    /// A helper analysed here gathers its callers' hits when what a caller passes may reach one of its own sinks (its
    /// quick summary says so) and a caller within reach may see request data. A body whose sinks take only constants or
    /// its own data looks for no callers. Both sides ask this same question, so a hit is reported exactly once. The
    /// call graph is asked first: in a library with no handler every body with a sink (a path, a process, a regex) would
    /// otherwise be summarised for nothing (MediaBrowser.MediaEncoding: half the analyzer's time), and in an app the
    /// climb stops at the first caller that sees request data and is reused by <see cref="CallersReaching"/>.
    /// </summary>
    private bool GathersCallers(IMethodSymbol helper, CancellationToken cancellationToken) =>
        Facts(helper, cancellationToken) is { HasSinks: true }
        && OnceCache.Get(_gathers, helper, () => RequestDataMayArrive(helper, cancellationToken) && PassesOnTo(helper, helper, 0, cancellationToken), cancellationToken);

    /// <summary>
    /// Whether any caller within the engine's call depth may see request data: the call graph alone, before any
    /// summary is computed. A library with no handler, or a helper only jobs and startup code call, stops here.
    /// </summary>
    private bool RequestDataMayArrive(IMethodSymbol helper, CancellationToken cancellationToken) =>
        Climb(helper, (_, _) => true, cancellationToken).Any(caller => Facts(caller, cancellationToken) is { MaySeeRequestData: true });

    /// <summary>
    /// The methods that may pass data into a sink of <paramref name="helper"/>: its callers, and theirs up to the
    /// engine's call depth through those whose quick summary reaches a sink in the helper (a caller that passes only
    /// constants ends the climb). The summary is asked only of a caller that has callers: it binds the caller and what
    /// it calls, and most callers of a helper with a sink are request handlers, which nothing here calls.
    /// </summary>
    private ImmutableArray<IMethodSymbol> CallersReaching(IMethodSymbol helper, CancellationToken cancellationToken) =>
        OnceCache.Get(_reaching, helper, () =>
            Climb(helper, (caller, level) => !_callers.CallersOf(caller, cancellationToken).IsEmpty && PassesOnTo(caller, helper, level + 1, cancellationToken), cancellationToken).ToImmutableArray(), cancellationToken);

    /// <summary>
    /// The callers of <paramref name="helper"/>, then theirs, up to the engine's call depth, each once: breadth first,
    /// each level in <see cref="CallerIndex"/> order. The climb goes on above a caller only when
    /// <paramref name="climbsThrough"/> says so (given the caller and its level, 0 for direct callers; not asked on the
    /// last level). Lazy, so a question answered by the first callers binds no more.
    /// </summary>
    private IEnumerable<IMethodSymbol> Climb(IMethodSymbol helper, Func<IMethodSymbol, int, bool> climbsThrough, CancellationToken cancellationToken)
    {
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { helper };
        var frontier = new List<IMethodSymbol> { helper };
        for (var level = 0; level < TaintEngine.MaxCallDepth && frontier.Count > 0; level++)
        {
            var next = new List<IMethodSymbol>();
            foreach (var callee in frontier)
            {
                foreach (var caller in _callers.CallersOf(callee, cancellationToken))
                {
                    if (!seen.Add(caller))
                        continue;
                    yield return caller;
                    if (level + 1 < TaintEngine.MaxCallDepth && climbsThrough(caller, level))
                        next.Add(caller);
                }
            }

            frontier = next;
        }
    }

    /// <summary>
    /// Whether what a caller of <paramref name="method"/> passes it may reach a sink in <paramref name="helper"/>'s
    /// body, <paramref name="callsDown"/> calls below it, by a summary that follows calls just that deep (the helper's
    /// own: one frame more, for its lambdas). Only where findings land depends on it: a hit it misses is reported at
    /// the call by the caller's own block.
    /// </summary>
    private bool PassesOnTo(IMethodSymbol method, IMethodSymbol helper, int callsDown, CancellationToken cancellationToken) =>
        _engine.GetShallowSummary(method, System.Math.Max(callsDown + 1, 2), cancellationToken) is { } summary
        && summary.Sinks.Any(s => SymbolEqualityComparer.Default.Equals(OwnerOf(s.Location, cancellationToken), helper));

    /// <summary>The facts of a method whose body is analysed here; null for any other.</summary>
    private BodyFacts? Facts(IMethodSymbol method, CancellationToken cancellationToken) =>
        OnceCache.Get(_facts, method, () => CarriedOver(FactsOfBody, method, () =>
        {
            var facts = TryGetBody(method, cancellationToken, out var body) ? BodyFacts.Of(body, method, _engine.Policy) : (BodyFacts?)null;
            return (facts, _engine.Generation?.DeclarationOf(method) ?? TreeSet.Unbounded);
        }), cancellationToken);

    /// <summary>The kinds under which a body's hits and facts are carried over to the next compilation.</summary>
    private const int BodyHits = 100;
    private const int FactsOfBody = 101;

    /// <summary>A result the previous compilation computed from files unchanged since, or computed here (<see cref="AnalysisGeneration"/>).</summary>
    private T CarriedOver<T>(int kind, IMethodSymbol method, Func<(T Value, TreeSet Reads)> compute) =>
        _engine.Generation is { } generation ? generation.GetOrCompute(kind, TaintEngine.Canonical(method), compute) : compute().Value;

    /// <summary>
    /// The method whose body holds a location in this compilation's analysed source (past lambdas and local
    /// functions); null elsewhere: a referenced assembly or project, generated code, outside any body.
    /// </summary>
    private IMethodSymbol? OwnerOf(Location location, CancellationToken cancellationToken)
    {
        if (location.SourceTree is not { } tree || !_compilation.ContainsSyntaxTree(tree) || !IsAnalysed(tree, cancellationToken))
            return null;
#pragma warning disable RS1030 // The sink may be in another tree than the one being analysed.
        var owner = CallerIndex.OwnerAt(_compilation.GetSemanticModel(tree), location.SourceSpan.Start, cancellationToken);
#pragma warning restore RS1030
        return owner is null || GeneratedSource.IsGenerated(owner) ? null : owner;
    }

    /// <summary>The body the block action of a method analysed here gets (the root BodyBlocks hands on).</summary>
    private bool TryGetBody(IMethodSymbol method, CancellationToken cancellationToken, out IOperation body)
    {
        body = null!;
        if (!SourceBodies.TryGet(method, _compilation, cancellationToken, out var declared) || declared is null
            || !IsAnalysed(declared.Syntax.SyntaxTree, cancellationToken) || GeneratedSource.IsGenerated(method))
            return false;
        body = declared;
        return declared is IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation { Parent: null };
    }

    private static ControlFlowGraph GraphOf(IOperation body, CancellationToken cancellationToken) => body switch
    {
        IMethodBodyOperation method => ControlFlowGraph.Create(method, cancellationToken),
        IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
        _ => ControlFlowGraph.Create((IBlockOperation)body, cancellationToken),
    };

    private bool IsAnalysed(SyntaxTree tree, CancellationToken cancellationToken) =>
        _analysedFiles.GetOrAdd(tree, t => !GeneratedSource.IsGenerated(t, _compilation, cancellationToken));
}
