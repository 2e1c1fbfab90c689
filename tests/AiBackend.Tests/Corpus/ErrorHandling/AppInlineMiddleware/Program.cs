// Labeled corpus: inline error middleware.
var builder = WebApplication.CreateBuilder(args); // safe: AIB2006
var app = builder.Build();
app.Use(async (context, next) =>
{
    try
    {
        await next(context);
    }
    catch (Exception ex)
    {
        app.Logger.LogError(ex, "Unhandled exception");
        context.Response.StatusCode = 500;
    }
});
app.MapGet("/", () => "Hello");
app.Run();
