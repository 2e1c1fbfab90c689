using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionDetailsAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

public class ExceptionDetailsTests
{
    [Fact]
    public async Task Exception_text_reaching_a_response_is_reported()
    {
        var diagnostics = await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/a", (Db db) =>
                    {
                        try { db.SaveChanges(); return Results.Ok(); }
                        catch (DbUpdateException ex) { return Results.Problem({|AIB2002:ex.Message|}); }
                    });

                    app.MapPost("/b", (Db db) =>
                    {
                        try { db.SaveChanges(); return Results.Ok(); }
                        catch (Exception ex)
                        {
                            var error = "Failed: " + ex;
                            return Results.BadRequest({|AIB2002:new { error }|});
                        }
                    });

                    app.MapPost("/c", (Db db) =>
                    {
                        try { db.SaveChanges(); return Results.Ok(); }
                        catch (Exception ex) { return Fail({|AIB2002:ex.ToString()|}); }
                    });
                }

                private static IResult Fail(string detail) => Results.Problem(detail: detail, statusCode: 500);
            }

            public sealed class TodosController : ControllerBase
            {
                [HttpPost]
                public IActionResult Save([FromServices] Db db)
                {
                    try { db.SaveChanges(); return Ok(); }
                    catch (Exception ex) { return StatusCode(500, {|AIB2002:ex.StackTrace|}); }
                }
            }
            """);

        Assert.StartsWith("Exception details of 'DbUpdateException' (line ", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Logging_generic_problems_user_facing_exceptions_and_development_only_details_are_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class OrderValidationException : Exception
            {
                public OrderValidationException(string message) : base(message) { }
            }

            public static class Api
            {
                public static void Map(WebApplication app, ILogger logger)
                {
                    app.MapPost("/a", (Db db) =>
                    {
                        try { db.SaveChanges(); return Results.Ok(); }
                        catch (DbUpdateException ex)
                        {
                            logger.LogError(ex, "Save failed: {Message}", ex.Message);
                            return Results.Problem("The order could not be saved.");
                        }
                    });

                    app.MapPost("/b", () =>
                    {
                        try { throw new OrderValidationException("Quantity must be positive."); }
                        catch (OrderValidationException ex) { return Results.BadRequest(ex.Message); }
                    });

                    app.MapPost("/c", (Db db, IWebHostEnvironment env) =>
                    {
                        try { db.SaveChanges(); return Results.Ok(); }
                        catch (Exception ex)
                        {
                            if (env.IsDevelopment())
                                return Results.Problem(ex.ToString());
                            return Results.Problem();
                        }
                    });
                }
            }
            """);
    }
}
