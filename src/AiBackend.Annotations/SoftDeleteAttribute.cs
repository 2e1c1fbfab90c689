using System;

namespace AiBackend;

/// <summary>
/// Makes a <c>[Resource]</c>'s DELETE mark the row instead of removing it: the named member is set (<c>true</c>, or the
/// current UTC time), and every generated query leaves marked rows out, so a deleted row answers 404 and is not listed.
/// A deleted parent takes no new children (404).
/// </summary>
/// <example><c>[Resource("/api/work-items"), SoftDelete(nameof(DeletedAt))]</c> with <c>public DateTimeOffset? DeletedAt { get; set; }</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SoftDeleteAttribute : Attribute
{
    /// <summary>Names the marker: a <c>bool</c>, <c>DateTimeOffset?</c> or <c>DateTime?</c> property with a public setter.</summary>
    /// <param name="member">The property name; use <c>nameof</c>.</param>
    public SoftDeleteAttribute(string member)
    {
        Member = member;
    }

    /// <summary>The marker property.</summary>
    public string Member { get; }
}
