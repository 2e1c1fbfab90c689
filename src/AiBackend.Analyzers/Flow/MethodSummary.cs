using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// What a method does with its parameters, computed once per compilation: which sink kinds of each parameter's
/// taint survive into the return value, which request data it returns by itself, and which sinks each parameter
/// reaches inside it (directly or through further calls).
/// </summary>
internal sealed class MethodSummary
{
    public MethodSummary(ImmutableArray<ulong> parameterToReturn, TaintValue returnSources, ImmutableArray<SummarySink> sinks)
    {
        ParameterToReturn = parameterToReturn;
        ReturnSources = returnSources;
        Sinks = sinks;
    }

    public ImmutableArray<ulong> ParameterToReturn { get; }

    public TaintValue ReturnSources { get; }

    public ImmutableArray<SummarySink> Sinks { get; }

    public static MethodSummary Build(int parameterCount, TaintValue returned, IReadOnlyList<SinkHit> hits)
    {
        var toReturn = new ulong[parameterCount];
        var sources = TaintValue.Clean;
        foreach (var flow in returned.Flows)
        {
            if (!flow.Origin.IsParameter)
                sources = sources.Union(TaintValue.From(flow.Origin, flow.Kinds));
            else if (flow.Origin.ParameterOrdinal < parameterCount)
                toReturn[flow.Origin.ParameterOrdinal] |= flow.Kinds;
        }

        var sinks = ImmutableArray.CreateBuilder<SummarySink>();
        foreach (var hit in hits)
        {
            if (hit.Origin.IsParameter)
                sinks.Add(new SummarySink(hit.Origin.ParameterOrdinal, hit.Kinds, hit.SinkDescription, hit.InnerSinkLocation ?? hit.Location));
        }

        return new MethodSummary(ImmutableArray.Create(toReturn), sources, sinks.ToImmutable());
    }

    /// <summary>Joins the summaries of every implementation an interface or abstract call may reach.</summary>
    public static MethodSummary Union(int parameterCount, IEnumerable<MethodSummary> summaries)
    {
        var toReturn = new ulong[parameterCount];
        var sources = TaintValue.Clean;
        var sinks = ImmutableArray.CreateBuilder<SummarySink>();
        foreach (var summary in summaries)
        {
            for (var i = 0; i < parameterCount && i < summary.ParameterToReturn.Length; i++)
                toReturn[i] |= summary.ParameterToReturn[i];
            sources = sources.Union(summary.ReturnSources);
            sinks.AddRange(summary.Sinks);
        }

        return new MethodSummary(ImmutableArray.Create(toReturn), sources, sinks.ToImmutable());
    }
}

/// <summary>A parameter of a summarised method reaching a sink of the given kinds at <see cref="Location"/>.</summary>
internal sealed class SummarySink
{
    public SummarySink(int ordinal, ulong kinds, string description, Location location)
    {
        Ordinal = ordinal;
        Kinds = kinds;
        Description = description;
        Location = location;
    }

    public int Ordinal { get; }

    public ulong Kinds { get; }

    public string Description { get; }

    public Location Location { get; }
}
