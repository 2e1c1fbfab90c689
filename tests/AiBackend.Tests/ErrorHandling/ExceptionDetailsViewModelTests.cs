using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionDetailsAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>Issue 14: exception text placed into a view model is rendered into the page the client gets.</summary>
public class ExceptionDetailsViewModelTests
{
    [Fact]
    public async Task Exception_text_in_a_view_model_is_reported_but_a_fixed_message_or_a_development_page_is_not()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class ErrorViewModel { public string? Message { get; set; } public string? RequestId { get; set; } }

            public sealed class ReportsController : Controller
            {
                private readonly IWebHostEnvironment _environment;
                public ReportsController(IWebHostEnvironment environment) => _environment = environment;

                public IActionResult Export(Func<string> build)
                {
                    try
                    {
                        return Content(build());
                    }
                    catch (Exception ex)
                    {
                        return View("Error", {|AIB2002:new ErrorViewModel { Message = ex.Message }|});
                    }
                }

                public IActionResult Import(Func<string> build)
                {
                    try
                    {
                        return Content(build());
                    }
                    catch (Exception)
                    {
                        return View("Error", new ErrorViewModel { Message = "The import failed.", RequestId = HttpContext.TraceIdentifier });
                    }
                }

                public IActionResult Preview(Func<string> build)
                {
                    try
                    {
                        return Content(build());
                    }
                    catch (Exception ex)
                    {
                        if (_environment.IsDevelopment())
                            return View("Error", new ErrorViewModel { Message = ex.ToString() });
                        return View("Error", new ErrorViewModel { Message = "Preview failed." });
                    }
                }
            }
            """);
    }
}
