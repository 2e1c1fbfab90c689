using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// The taint engine of one compilation: runs the forward analysis over a body's control-flow graph and owns the
/// cache of method summaries, so each helper is summarised once however many bodies call it.
/// </summary>
internal sealed class TaintEngine
{
    /// <summary>
    /// How many frames deep (the analysed body, then calls, lambdas and local functions) the analysis follows; deeper
    /// calls propagate arguments to the result, no sinks. Recursion through other methods is unrolled until this
    /// limit: bounding it by depth alone keeps every summary a function of its method and the depth left.
    /// </summary>
    public const int MaxCallDepth = 6;

    private readonly Compilation _compilation;
    private readonly SummaryCache _summaries = new();
    private readonly SourceImplementations _implementations;
    private readonly ReferencedSummaries _referenced;
    private readonly bool _followsReferencedCompilations;
    private readonly AnalysisGeneration? _generation;

    /// <param name="recordsPendingCalls">
    /// True for the engine whose summaries are written into the assembly (<see cref="Injection.FlowSummaryGenerator"/>):
    /// calls to services out of view are kept in them, for the projects that see the implementations.
    /// </param>
    /// <param name="scope">
    /// Tells apart two engines of one compilation under the same policy (the Razor views' and the code's), so each
    /// takes over its own results from the previous compilation.
    /// </param>
    public TaintEngine(Compilation compilation, TaintPolicy policy, bool recordsPendingCalls = false, string scope = "")
    {
        _compilation = compilation;
        // Referenced projects' source is read only for a policy whose summaries also travel with assemblies, so an
        // IDE (project references are compilations) and a build (they are assemblies) see the same calls. Summaries
        // written into the assembly are for builds: they see referenced projects as a build does.
        _followsReferencedCompilations = policy.SummaryName is not null && !recordsPendingCalls;
        _implementations = new SourceImplementations(compilation, _followsReferencedCompilations);
        _referenced = new ReferencedSummaries(compilation, policy.SummaryName);
        Policy = policy;
        RecordsPendingCalls = recordsPendingCalls;

        // Results carry over to the next compilation only where they are a function of this compilation's own files:
        // not when referenced projects' source is read, nor for summaries written into the assembly.
        _generation = _followsReferencedCompilations || recordsPendingCalls ? null : AnalysisGeneration.Start(compilation, policy.ReuseKey is { } key ? scope + "\n" + key : null);
    }

    /// <summary>This compilation's results, for the next compilation of the project; null where none carry over.</summary>
    public AnalysisGeneration? Generation => _generation;

    public TaintPolicy Policy { get; }

    public bool RecordsPendingCalls { get; }

    /// <summary>Analyzes one body whose own code may read request data; returns the hits from real sources.</summary>
    public IReadOnlyList<SinkHit> AnalyzeBody(ControlFlowGraph graph, IMethodSymbol? owner, CancellationToken cancellationToken) =>
        AnalyzeBody(graph, owner, cancellationToken, out _);

    /// <summary>
    /// <see cref="AnalyzeBody(ControlFlowGraph, IMethodSymbol?, CancellationToken)"/>, with the files the analysis read:
    /// the body's own and those of every summary it used.
    /// </summary>
    public IReadOnlyList<SinkHit> AnalyzeBody(ControlFlowGraph graph, IMethodSymbol? owner, CancellationToken cancellationToken, out TreeSet reads)
    {
        var entry = new FlowState();
        if (owner is not null && Policy.IsHandlerMethod(owner, out var route))
        {
            foreach (var parameter in owner.Parameters)
            {
                if (Policy.GetParameterSource(parameter, route) is { } source)
                    entry.Set(FlowKey.For(parameter), source);
            }
        }

        var hits = new HitCollector();
        var callStack = CallStack.ForBody(owner is null ? null : Canonical(owner));
        callStack.Reach.Read(OrdinalOf(graph.OriginalOperation.Syntax.SyntaxTree));
        new FlowRun(this, graph, hits, callStack, cancellationToken).Execute(entry);
        reads = callStack.Reach.Reads;
        return hits.Hits.Where(h => !h.Origin.IsParameter).ToList();
    }

