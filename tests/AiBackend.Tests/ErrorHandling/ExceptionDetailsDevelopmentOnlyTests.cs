using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionDetailsAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>Details built only in development, then sent by code outside the development check.</summary>
public class ExceptionDetailsDevelopmentOnlyTests
{
    private const string ErrorModel = """
        public sealed class ErrorBody
        {
            public ErrorBody(string message) { Message = message; }
            public string Message { get; }
            public string? ExceptionMessage { get; set; }
            public string? StackTrace { get; set; }
        }

        """;

    [Fact]
    public async Task Details_filled_in_only_under_a_development_check_are_not_reported()
    {
        // A debug build: the #if DEBUG block is compiled, and analysed.
        await Verify.VerifyAsync("#define DEBUG\n" + ErrorHandlingTestCode.Usings + ErrorModel + """
            public sealed class ErrorWriter
            {
                private readonly RequestDelegate _next;
                private readonly IWebHostEnvironment _environment;
                private readonly bool _showDetails;

                public ErrorWriter(RequestDelegate next, IWebHostEnvironment environment)
                {
                    _next = next;
                    _environment = environment;
                    _showDetails = environment.IsDevelopment();
                }

                public async Task InvokeAsync(HttpContext context)
                {
                    try { await _next(context); }
                    catch (Exception ex)
                    {
                        var text = _environment.IsDevelopment() ? Clean(ex.Message) : "Request failed.";
                        await context.Response.WriteAsync(text);
                    }
                }

                public IResult Convert(Exception exception)
                {
                    var body = new ErrorBody("Something went wrong.");
                    if (!_environment.IsProduction())
                    {
                        body.ExceptionMessage = exception.Message;
                        body.StackTrace = exception.StackTrace;
                    }
                    return Results.Json(body, statusCode: 500);
                }

                public IResult Flagged(Exception exception)
                {
                    var body = new ErrorBody("Something went wrong.");
                    if (_showDetails)
                        body.ExceptionMessage = exception.ToString();
                    return Results.Json(body, statusCode: 500);
                }

                public IResult Debug(Exception exception)
                {
                    var body = new ErrorBody("Something went wrong.");
            #if DEBUG
                    body.StackTrace = exception.StackTrace;
            #endif
                    return Results.Json(body, statusCode: 500);
                }

                private static string Clean(string message) => message.Trim();
            }

            public sealed class ApiFilter
            {
                public IResult Handle(Exception exception) => new ErrorWriter(null!, null!).Convert(exception);
            }

            public static class Routes
            {
                public static void Map(WebApplication app) =>
                    app.MapPost("/save", (Db db, ErrorWriter writer) =>
                    {
                        try { db.SaveChanges(); return Results.Ok(); }
                        catch (Exception ex) { return writer.Convert(ex); }
                    });
            }
            """);
    }

    [Fact]
    public async Task Details_added_outside_the_development_check_or_under_a_mixed_flag_are_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + ErrorModel + """
            public sealed class ErrorWriter
            {
                private readonly IWebHostEnvironment _environment;
                private bool _showDetails;

                public ErrorWriter(IWebHostEnvironment environment)
                {
                    _environment = environment;
                    _showDetails = environment.IsDevelopment();
                }

                public void Enable() => _showDetails = true;

                public IResult Convert(Exception exception)
                {
                    var body = new ErrorBody("Something went wrong.");
                    if (_environment.IsDevelopment())
                        body.StackTrace = exception.StackTrace;
                    body.ExceptionMessage = exception.Message;
                    return Results.Json(body, statusCode: 500);
                }

                public IResult Flagged(Exception exception)
                {
                    var body = new ErrorBody("Something went wrong.");
                    if (_showDetails)
                        body.ExceptionMessage = exception.ToString();
                    return Results.Json(body, statusCode: 500);
                }

                public IResult Release(Exception exception)
                {
                    var body = new ErrorBody("Something went wrong.");
            #if !DEBUG
                    body.StackTrace = exception.StackTrace;
            #endif
                    return Results.Json(body, statusCode: 500);
                }
            }

            public static class Routes
            {
                public static void Map(WebApplication app, ErrorWriter writer)
                {
                    app.MapPost("/save", (Db db) =>
                    {
                        try { db.SaveChanges(); return Results.Ok(); }
                        catch (Exception ex) { return writer.Convert({|AIB2002:ex|}); }
                    });
                    app.MapPost("/flag", (Db db) =>
                    {
                        try { db.SaveChanges(); return Results.Ok(); }
                        catch (Exception ex) { return writer.Flagged({|AIB2002:ex|}); }
                    });
                    app.MapPost("/release", (Db db) =>
                    {
                        try { db.SaveChanges(); return Results.Ok(); }
                        catch (Exception ex) { return writer.Release({|AIB2002:ex|}); }
                    });
                }
            }
            """);
    }
}
