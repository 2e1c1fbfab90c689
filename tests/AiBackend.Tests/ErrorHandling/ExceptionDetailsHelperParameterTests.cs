using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionDetailsAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>An error helper with an optional exception parameter: reported where a caught exception is passed, never inside.</summary>
public class ExceptionDetailsHelperParameterTests
{
    private const string ErrorModel = """
        public sealed class ErrorBody
        {
            public ErrorBody(string message) { Message = message; }
            public string Message { get; }
            public string? ExceptionMessage { get; set; }
            public string? InnerMessage { get; set; }
        }

        """;

    [Fact]
    public async Task A_helper_whose_callers_never_pass_an_exception_is_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + ErrorModel + """
            public sealed class LoginController : Controller
            {
                [HttpGet("start")]
                public IActionResult Start(string? domain)
                {
                    if (string.IsNullOrEmpty(domain))
                        return Invalid("MissingDomain");
                    if (domain.Length > 64)
                        return Invalid("DomainTooLong");
                    return Ok();
                }

                private IActionResult Invalid(string key, Exception? ex = null)
                {
                    Response.StatusCode = ex == null ? 400 : 500;
                    return Json(new ErrorBody(key)
                    {
                        ExceptionMessage = ex?.Message,
                        InnerMessage = ex?.InnerException?.Message,
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task A_caller_passing_a_caught_exception_is_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + ErrorModel + """
            public sealed class LoginController : Controller
            {
                private readonly Db _db = null!;

                [HttpGet("start")]
                public IActionResult Start(string? domain)
                {
                    if (string.IsNullOrEmpty(domain))
                        return Invalid("MissingDomain");
                    try
                    {
                        _db.SaveChanges();
                        return Ok();
                    }
                    catch (DbUpdateException ex)
                    {
                        return Invalid("SaveFailed", {|AIB2002:ex|});
                    }
                }

                private IActionResult Invalid(string key, Exception? ex = null) =>
                    Json(new ErrorBody(key) { InnerMessage = ex?.GetBaseException().Message });
            }
            """);
    }
}