    /// <summary>
    /// The summary of a call target with a body in this compilation (for interface and abstract members: the union of
    /// their implementations'), or null when there is none, the method calls itself, or the call chain is too deep.
    /// </summary>
    public MethodSummary? GetSummary(IMethodSymbol method, CallStack caller, CancellationToken cancellationToken)
    {
        method = Canonical(method);

        // Direct self-recursion is cut inside the method's own computation, so its summary stays the same everywhere.
        if (SymbolEqualityComparer.Default.Equals(method, caller.Method) || !caller.CanEnter)
            return null;

        var budget = MaxCallDepth - caller.Depth;
        var computed = _summaries.Find(method, budget) ?? TakeOver(method, budget);
        if (computed is null)
        {
            computed = Compute(method, caller.Depth, cancellationToken);
            _summaries.Store(method, budget, computed);
            if (_generation?.KeyOf(method) is { } declaration)
                _generation.Keep(computed.Cut ? budget : CompleteSummary, declaration, computed, computed.Reads);
        }

        caller.Reach.Used(caller.Depth, computed);
        return computed.Summary;
    }

    /// <summary>The kind under which a summary the depth limit did not cut is kept (cut ones: under their budget).</summary>
    private const int CompleteSummary = MaxCallDepth + 1;

    /// <summary>The previous compilation's summary of the method for this budget, when it read no edited file.</summary>
    private ComputedSummary? TakeOver(IMethodSymbol method, int budget)
    {
        if (_generation?.KeyOf(method) is not { } declaration)
            return null;
        if (_generation.TryTakeOver(CompleteSummary, declaration, out var complete, out _) && complete is ComputedSummary { Levels: var levels } whole && levels <= budget)
        {
            _summaries.Store(method, budget, whole);
            return whole;
        }

        if (!_generation.TryTakeOver(budget, declaration, out var cut, out _) || cut is not ComputedSummary forBudget)
            return null;
        _summaries.Store(method, budget, forBudget);
        return forBudget;
    }

    /// <summary>A tree's position in the compilation, for the files a result read; -1 for another compilation's.</summary>
    private int OrdinalOf(SyntaxTree tree) => _generation?.OrdinalOf(tree) ?? -1;

    /// <summary>
    /// A call to an app's or a library's service through an interface or abstract member whose implementation is not
    /// in view (a repository, a cache, an image processor registered elsewhere): what it returns is the service's own
    /// data, looked up or produced with the arguments, not the arguments handed back. Assuming otherwise made every
    /// entity read by a route id "request data". Framework interfaces (collections, enumerators) and members whose
    /// result is a type parameter (mappers, mediators, converters shape their result from their input) keep passing
    /// their arguments on; implementations in view are summarised instead.
    /// </summary>
    public bool IsServiceOutOfView(IMethodSymbol method)
    {
        method = Canonical(method);
        if (method.ContainingType is not { } owner || !(method.IsAbstract || owner.TypeKind == TypeKind.Interface))
            return false;
        return !IsFrameworkNamespace(owner.ContainingNamespace)
            && !MentionsTypeParameter(method.ReturnType)
            && _implementations.Of(method).IsEmpty
            && _referenced.ImplementationsOf(method).Count == 0;
    }

    /// <summary>
    /// The summaries of the mediator handlers a Send/Publish call dispatches to (<see cref="MediatorDispatch"/>): those
    /// in view and those referenced assemblies carry; empty for any other call.
    /// </summary>
    public IReadOnlyList<MethodSummary> DispatchSummaries(IInvocationOperation invocation, CallStack caller, CancellationToken cancellationToken)
    {
        if (!MediatorDispatch.IsDispatch(invocation, out _, out var requestType))
            return System.Array.Empty<MethodSummary>();
        var summaries = new List<MethodSummary>();
        foreach (var handler in _implementations.HandlersOf(requestType))
        {
            if (GetSummary(handler, caller, cancellationToken) is { } summary)
                summaries.Add(summary);
        }

        // A handler from a referenced assembly stands where the call is, as one in view would.
        if (caller.CanEnter)
        {
            foreach (var exported in _referenced.HandlersOf(requestType))
                summaries.Add(Resolve(exported.Summary, null, caller.Depth, caller.Reach, cancellationToken));
        }

        return summaries;
    }

    /// <summary>
    /// A quick summary of a method that follows calls only <paramref name="frames"/> frames deep, its own included
    /// (calls below carry their arguments to their results). Coarser than what a handler's analysis computes, and far
    /// cheaper where calls go deep.
    /// </summary>
    public MethodSummary? GetShallowSummary(IMethodSymbol method, int frames, CancellationToken cancellationToken) =>
        GetSummary(method, CallStack.WithFramesLeft(System.Math.Min(frames, MaxCallDepth - 1)), cancellationToken);

    /// <summary>
    /// Whether a call whose target is <paramref name="target"/> may run <paramref name="method"/> (canonical) the way
    /// the analysis follows calls: the method itself, an implementation of an interface or abstract member (summaries
    /// of those are their implementations'), or an override of a virtual one (a receiver created in view runs it).
    /// </summary>
    public bool MayRun(IMethodSymbol target, IMethodSymbol method)
    {
        target = Canonical(target);
        if (SymbolEqualityComparer.Default.Equals(target, method))
            return true;
        if (target.IsAbstract || target.ContainingType?.TypeKind == TypeKind.Interface)
            return _implementations.Of(target).Any(m => SymbolEqualityComparer.Default.Equals(Canonical(m), method));
        return (target.IsVirtual || target.IsOverride) && SourceImplementations.Overrides(method, target);
    }

