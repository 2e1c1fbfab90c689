using System.Security.Claims;
using AiBackend;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TodoApi.Data;

namespace TodoApi.Endpoints;

/// <summary>Hand-written endpoints next to the generated resource, grouped under /api/reports.</summary>
[EndpointGroup("/api/reports", Tags = new[] { "Reports" })]
public static partial class Reports
{
    public sealed record TodoSummary(int Total, int Done, int Overdue);

    [Endpoint("GET", "/summary", Name = "TodoSummary")]
    public static partial class Summary
    {
        /// <summary>How many of the current user's todos are done and overdue.</summary>
        /// <remarks>Counts only the caller's own todos, like every generated todo endpoint.</remarks>
        public static async Task<Results<Ok<TodoSummary>, ForbidHttpResult>> HandleAsync(ClaimsPrincipal user, TodoDb db, CancellationToken cancellationToken)
        {
            if ((user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub")) is not { Length: > 0 } userId)
                return TypedResults.Forbid();

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var mine = db.Todos.Where(t => t.OwnerId == userId);
            return TypedResults.Ok(new TodoSummary(
                await mine.CountAsync(cancellationToken),
                await mine.CountAsync(t => t.Done, cancellationToken),
                await mine.CountAsync(t => !t.Done && t.DueDate < today, cancellationToken)));
        }
    }
}
