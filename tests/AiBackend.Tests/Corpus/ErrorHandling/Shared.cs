// Labeled corpus (error handling): shared application types (no labels here).
using Microsoft.EntityFrameworkCore;

namespace Corpus.Errors;

public sealed class Todo
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public bool Done { get; set; }
    public string OwnerId { get; set; } = "";
}

public sealed class AppDb : DbContext
{
    public AppDb(DbContextOptions<AppDb> options) : base(options) { }

    public DbSet<Todo> Todos => Set<Todo>();
}

public sealed record NewTodo(string Title);

public interface IMailer
{
    Task SendAsync(string to, string subject, CancellationToken cancellationToken = default);
}

public interface IAuditLog
{
    Task WriteAsync(string entry);
}

public sealed class OrderValidationException : Exception
{
    public OrderValidationException(string message) : base(message) { }
}
