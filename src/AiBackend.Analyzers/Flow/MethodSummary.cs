using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// What a method does with its parameters, computed once per compilation, in terms of member paths of them
/// (<see cref="TaintOrigin.Path"/>): the return value as a <see cref="TaintTree"/> (for a constructor: the object
/// it builds) whose values are request data the method reads by itself or "parameter p's path M"; which parameter
/// paths reach which sinks; and what it stores into its parameters' members (<c>state.Request = request</c>).
/// </summary>
internal sealed class MethodSummary
{
    public MethodSummary(TaintTree returned, ImmutableArray<SummarySink> sinks, ImmutableArray<SummaryEffect> effects, ImmutableArray<SummaryCall> pending = default)
    {
        Returned = returned;
        Sinks = sinks;
        Effects = effects;
        Pending = pending.IsDefault ? ImmutableArray<SummaryCall>.Empty : pending;
    }

    public TaintTree Returned { get; }

    public ImmutableArray<SummarySink> Sinks { get; }

    public ImmutableArray<SummaryEffect> Effects { get; }

    /// <summary>
    /// Calls to services whose implementation was not in view where the summary was computed, with what the method
    /// passed them: recorded only for summaries written into the assembly (<see cref="TaintEngine.RecordsPendingCalls"/>),
    /// so a project that sees the implementation can finish the summary.
    /// </summary>
    public ImmutableArray<SummaryCall> Pending { get; }

    public static MethodSummary Build(IMethodSymbol method, TaintTree returned, HitCollector collected, FlowState exit)
    {
        var hits = collected.Hits;
        var sinks = ImmutableArray.CreateBuilder<SummarySink>();
        foreach (var hit in hits)
        {
            if (hit.Origin.IsParameter)
                sinks.Add(new SummarySink(hit.Origin.ParameterOrdinal, hit.Origin.Path, hit.Kinds, hit.SinkDescription, hit.SinkLocation, hit.Path, hit.Calls));
        }

        // Stores into members of the arguments. Only paths below a parameter: assigning the parameter itself does
        // not change the caller's variable (ref and out are handled at the call).
        var effects = ImmutableArray.CreateBuilder<SummaryEffect>();
        foreach (var parameter in method.Parameters)
        {
            var stored = TaintTree.Clean;
            foreach (var entry in exit.TreeOf(parameter).Entries)
            {
                if (!entry.Path.IsEmpty && !entry.Value.IsClean)
                    stored = stored.With(entry.Path, entry.Value, strong: false);
            }

            if (!stored.IsClean)
                effects.Add(new SummaryEffect(parameter.Ordinal, stored));
        }

        // Stores into the receiver's fields that a caller on the same object reads afterwards; a field left as it
        // came in is no effect.
        if (method.MethodKind == MethodKind.Ordinary && !method.IsStatic)
        {
            var stored = TaintTree.Clean;
            foreach (var entry in exit.TreeOf(FlowKey.This).Entries)
            {
                if (!entry.Path.IsEmpty && !entry.Value.IsClean && !IsUnchangedField(entry))
                    stored = stored.With(entry.Path, entry.Value, strong: false);
            }

            if (!stored.IsClean)
                effects.Add(new SummaryEffect(TaintOrigin.ReceiverOrdinal, stored));
        }

        return new MethodSummary(returned, sinks.ToImmutable(), effects.ToImmutable(), collected.Pending.ToImmutableArray());
    }

