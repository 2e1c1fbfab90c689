using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionDetailsAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>
/// A catch whose exception is only logged or rethrown is not analysed (issue 17: the commonest catch in real code);
/// every other use of the caught exception still is, the app's own logging helpers included.
/// </summary>
public class ExceptionDetailsCatchUseTests
{
    [Fact]
    public async Task An_exception_only_logged_and_rethrown_is_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class TodosController(Db db, ILogger<TodosController> logger) : ControllerBase
            {
                [HttpPost("todos")]
                public async Task<IActionResult> Create(Todo todo)
                {
                    try
                    {
                        db.Todos.Add(todo);
                        await db.SaveChangesAsync();
                        return Ok(todo);
                    }
                    catch (DbUpdateException ex) when (ex.InnerException is not null)
                    {
                        logger.LogError(ex, "Saving failed");
                        return Problem("Saving failed");
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning(ex, "Unexpected");
                        throw;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task An_exception_handed_to_the_apps_own_helper_that_writes_it_is_still_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public static class ErrorReport
            {
                public static IActionResult Log(ILogger logger, Exception ex)
                {
                    logger.LogError(ex, "Request failed");
                    return new ObjectResult(ex.Message) { StatusCode = 500 };
                }
            }

            public sealed class TodosController(Db db, ILogger<TodosController> logger) : ControllerBase
            {
                [HttpPost("todos")]
                public async Task<IActionResult> Create(Todo todo)
                {
                    try
                    {
                        db.Todos.Add(todo);
                        await db.SaveChangesAsync();
                        return Ok(todo);
                    }
                    catch (Exception ex)
                    {
                        return ErrorReport.Log(logger, {|AIB2002:ex|});
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task An_exception_logged_and_also_returned_is_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class TodosController(Db db, ILogger<TodosController> logger) : ControllerBase
            {
                [HttpDelete("todos/{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    try
                    {
                        await db.Todos.Where(t => t.Id == id).ExecuteDeleteAsync();
                        return NoContent();
                    }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Delete failed");
                        return Problem({|AIB2002:ex.Message|});
                    }
                }
            }
            """);
    }
}
