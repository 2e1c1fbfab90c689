using Microsoft.EntityFrameworkCore;

namespace TodoApi.Data;

/// <summary>The sample's database: a SQLite file by default (ConnectionStrings:Todos).</summary>
public sealed class TodoDb(DbContextOptions<TodoDb> options) : DbContext(options)
{
    public DbSet<Todo> Todos => Set<Todo>();
}
