using AiBackend;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TodoApi.Endpoints;

// Each class is one endpoint; the generator adds MapEndpoint() to it and calls it from MapAiBackendEndpoints().

[Endpoint("GET", "/health")]
[AllowAnonymous]
public static partial class Health
{
    public static Ok<string> Handle() => TypedResults.Ok("healthy");
}

[Endpoint("GET", "/api/todos")]
[AllowAnonymous]
public static partial class ListTodos
{
    public static Ok<IReadOnlyList<Todo>> Handle(TodoStore store) => TypedResults.Ok(store.All());
}

[Endpoint("GET", "/api/todos/{id:int}", Name = "GetTodo")]
[AllowAnonymous]
public static partial class GetTodo
{
    public static Results<Ok<Todo>, NotFound> Handle(int id, TodoStore store) =>
        store.Find(id) is { } todo ? TypedResults.Ok(todo) : TypedResults.NotFound();
}

// No [AllowAnonymous]: generated endpoints require an authenticated user by default.
[Endpoint("POST", "/api/todos")]
public static partial class CreateTodo
{
    public static Results<Created<Todo>, ValidationProblem> Handle(NewTodo request, TodoStore store)
    {
        if (string.IsNullOrWhiteSpace(request.Title))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["title"] = new[] { "A title is required." } });

        var todo = store.Add(request.Title.Trim());
        return TypedResults.Created($"/api/todos/{todo.Id}", todo);
    }
}
