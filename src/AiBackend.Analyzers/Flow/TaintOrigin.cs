using System;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Where a tainted value came from: a real source (request data, described for the message) or, while a method's
/// summary is computed, one of that method's parameters standing for "whatever the caller passes".
/// </summary>
internal sealed class TaintOrigin : IEquatable<TaintOrigin>
{
    /// <summary>The ordinal standing for the receiver (<c>this</c>) of a summarised instance method or property.</summary>
    public const int ReceiverOrdinal = -2;

    /// <summary>
    /// The ordinal standing for the app's mutable static fields as a summarised method found them; the path's first
    /// step names the field (<see cref="StaticField"/>).
    /// </summary>
    public const int StaticOrdinal = -3;

    private const int SourceOrdinal = -1;

    // A parameter's description is built only when a message needs it: joins create parameter origins by the
    // thousand (p.Request, p.Request.Path) and compare them, and the description follows from ordinal and path.
    private string? _description;

    private readonly int _hash;

    private TaintOrigin(string? description, Location location, int parameterOrdinal, AccessPath path)
    {
        _description = description;
        Location = location;
        ParameterOrdinal = parameterOrdinal;
        Path = path;
        // Computed once: taint values keep their flows ordered by it and compare it first.
        _hash = IsParameter ? ParameterHash(path.GetHashCode(), parameterOrdinal) : (StableHash.Of(description!) * 397) ^ location.SourceSpan.Start ^ parameterOrdinal;
    }

    /// <summary>Human-readable source, e.g. "query parameter 'name'".</summary>
    public string Description =>
        _description ??= (ParameterOrdinal switch
        {
            ReceiverOrdinal => "this",
            StaticOrdinal => "static",
            _ => "parameter #" + ParameterOrdinal,
        }) + (Path.IsEmpty ? "" : "." + Path);

    public Location Location { get; }

    /// <summary>The summarised method's parameter this stands for (<see cref="ReceiverOrdinal"/> for <c>this</c>); -1 for a real source.</summary>
    public int ParameterOrdinal { get; }

    /// <summary>For a parameter: the member path of it whose value this is (empty: the argument itself).</summary>
    public AccessPath Path { get; }

    public bool IsParameter => ParameterOrdinal != SourceOrdinal;

    public static TaintOrigin Source(string description, Location location) => new(description, location, SourceOrdinal, AccessPath.Empty);

    public static TaintOrigin Parameter(int ordinal) => Parameter(ordinal, AccessPath.Empty);

    public static TaintOrigin Receiver() => Parameter(ReceiverOrdinal, AccessPath.Empty);

    /// <summary>What a static field held when the summarised method was called.</summary>
    public static TaintOrigin StaticField(IFieldSymbol field) => Parameter(StaticOrdinal, StaticPath(field));

    /// <summary>The path naming a static field below <see cref="StaticOrdinal"/>.</summary>
    public static AccessPath StaticPath(IFieldSymbol field) => AccessPath.Of(field.ToDisplayString());

    public static TaintOrigin Parameter(int ordinal, AccessPath path) => new(null, Location.None, ordinal, path);

    /// <summary>A parameter origin read further down (<c>p</c> to <c>p.Request</c>); a real source stays what it is.</summary>
    public TaintOrigin Below(AccessPath suffix) =>
        !IsParameter || suffix.IsEmpty ? this : Parameter(ParameterOrdinal, Path.Concat(suffix, out _));

    /// <summary>The hash of <c>Below(suffix)</c>, computed without building it.</summary>
    public int HashBelow(AccessPath suffix) =>
        !IsParameter || suffix.IsEmpty ? _hash : ParameterHash(Path.ConcatHashCode(suffix), ParameterOrdinal);

    /// <summary>Whether this origin equals <c>other.Below(suffix)</c>, checked without building it.</summary>
    public bool EqualsBelow(TaintOrigin other, AccessPath suffix) =>
        !other.IsParameter || suffix.IsEmpty
            ? Equals(other)
            : ParameterOrdinal == other.ParameterOrdinal && Path.IsConcatOf(other.Path, suffix);

    private static int ParameterHash(int pathHash, int ordinal) => (pathHash * 397) ^ ordinal;

    /// <summary>The description with the source's line, as rule messages show it.</summary>
    public string DescriptionWithLine()
    {
        if (!Location.IsInSource)
            return Description;
        return $"{Description} (line {Location.GetLineSpan().StartLinePosition.Line + 1})";
    }

    public bool Equals(TaintOrigin? other) =>
        other is not null
        && _hash == other._hash
        && ParameterOrdinal == other.ParameterOrdinal
        && Path.Equals(other.Path)
        && (IsParameter
            || Description == other.Description
            && Location.SourceSpan == other.Location.SourceSpan
            && Location.SourceTree == other.Location.SourceTree);

    public override bool Equals(object? obj) => Equals(obj as TaintOrigin);

    public override int GetHashCode() => _hash;
}
