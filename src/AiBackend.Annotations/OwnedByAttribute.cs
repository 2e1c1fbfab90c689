using System;

namespace AiBackend;

/// <summary>
/// Scopes a <c>[Resource]</c> to its owner: every generated query filters by the current user's id, and create sets
/// it. Another user's entity is indistinguishable from a missing one (404).
/// </summary>
/// <example><c>[Resource("/api/todos"), OwnedBy(nameof(OwnerId))]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OwnedByAttribute : Attribute
{
    /// <summary>Names the string property that holds the owner's user id.</summary>
    /// <param name="member">The property name; use <c>nameof</c>.</param>
    public OwnedByAttribute(string member)
    {
        Member = member;
    }

    /// <summary>The owner property.</summary>
    public string Member { get; }

    /// <summary>The claim that carries the user id: <c>ClaimTypes.NameIdentifier</c> by default, else <c>sub</c>.</summary>
    public string? UserIdClaim { get; set; }
}
