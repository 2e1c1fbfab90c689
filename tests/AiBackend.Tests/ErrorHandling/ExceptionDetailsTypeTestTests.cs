using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionDetailsAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>
/// An exception filter that tests the type (<c>exception is ConflictException</c>, <c>case ConflictException:</c>)
/// without narrowing the variable: where the test holds, the message is the app's own.
/// </summary>
public class ExceptionDetailsTypeTestTests
{
    private const string Types = """
        public sealed class ConflictException : Exception { public ConflictException(string message) : base(message) { } }
        public sealed class ErrorModel { public ErrorModel(string message) => Message = message; public string Message { get; } }

        """;

    [Fact]
    public async Task The_message_of_an_own_exception_selected_by_a_type_test_is_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + Types + """
            public sealed class ErrorFilter : Microsoft.AspNetCore.Mvc.Filters.ExceptionFilterAttribute
            {
                public override void OnException(Microsoft.AspNetCore.Mvc.Filters.ExceptionContext context)
                {
                    var message = "An error has occurred.";
                    var exception = context.Exception;
                    if (exception is ConflictException)
                    {
                        message = exception.Message;
                        context.HttpContext.Response.StatusCode = 409;
                    }
                    else if (exception is UnauthorizedAccessException)
                    {
                        message = "Unauthorized.";
                        context.HttpContext.Response.StatusCode = 401;
                    }

                    context.Result = new ObjectResult(new ErrorModel(message));
                }
            }

            public static class ErrorEndpoint
            {
                public static IResult Handle(Exception exception)
                {
                    var message = "An error has occurred.";
                    switch (exception)
                    {
                        case ConflictException:
                            message = exception.Message;
                            break;
                        case KeyNotFoundException:
                            message = "Not found.";
                            break;
                    }

                    return Results.Json(new ErrorModel(message));
                }

                public static IResult Run(Func<IResult> next)
                {
                    try { return next(); }
                    catch (Exception exception) { return Handle(exception); }
                }
            }
            """);
    }

    [Fact]
    public async Task The_message_of_a_framework_exception_or_of_any_exception_is_still_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + Types + """
            public sealed class ErrorFilter : Microsoft.AspNetCore.Mvc.Filters.ExceptionFilterAttribute
            {
                public override void OnException(Microsoft.AspNetCore.Mvc.Filters.ExceptionContext context)
                {
                    var message = "An error has occurred.";
                    var exception = context.Exception;
                    if (exception is DbUpdateException)
                        message = exception.Message;
                    else if (exception is not ConflictException)
                        message = exception.Message;

                    context.Result = new ObjectResult({|AIB2002:new ErrorModel(message)|});
                }
            }

            public static class ErrorEndpoint
            {
                public static IResult Handle(Exception exception)
                {
                    var message = exception.Message;
                    if (exception is ConflictException)
                        return Results.Conflict(new ErrorModel(exception.Message));
                    return Results.Json(new ErrorModel(message));
                }

                public static IResult Run(Func<IResult> next)
                {
                    try { return next(); }
                    catch (Exception exception) { return Handle({|AIB2002:exception|}); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_variable_declared_by_a_type_pattern_carries_the_exception_unless_the_type_is_the_apps_own()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + Types + """
            public static class ErrorResults
            {
                public static IResult Describe(Exception exception) => exception switch
                {
                    ConflictException conflict => Results.Conflict(new ErrorModel(conflict.Message)),
                    InvalidOperationException { Message: var reason } => Results.BadRequest(new ErrorModel(reason)),
                    _ => Results.Problem("An error has occurred."),
                };

                public static IResult DescribeConflict(Exception exception) =>
                    exception is ConflictException conflict ? Results.Conflict(new ErrorModel(conflict.Message)) : Results.Problem("An error has occurred.");

                public static IResult RunCommand(Func<IResult> next)
                {
                    try
                    {
                        return next();
                    }
                    catch (Exception exception)
                    {
                        return DescribeConflict(exception);
                    }
                }

                public static IResult Run(Func<IResult> next)
                {
                    try
                    {
                        return next();
                    }
                    catch (Exception exception)
                    {
                        if (exception is System.IO.IOException io)
                            return Results.Problem({|AIB2002:io.Message|});
                        // The property pattern's variable carries the message into Describe's response.
                        return Describe({|AIB2002:exception|});
                    }
                }
            }
            """);
    }
}
