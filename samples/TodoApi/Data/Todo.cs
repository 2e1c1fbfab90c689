using System.ComponentModel.DataAnnotations;
using AiBackend;

namespace TodoApi.Data;

/// <summary>Something to do, visible only to the user who wrote it down.</summary>
/// <remarks>
/// [Resource] generates TodoResponse, CreateTodoRequest, UpdateTodoRequest, TodoPage, the mapping, the validation and
/// the endpoints under /api/todos. [OwnedBy] scopes every query to the current user and sets the owner on create.
/// </remarks>
[Resource("/api/todos", MaxPageSize = 50)]
[OwnedBy(nameof(OwnerId))]
public class Todo
{
    public int Id { get; set; }

    [Required, MaxLength(200)]
    public string Title { get; set; } = "";

    [MaxLength(2000)]
    public string? Notes { get; set; }

    public bool Done { get; set; }

    public DateOnly? DueDate { get; set; }

    [ServerSet]
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public string OwnerId { get; set; } = "";

    /// <summary>Incremented on every update; a client that sends a stale value gets 409.</summary>
    [ConcurrencyCheck]
    public int Version { get; set; }
}