    /// <summary>Whether a mediator Send/Publish of <paramref name="requestType"/> hands it to <paramref name="method"/> (a handler's Handle, canonical).</summary>
    public bool DispatchesTo(INamedTypeSymbol requestType, IMethodSymbol method) =>
        _implementations.HandlersOf(requestType).Any(m => SymbolEqualityComparer.Default.Equals(Canonical(m), method));

    /// <summary>The types declared in the source this engine reads, collected once per compilation.</summary>
    public ImmutableArray<INamedTypeSymbol> SourceTypes() => _implementations.SourceTypes();

    /// <summary>Whether a referenced assembly carries a summary of the method or of an implementation of it.</summary>
    public bool HasReferencedSummary(IMethodSymbol method)
    {
        method = Canonical(method);
        return _referenced.Of(method) is not null || _referenced.ImplementationsOf(method).Count > 0;
    }

    /// <summary>The documentation id a summary is written and looked up by.</summary>
    public static string? SummaryId(IMethodSymbol method) => DocumentationCommentId.CreateDeclarationId(Canonical(method));

    private static bool IsFrameworkNamespace(INamespaceSymbol? ns)
    {
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            ns = ns.ContainingNamespace;
        return ns?.Name is "System" or "Microsoft";
    }

    private static bool MentionsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => MentionsTypeParameter(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(MentionsTypeParameter),
        _ => false,
    };

    internal static IMethodSymbol Canonical(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        return method.PartialImplementationPart ?? method.OriginalDefinition;
    }

    /// <summary>
    /// Summarises <paramref name="method"/> below a caller at <paramref name="callerDepth"/>. Only the depth left
    /// reaches the computation, never the caller's frames, which is what makes the result cacheable.
    /// </summary>
    private ComputedSummary Compute(IMethodSymbol method, int callerDepth, CancellationToken cancellationToken)
    {
        var reach = new CallReach(callerDepth);
        // The declaration's own file: a summary is found again by where its method is declared. A method of a
        // referenced project is a declaration of that reference; its body is read only when referenced projects'
        // source is, and then nothing carries over.
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (OrdinalOf(reference.SyntaxTree) is >= 0 and var ordinal)
                reach.Read(ordinal);
        }
        MethodSummary? summary;
        if (method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface)
        {
            // The implementations stand where the call is: at the caller's depth, and no frame of their own.
            var atCall = CallStack.ForSummary(method, callerDepth - 1, reach);
            var parts = _implementations.Of(method)
                .Select(m => GetSummary(m, atCall, cancellationToken))
                .Where(s => s is not null)
                .Select(s => s!)
                .ToList();
            parts.AddRange(_referenced.ImplementationsOf(method).Select(e => Resolve(e.Summary, null, callerDepth - 1, reach, cancellationToken)));
            summary = parts.Count == 0 ? null : MethodSummary.Union(parts);
        }
        else
        {
            summary = Summarize(method, CallStack.ForSummary(method, callerDepth, reach), cancellationToken)
                ?? (method.DeclaringSyntaxReferences.IsEmpty && _referenced.Of(method) is { } exported
                    ? Resolve(exported.Summary, method, callerDepth, reach, cancellationToken)
                    : null);
        }

