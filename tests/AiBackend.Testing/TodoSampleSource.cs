namespace AiBackend.Testing;

/// <summary>
/// The data model of samples/TodoApi in the shape "Implement with AI" tests need (a Todo entity and its DbContext), shared
/// by the in-process tests and the package tests' consumer project.
/// </summary>
public static class TodoSampleSource
{
    public const string Entities = """
        using Microsoft.EntityFrameworkCore;

        namespace TodoApi.Data;

        public class Todo
        {
            public int Id { get; set; }
            public string Title { get; set; } = "";
            public bool Done { get; set; }
            public string OwnerId { get; set; } = "";
        }

        public sealed class TodoDb(DbContextOptions<TodoDb> options) : DbContext(options)
        {
            public DbSet<Todo> Todos => Set<Todo>();
        }

        """;
}
