using System.Collections.Concurrent;

namespace TodoApi;

public sealed record Todo(int Id, string Title, bool Done);

public sealed record NewTodo(string Title);

/// <summary>An in-memory store, enough for a sample (the resource generator will bring EF Core).</summary>
public sealed class TodoStore
{
    private readonly ConcurrentDictionary<int, Todo> _todos = new();
    private int _lastId;

    public TodoStore()
    {
        Add("Read the generated MapAiBackendEndpoints()");
        Add("Fix the AIB3002 warnings in Insecure/");
    }

    public IReadOnlyList<Todo> All() => _todos.Values.OrderBy(t => t.Id).ToList();

    public Todo? Find(int id) => _todos.TryGetValue(id, out var todo) ? todo : null;

    public Todo Add(string title)
    {
        var todo = new Todo(Interlocked.Increment(ref _lastId), title, Done: false);
        _todos[todo.Id] = todo;
        return todo;
    }
}
