// Labeled corpus: the app's own error middleware.
var builder = WebApplication.CreateBuilder(args); // safe: AIB2006
var app = builder.Build();
app.UseMiddleware<ErrorMiddleware>();
app.MapGet("/", () => "Hello");
app.Run();

sealed class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled exception");
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { error = "An unexpected error occurred." });
        }
    }
}
