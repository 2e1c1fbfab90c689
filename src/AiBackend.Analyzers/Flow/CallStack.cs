using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Where a flow run stands in the chain of calls the engine follows: how deep it is, which method it belongs to, and
/// which local functions it is inside. It carries only what a summary's result may depend on, so a summary is a
/// function of its method and the depth left, never of who asked first.
/// </summary>
internal sealed class CallStack
{
    private readonly ImmutableHashSet<IMethodSymbol> _localFunctions;

    private CallStack(int depth, IMethodSymbol? method, ImmutableHashSet<IMethodSymbol> localFunctions, CallReach reach)
    {
        Depth = depth;
        Method = method;
        _localFunctions = localFunctions;
        Reach = reach;
        reach.Entered(depth);
    }

    /// <summary>Frames from the analysed body (depth 1) down to this one, lambdas and local functions included.</summary>
    public int Depth { get; }

    /// <summary>The analysed body or summarised method whose code runs in this frame (also inside its lambdas).</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>How deep the summary (or body) this frame belongs to went, and whether the depth limit cut it.</summary>
    public CallReach Reach { get; }

    /// <summary>Room for one more frame; when there is none the current summary was cut by the depth limit.</summary>
    public bool CanEnter
    {
        get
        {
            if (Depth < TaintEngine.MaxCallDepth)
                return true;
            Reach.Cut = true;
            return false;
        }
    }

    public static CallStack ForBody(IMethodSymbol? owner) =>
        new(owner is null ? 0 : 1, owner, ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default), new CallReach(owner is null ? 0 : 1));

    /// <summary>
    /// A request handler's frame, as seen by a method it calls: a summary written into an assembly is computed from
    /// here, so a referencing project's handler sees as many frames below its call as a handler in the same project.
    /// </summary>
    public static CallStack ForHandlerCall() => new(1, null, ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default), new CallReach(1));

    /// <summary>
    /// A caller with only <paramref name="framesLeft"/> frames below it: a summary computed from here follows calls that
    /// little way (a quick, coarser look at what a method does with its arguments).
    /// </summary>
    public static CallStack WithFramesLeft(int framesLeft) =>
        new(TaintEngine.MaxCallDepth - framesLeft, null, ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default), new CallReach(TaintEngine.MaxCallDepth - framesLeft));

    /// <summary>
    /// The frame of a method being summarised below a caller at <paramref name="callerDepth"/>, with a reach of its
    /// own: nothing of the caller's frames is visible to it.
    /// </summary>
    public static CallStack ForSummary(IMethodSymbol? method, int callerDepth, CallReach reach) =>
        new(callerDepth + 1, method, ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default), reach);

    /// <summary>A lambda or local function run inline: one frame deeper, same method and reach.</summary>
    public CallStack Inline(IMethodSymbol function) =>
        new(Depth + 1, Method, function.MethodKind == MethodKind.LocalFunction ? _localFunctions.Add(function) : _localFunctions, Reach);

    /// <summary>A local function calling itself (directly or through another) inside the current method.</summary>
    public bool IsRunning(IMethodSymbol localFunction) => _localFunctions.Contains(localFunction);
}

/// <summary>
/// How deep one summary computation went below its caller, whether the depth limit cut any of it, and which files it
/// read (its own body's and those of every summary it used).
/// </summary>
internal sealed class CallReach
{
    private readonly TreeSet.Builder _reads = new();

    public CallReach(int baseDepth)
    {
        BaseDepth = baseDepth;
        Deepest = baseDepth;
    }

    public int BaseDepth { get; }

    public int Deepest { get; private set; }

    public bool Cut { get; set; }

    /// <summary>Frames below the caller this computation used; it gives the same result wherever that many are left.</summary>
    public int Levels => Deepest - BaseDepth;

    public TreeSet Reads => _reads.ToSet();

    /// <summary>A body in the tree at this position was read (-1: a tree of another compilation).</summary>
    public void Read(int treeOrdinal) => _reads.Add(treeOrdinal);

    public void Entered(int depth)
    {
        if (depth > Deepest)
            Deepest = depth;
    }

    /// <summary>A callee's summary, computed or cached, used by this computation from a frame at <paramref name="depth"/>.</summary>
    public void Used(int depth, ComputedSummary callee)
    {
        Entered(depth + callee.Levels);
        Cut |= callee.Cut;
        _reads.UnionWith(callee.Reads);
    }
}
