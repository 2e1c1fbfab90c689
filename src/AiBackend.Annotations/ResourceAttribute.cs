using System;

namespace AiBackend;

/// <summary>
/// Generates a CRUD API over an EF Core entity: response, create and update DTO records with their mapping and
/// validation, and list (paged), get, create, update and delete endpoints mapped by <c>MapAiBackendEndpoints()</c>.
/// </summary>
/// <remarks>
/// <para>The key is the property marked <c>[Key]</c>, else <c>Id</c>, else <c>{TypeName}Id</c>: an int, long, Guid or
/// string. A string key the entity does not fill in itself is a natural key that create requests carry (409 when taken).
/// <see cref="SoftDeleteAttribute"/> makes DELETE mark rows instead of removing them. The key, members marked
/// <c>[ServerSet]</c> or <c>[DatabaseGenerated]</c>, the owner (<see cref="OwnedByAttribute"/>) and read-only
/// properties are not accepted from clients. Validation attributes on the entity's properties are carried over to the
/// request DTOs and enforced (400 with a validation problem).</para>
/// <para>The endpoints require authorization unless the entity carries <c>[AllowAnonymous]</c>; <c>[Authorize]</c> on
/// the entity sets their policy or roles.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ResourceAttribute : Attribute
{
    /// <summary>Declares the resource's collection route.</summary>
    /// <param name="route">The collection route, e.g. <c>"/api/todos"</c>; items are at <c>{route}/{id}</c>.</param>
    public ResourceAttribute(string route)
    {
        Route = route;
    }

    /// <summary>The collection route.</summary>
    public string Route { get; }

    /// <summary>The <c>DbContext</c> that holds the entity's <c>DbSet</c>; by default the one context that has a <c>DbSet</c> of it.</summary>
    public Type? DbContext { get; set; }

    /// <summary>The largest page a client may ask for (default 100).</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>The page size when the client does not ask for one (default 20).</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>The OpenAPI tag; defaults to the entity name.</summary>
    public string? Tag { get; set; }

    /// <summary>Roles the list and get endpoints require (one of them, comma separated), on top of the entity's <c>[Authorize]</c>.</summary>
    public string? ReadRoles { get; set; }

    /// <summary>The policy the list and get endpoints require, on top of the entity's <c>[Authorize]</c>.</summary>
    public string? ReadPolicy { get; set; }

    /// <summary>
    /// Roles the create, update, patch and delete endpoints require (one of them, comma separated), on top of the
    /// entity's <c>[Authorize]</c>: <c>WriteRoles = "admin"</c> lets every signed-in user read and only admins change.
    /// </summary>
    public string? WriteRoles { get; set; }

    /// <summary>The policy the create, update, patch and delete endpoints require, on top of the entity's <c>[Authorize]</c>.</summary>
    public string? WritePolicy { get; set; }

    /// <summary>
    /// The endpoints to generate (default: all). <c>ResourceOperations.Read</c> makes a read-only resource; leave out
    /// <c>Patch</c> when the app maps its own PATCH on the item route.
    /// </summary>
    public ResourceOperations Operations { get; set; } = ResourceOperations.All;

    /// <summary>
    /// The members a list may be filtered by, for equality (<c>Filter = new[] { nameof(Status), nameof(ProjectId) }</c>):
    /// <c>GET /api/work-items?status=Open&amp;projectId=3</c>. Strings, booleans, enums, integers and Guids (and their
    /// nullable forms) of the response can be named. Any other query parameter is answered with 400 naming these.
    /// </summary>
    public string[]? Filter { get; set; }

    /// <summary>
    /// The members a list may be sorted by (<c>Sort = new[] { nameof(Priority), nameof(Title) }</c>):
    /// <c>?sort=-priority,title</c>, a <c>-</c> sorting that member in descending order. Ties are always broken by the
    /// key, so paging is stable. Any other sort member is answered with 400 naming these.
    /// </summary>
    public string[]? Sort { get; set; }
}

/// <summary>The endpoints a <see cref="ResourceAttribute"/> generates.</summary>
[Flags]
public enum ResourceOperations
{
    /// <summary>Nothing: not allowed (AIB5006).</summary>
    None = 0,

    /// <summary><c>GET {route}</c>: a page of items.</summary>
    List = 1,

    /// <summary><c>GET {route}/{id}</c>.</summary>
    Get = 2,

    /// <summary><c>POST {route}</c>.</summary>
    Create = 4,

    /// <summary><c>PUT {route}/{id}</c>.</summary>
    Update = 8,

    /// <summary><c>PATCH {route}/{id}</c> with a JSON merge patch.</summary>
    Patch = 16,

    /// <summary><c>DELETE {route}/{id}</c>.</summary>
    Delete = 32,

    /// <summary>List and get: a read-only resource.</summary>
    Read = List | Get,

    /// <summary>Create, update, patch and delete.</summary>
    Write = Create | Update | Patch | Delete,

    /// <summary>Every endpoint.</summary>
    All = Read | Write,
}
