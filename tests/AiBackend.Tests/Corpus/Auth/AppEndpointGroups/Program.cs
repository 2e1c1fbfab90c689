// Labeled corpus: endpoint groups found by reflection, each mapping through helpers that wrap MapGet/MapPost.
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication();
builder.Services.AddAuthorization();
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapRouteGroups();
app.Run();

public abstract class RouteGroup
{
    public abstract void Map(RouteGroupBuilder groupBuilder);
}

public static class RouteGroupRegistration
{
    public static WebApplication MapRouteGroups(this WebApplication app)
    {
        foreach (var type in Assembly.GetExecutingAssembly().GetExportedTypes().Where(t => t.IsSubclassOf(typeof(RouteGroup))))
        {
            var group = app.MapGroup($"/api/{type.Name}");
            ((RouteGroup)Activator.CreateInstance(type)!).Map(group);
        }

        return app;
    }
}

public static class GroupRouteShortcuts
{
    public static RouteHandlerBuilder MapGet(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern = "") =>
        builder.MapGet(pattern, handler).WithName(handler.Method.Name); // safe: AIB3001

    public static RouteHandlerBuilder MapPost(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern = "") =>
        builder.MapPost(pattern, handler).WithName(handler.Method.Name); // safe: AIB3001

    public static RouteHandlerBuilder MapDelete(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern) =>
        builder.MapDelete(pattern, handler).WithName(handler.Method.Name); // safe: AIB3001
}

public class TodoLists : RouteGroup
{
    public override void Map(RouteGroupBuilder groupBuilder)
    {
        groupBuilder.RequireAuthorization();
        groupBuilder.MapGet(GetTodoLists); // safe: AIB3001
        groupBuilder.MapPost(CreateTodoList); // safe: AIB3001
        groupBuilder.MapDelete(DeleteTodoList, "{id}"); // safe: AIB3001
    }

    public static IResult GetTodoLists() => Results.Ok();

    public static IResult CreateTodoList(string title) => Results.Created();

    public static IResult DeleteTodoList(int id) => Results.NoContent();
}

public class Tags : RouteGroup
{
    public override void Map(RouteGroupBuilder groupBuilder)
    {
        groupBuilder.MapGet(GetTags); // safe: AIB3001
        groupBuilder.MapDelete(DeleteTag, "{id}"); // expect: AIB3001
    }

    public static IResult GetTags() => Results.Ok();

    public static IResult DeleteTag(int id) => Results.NoContent();
}