        return new ComputedSummary(summary, reach.Levels, reach.Cut, reach.Reads);
    }

    private MethodSummary? Summarize(IMethodSymbol method, CallStack callStack, CancellationToken cancellationToken)
    {
        if (!SourceBodies.TryGet(method, _compilation, cancellationToken, out var declared, _followsReferencedCompilations))
            return null;

        var graph = declared switch
        {
            IMethodBodyOperation body when body.BlockBody is not null || body.ExpressionBody is not null => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
            // An expression-bodied property's getter (=> Request.Path) is a block of its own.
            IBlockOperation { Parent: null } block => ControlFlowGraph.Create(block, cancellationToken),
            _ => null,
        };
        if (graph is null)
            return method.MethodKind == MethodKind.Constructor && method.ContainingType.IsRecord ? PositionalRecordConstructor(method) : null;

        var entry = new FlowState();
        foreach (var parameter in method.Parameters)
            entry.Set(FlowKey.For(parameter), TaintValue.From(TaintOrigin.Parameter(parameter.Ordinal)));

        // A computed property stands for what it reads of its object. Other methods' receivers start clean, as
        // before summaries knew about them: seeding every instance method would make each call on a service field
        // look tainted and summarise most of the code base.
        if (method.MethodKind == MethodKind.PropertyGet && !method.IsStatic)
            entry.Set(FlowKey.For(FlowKey.This), TaintValue.From(TaintOrigin.Receiver()));

        // An ordinary instance method starts from what its class's mutable fields hold at the call (one method stores
        // a value in a field and calls another that reads it): each such field stands for "the receiver's field".
        // Readonly fields (injected services) are set once by the constructor and stay clean here.
        if (method.MethodKind == MethodKind.Ordinary && !method.IsStatic)
        {
            foreach (var field in MethodSummary.StateFields(method.ContainingType))
            {
                var path = AccessPath.Of(field);
                entry.Set(FlowKey.For(FlowKey.This).Member(field), TaintTree.Of(TaintValue.From(TaintOrigin.Receiver().Below(path))), strong: true);
            }
        }

        // Mutable static fields it reads hold what the caller left in them (set from a request just before the call).
        foreach (var field in MethodSummary.StaticStateRead(graph.OriginalOperation))
            entry.Set(FlowKey.For(field), TaintValue.From(TaintOrigin.StaticField(field)));

        var hits = new HitCollector();
        var run = new FlowRun(this, graph, hits, callStack, cancellationToken);
        run.Execute(entry);

        // A constructor returns the object it built.
        var returned = method.MethodKind == MethodKind.Constructor ? run.ExitState.TreeOf(FlowKey.This) : run.ReturnTree;
        return MethodSummary.Build(method, returned, hits, run.ExitState);
    }

    /// <summary>
    /// A summary a referenced assembly carries, finished here: its calls to services that were out of view where it
    /// was computed (an interface of that project implemented in one this compilation sees) become sinks of its own
    /// parameters wherever the implementations' summaries reach one. Calls still out of view stay pending. The summary
    /// runs in a frame of its own below a caller at <paramref name="callerDepth"/>, like a method in source.
    /// </summary>
    private MethodSummary Resolve(MethodSummary summary, IMethodSymbol? method, int callerDepth, CallReach reach, CancellationToken cancellationToken)
    {
        if (summary.Pending.IsEmpty)
            return summary;

        var frame = CallStack.ForSummary(method, callerDepth, reach);
        var sinks = summary.Sinks.ToBuilder();
        var pending = ImmutableArray.CreateBuilder<SummaryCall>();
        foreach (var call in summary.Pending)
        {
            var target = DocumentationCommentId.GetFirstSymbolForDeclarationId(call.TargetId, _compilation) as IMethodSymbol;
            var resolved = target is null ? null : GetSummary(target, frame, cancellationToken);
            if (resolved is null)
            {
                pending.Add(call);
                continue;
            }

            foreach (var sink in resolved.Sinks)
            {
                foreach (var flow in call.ArgumentAt(sink.Ordinal).WholeAt(sink.Path).Flows)
                {
                    if ((flow.Kinds & sink.Kinds) != 0 && flow.Origin.IsParameter)
                        sinks.Add(new SummarySink(flow.Origin.ParameterOrdinal, flow.Origin.Path, flow.Kinds & sink.Kinds, sink.Description, sink.Location));
                }
            }

            foreach (var inner in resolved.Pending)
            {
                pending.Add(new SummaryCall(inner.TargetId, inner.Via, inner.Arguments
                    .Select(a => new SummaryArgument(a.Ordinal, FlowRun.Instantiate(a.Tree, call.ArgumentAt)))
                    .ToImmutableArray()));
            }
        }

        return new MethodSummary(summary.Returned, sinks.ToImmutable(), summary.Effects, pending.ToImmutable());
    }

    /// <summary>
    /// <c>record Person(string Name, string Email)</c>: each parameter initialises the property of its name; one
    /// without such a property is kept by the object in some other way, so it taints the object as a whole.
    /// </summary>
    private static MethodSummary PositionalRecordConstructor(IMethodSymbol constructor)
    {
        var built = TaintTree.Clean;
        foreach (var parameter in constructor.Parameters)
        {
            var value = TaintValue.From(TaintOrigin.Parameter(parameter.Ordinal));
            var property = constructor.ContainingType.GetMembers(parameter.Name).OfType<IPropertySymbol>().FirstOrDefault();
            built = property is null ? built.With(AccessPath.Empty, value, strong: false) : built.With(AccessPath.Of(property), value, strong: false);
        }

        return new MethodSummary(built, ImmutableArray<SummarySink>.Empty, ImmutableArray<SummaryEffect>.Empty);
    }
}
