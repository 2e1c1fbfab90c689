using System;

namespace AiBackend;

/// <summary>
/// Returns a navigation property of a <c>[Resource]</c> nested in its responses: a reference navigation as an object,
/// a collection navigation as an array. The generated queries load it with a projection (a join or a correlated
/// subquery), so only the nested members are read and nothing is tracked.
/// </summary>
/// <remarks>
/// <para>A reference is in every response, lists included (one row per item). A collection is in the responses of
/// get, create, update and patch, and null in lists: a page of items each with all its children would be unbounded
/// (list the children through their own resource, filtered by their foreign key, instead).</para>
/// <para>The nested object shows what the related entity shows: the related resource's own response when it is a
/// <c>[Resource]</c> without expansions of its own, else a generated DTO of its response members (scalars only, never
/// a <c>[JsonIgnore]</c> member). Nesting is one level deep. Related rows the caller could not read through their own
/// resource are left out: another user's (ownership, also through parents) and soft-deleted ones. A related resource
/// that needs roles or a policy the expanding resource's reads do not need cannot be expanded (AIB5006).</para>
/// </remarks>
/// <example><c>[Expand] public Project? Project { get; set; }</c> gives <c>{ "id": 7, "projectId": 3, "project": { "id": 3, "name": "Site" } }</c></example>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ExpandAttribute : Attribute
{
}
