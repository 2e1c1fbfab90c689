// Labeled corpus: an IExceptionHandler registered and used.
using Microsoft.AspNetCore.Diagnostics;

var builder = WebApplication.CreateBuilder(args); // safe: AIB2006
builder.Services.AddExceptionHandler<LoggingExceptionHandler>();
builder.Services.AddProblemDetails();
var app = builder.Build();
app.UseExceptionHandler();
app.MapGet("/", () => "Hello");
app.Run();

sealed class LoggingExceptionHandler(ILogger<LoggingExceptionHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(exception, "Unhandled exception");
        return ValueTask.FromResult(false);
    }
}
