// Labeled corpus: exception details sent to the client (AIB2002).
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Corpus.Errors.Details;

public static class DetailEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/todos", async (NewTodo request, AppDb db) =>
        {
            try
            {
                db.Todos.Add(new Todo { Title = request.Title });
                await db.SaveChangesAsync();
                return Results.Created();
            }
            catch (DbUpdateException ex)
            {
                return Results.Problem(ex.Message); // expect: AIB2002
            }
        });

        app.MapPost("/todos/safe", async (NewTodo request, AppDb db, ILogger<AppDb> logger) =>
        {
            try
            {
                db.Todos.Add(new Todo { Title = request.Title });
                await db.SaveChangesAsync();
                return Results.Created();
            }
            catch (DbUpdateException ex)
            {
                logger.LogError(ex, "Saving todo failed: {Message}", ex.Message);
                return Results.Problem("The todo could not be saved."); // safe: AIB2002
            }
        });

        app.MapPost("/orders", (NewTodo request) =>
        {
            try
            {
                if (request.Title.Length == 0)
                    throw new OrderValidationException("The order needs a title.");
                return Results.Ok();
            }
            catch (OrderValidationException ex)
            {
                return Results.BadRequest(new { error = ex.Message }); // safe: AIB2002
            }
        });

        app.MapGet("/report", async (AppDb db) =>
        {
            try
            {
                return Results.Ok(await db.Todos.CountAsync());
            }
            catch (Exception ex)
            {
                var body = new { message = "Report failed", detail = ex.ToString() };
                return Results.Json(body, statusCode: 500); // expect: AIB2002
            }
        });

        app.MapGet("/report/dev", async (AppDb db, IWebHostEnvironment env) =>
        {
            try
            {
                return Results.Ok(await db.Todos.CountAsync());
            }
            catch (Exception ex)
            {
                if (env.IsDevelopment())
                    return Results.Problem(ex.ToString()); // safe: AIB2002
                return Results.Problem(); // safe: AIB2002
            }
        });

        app.MapGet("/sync", async (HttpClient http) =>
        {
            try
            {
                return Results.Text(await http.GetStringAsync("https://inventory.internal/api/stock"));
            }
            catch (HttpRequestException ex)
            {
                return ErrorResponses.Upstream(ex.Message); // expect: AIB2002
            }
        });

        app.MapGet("/sync/safe", async (HttpClient http) =>
        {
            try
            {
                return Results.Text(await http.GetStringAsync("https://inventory.internal/api/stock"));
            }
            catch (HttpRequestException ex)
            {
                return ErrorResponses.Upstream($"Inventory unavailable ({(int?)ex.StatusCode})"); // safe: AIB2002
            }
        });

        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            var feature = context.Features.Get<IExceptionHandlerFeature>();
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { error = feature?.Error.Message }); // expect: AIB2002
        }));
    }
}

public static class ErrorResponses
{
    public static IResult Upstream(string detail) => Results.Problem(detail: detail, statusCode: 502);
}

[ApiController]
[Route("api/payments")]
public sealed class PaymentsController : ControllerBase
{
    private readonly AppDb _db;
    private readonly ILogger<PaymentsController> _logger;

    public PaymentsController(AppDb db, ILogger<PaymentsController> logger)
    {
        _db = db;
        _logger = logger;
    }

    [HttpPost]
    public async Task<IActionResult> Pay(NewTodo request)
    {
        try
        {
            await _db.SaveChangesAsync();
            return Ok();
        }
        catch (Exception ex)
        {
            return StatusCode(500, ex.StackTrace); // expect: AIB2002
        }
    }

    [HttpPost("refund")]
    public async Task<IActionResult> Refund(NewTodo request)
    {
        try
        {
            await _db.SaveChangesAsync();
            return Ok();
        }
        catch (DbUpdateException ex)
        {
            _logger.LogError(ex, "Refund failed");
            return Problem(title: "Refund failed", statusCode: 500); // safe: AIB2002
        }
    }

    [HttpPost("capture")]
    public async Task<IActionResult> Capture(NewTodo request)
    {
        try
        {
            await _db.SaveChangesAsync();
            return Ok();
        }
        catch (DbUpdateException ex)
        {
            var problem = new ProblemDetails { Title = "Capture failed", Status = 500 };
            problem.Detail = ex.InnerException?.Message; // expect: AIB2002
            return StatusCode(500, problem);
        }
    }

    [HttpPost("void")]
    public async Task<IActionResult> Void(NewTodo request)
    {
        try
        {
            await _db.SaveChangesAsync();
            return Ok();
        }
        catch (DbUpdateException ex)
        {
            _logger.LogError(ex, "Void failed for {Title}", request.Title);
            var problem = new ProblemDetails { Title = "Void failed", Detail = "Try again later.", Status = 500 }; // safe: AIB2002
            return StatusCode(500, problem);
        }
    }
}

public sealed class ErrorPageMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IWebHostEnvironment _environment;
    private readonly bool _verbose;

    public ErrorPageMiddleware(RequestDelegate next, IWebHostEnvironment environment)
    {
        _next = next;
        _environment = environment;
        _verbose = environment.IsDevelopment();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context);
        }
        catch (Exception ex)
        {
            context.Response.StatusCode = 500;
            var text = _environment.IsDevelopment() ? ex.ToString() : "The request failed.";
            await context.Response.WriteAsync(text); // safe: AIB2002
        }
    }

    public ProblemDetails Describe(Exception exception)
    {
        var problem = new ProblemDetails { Title = "The request failed.", Status = 500 };
        if (_verbose)
            problem.Extensions["trace"] = exception.StackTrace;
        return problem;
    }

    public async Task RunAsync(HttpContext context, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (InvalidOperationException exception)
        {
            var problem = new ProblemDetails { Title = "The request failed.", Status = 500 };
            if (!_environment.IsProduction())
                problem.Extensions["trace"] = exception.StackTrace;
            problem.Extensions["reason"] = exception.Message;
            await context.Response.WriteAsJsonAsync(problem); // expect: AIB2002
        }
    }
}

public sealed class SignInController : Controller
{
    private readonly AppDb _db;

    public SignInController(AppDb db) => _db = db;

    [HttpGet("signin/check")]
    public IActionResult Check(string? domain)
    {
        if (string.IsNullOrEmpty(domain))
            return Invalid("DomainRequired");
        return Ok();
    }

    [HttpPost("signin/save")]
    public async Task<IActionResult> Save(string domain)
    {
        try
        {
            await _db.SaveChangesAsync();
            return Ok();
        }
        catch (DbUpdateException ex)
        {
            return Invalid("SaveFailed", ex); // expect: AIB2002
        }
    }

    private IActionResult Invalid(string key, Exception? ex = null) =>
        Json(new { key, inner = ex?.InnerException?.Message }); // safe: AIB2002
}
