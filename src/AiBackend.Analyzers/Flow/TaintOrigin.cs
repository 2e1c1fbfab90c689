using System;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Where a tainted value came from: a real source (request data, described for the message) or, while a method's
/// summary is computed, one of that method's parameters standing for "whatever the caller passes".
/// </summary>
internal sealed class TaintOrigin : IEquatable<TaintOrigin>
{
    private TaintOrigin(string description, Location location, int parameterOrdinal)
    {
        Description = description;
        Location = location;
        ParameterOrdinal = parameterOrdinal;
    }

    /// <summary>Human-readable source, e.g. "query parameter 'name'".</summary>
    public string Description { get; }

    public Location Location { get; }

    /// <summary>The summarised method's parameter this stands for; -1 for a real source.</summary>
    public int ParameterOrdinal { get; }

    public bool IsParameter => ParameterOrdinal >= 0;

    public static TaintOrigin Source(string description, Location location) => new(description, location, -1);

    public static TaintOrigin Parameter(int ordinal) => new("parameter #" + ordinal, Location.None, ordinal);

    /// <summary>The description with the source's line, as rule messages show it.</summary>
    public string DescriptionWithLine()
    {
        if (!Location.IsInSource)
            return Description;
        return $"{Description} (line {Location.GetLineSpan().StartLinePosition.Line + 1})";
    }

    public bool Equals(TaintOrigin? other) =>
        other is not null
        && ParameterOrdinal == other.ParameterOrdinal
        && Description == other.Description
        && Location.SourceSpan == other.Location.SourceSpan
        && Location.SourceTree == other.Location.SourceTree;

    public override bool Equals(object? obj) => Equals(obj as TaintOrigin);

    public override int GetHashCode() => (Description.GetHashCode() * 397) ^ Location.SourceSpan.Start ^ ParameterOrdinal;
}