    /// <summary>
    /// The fields of <paramref name="type"/> that carry state from one of its methods to another: instance fields in
    /// source that any method may assign (not readonly, const or compiler-made) and whose type can hold request data.
    /// Interface- and delegate-typed fields are services and callbacks, not data.
    /// </summary>
    public static IEnumerable<IFieldSymbol> StateFields(INamedTypeSymbol? type)
    {
        if (type is null || type.DeclaringSyntaxReferences.Length == 0)
            yield break;
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsStatic: false, IsReadOnly: false, IsConst: false, IsImplicitlyDeclared: false } field
                && field.Type.TypeKind is not (TypeKind.Interface or TypeKind.Delegate)
                && !SafeTypes.IsSafe(field.Type))
                yield return field;
        }
    }

    /// <summary>
    /// The mutable static fields a body (its lambdas and local functions included) reads: declared in source, not
    /// readonly or const, of a type that can hold request data. A summary starts with each holding what the caller
    /// left in it.
    /// </summary>
    public static IEnumerable<IFieldSymbol> StaticStateRead(IOperation body)
    {
        var seen = new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            if (operation is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: false, IsConst: false, IsImplicitlyDeclared: false } field }
                && field.DeclaringSyntaxReferences.Length > 0
                && field.Type.TypeKind is not (TypeKind.Interface or TypeKind.Delegate)
                && !SafeTypes.IsSafe(field.Type)
                && seen.Add(field.OriginalDefinition))
                yield return field.OriginalDefinition;
        }
    }

    private static bool IsUnchangedField(TaintTree.Entry entry)
    {
        foreach (var flow in entry.Value.Flows)
        {
            if (flow.Origin.ParameterOrdinal != TaintOrigin.ReceiverOrdinal || !flow.Origin.Path.Equals(entry.Path))
                return false;
        }

        return true;
    }

    /// <summary>Joins the summaries of every implementation an interface or abstract call may reach.</summary>
    public static MethodSummary Union(IEnumerable<MethodSummary> summaries)
    {
        var returned = TaintTree.Clean;
        var sinks = ImmutableArray.CreateBuilder<SummarySink>();
        var effects = ImmutableArray.CreateBuilder<SummaryEffect>();
        var pending = ImmutableArray.CreateBuilder<SummaryCall>();
        foreach (var summary in summaries)
        {
            returned = returned.Union(summary.Returned);
            sinks.AddRange(summary.Sinks);
            effects.AddRange(summary.Effects);
            pending.AddRange(summary.Pending);
        }

        return new MethodSummary(returned, sinks.ToImmutable(), effects.ToImmutable(), pending.ToImmutable());
    }
}

/// <summary>
/// A parameter (<see cref="TaintOrigin.ReceiverOrdinal"/>: the receiver) of a summarised method whose member
/// <see cref="Path"/> (empty: the argument as a whole) reaches a sink of the given kinds at <see cref="Location"/>,
/// through the methods of <see cref="Through"/> and the calls of <see cref="Calls"/> (for messages; empty in summaries
/// read from an assembly).
/// </summary>
internal sealed class SummarySink
{
    public SummarySink(int ordinal, AccessPath path, ulong kinds, string description, Location location,
        ImmutableArray<string> through = default, ImmutableArray<Location> calls = default)
    {
        Ordinal = ordinal;
        Path = path;
        Kinds = kinds;
        Description = description;
        Location = location;
        Through = through.IsDefault ? ImmutableArray<string>.Empty : through;
        Calls = calls.IsDefault ? ImmutableArray<Location>.Empty : calls;
    }

    public int Ordinal { get; }

    public AccessPath Path { get; }

    public ulong Kinds { get; }

    public string Description { get; }

    public Location Location { get; }

    /// <summary>The summarised method, then the methods below it down to the one holding the sink (<see cref="SinkHit.Path"/>).</summary>
    public ImmutableArray<string> Through { get; }

    /// <summary>The calls from the summarised method down to the sink's method (<see cref="SinkHit.Calls"/>).</summary>
    public ImmutableArray<Location> Calls { get; }
}

/// <summary>What a summarised method may store below one of its parameters (a tree without a value at its root).</summary>
internal sealed class SummaryEffect
{
    public SummaryEffect(int ordinal, TaintTree stored)
    {
        Ordinal = ordinal;
        Stored = stored;
    }

    public int Ordinal { get; }

    public TaintTree Stored { get; }
}

/// <summary>
/// A call to a service member out of view (<see cref="TargetId"/>: its documentation id) with the trees the
/// summarised method passed as its arguments, by parameter ordinal, in terms of the method's own parameters.
/// </summary>
internal sealed class SummaryCall
{
    public SummaryCall(string targetId, string via, ImmutableArray<SummaryArgument> arguments)
    {
        TargetId = targetId;
        Via = via;
        Arguments = arguments;
    }

    public string TargetId { get; }

    /// <summary>The called member's name, for messages.</summary>
    public string Via { get; }

    public ImmutableArray<SummaryArgument> Arguments { get; }

    public TaintTree ArgumentAt(int ordinal)
    {
        foreach (var argument in Arguments)
        {
            if (argument.Ordinal == ordinal)
                return argument.Tree;
        }

        return TaintTree.Clean;
    }
}

/// <summary>One argument of a <see cref="SummaryCall"/>.</summary>
internal sealed class SummaryArgument
{
    public SummaryArgument(int ordinal, TaintTree tree)
    {
        Ordinal = ordinal;
        Tree = tree;
    }

    public int Ordinal { get; }

    public TaintTree Tree { get; }
}
