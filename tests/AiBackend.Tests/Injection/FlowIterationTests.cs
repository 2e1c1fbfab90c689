using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// The engine's iteration over a body's blocks: taint that reaches a sink only around a loop's back edge, or only in a
/// catch or finally block after the try assigned it, is found; a value reassigned before the sink on every iteration
/// is not.
/// </summary>
public class FlowIterationTests
{
    private static Task VerifyAsync(string code) => Verify.VerifyAsync(InjectionTestCode.Usings + code);

    [Fact]
    public async Task Taint_assigned_late_in_a_loop_reaches_a_sink_earlier_in_it()
    {
        await VerifyAsync("""
            [ApiController]
            public sealed class FilesController : ControllerBase
            {
                [HttpGet("files")]
                public IActionResult Read([FromQuery] string name, int count)
                {
                    var path = "/srv/index.txt";
                    var text = "";
                    for (var i = 0; i < count; i++)
                    {
                        text += System.IO.File.ReadAllText({|AIB1003:path|});
                        path = "/srv/" + name;
                    }

                    return Ok(text);
                }
            }
            """);
    }

    [Fact]
    public async Task A_value_reassigned_before_the_sink_on_every_iteration_is_not_reported()
    {
        await VerifyAsync("""
            [ApiController]
            public sealed class FilesController : ControllerBase
            {
                [HttpGet("files")]
                public IActionResult Read([FromQuery] string name, int count)
                {
                    var path = "";
                    var text = "";
                    for (var i = 0; i < count; i++)
                    {
                        path = "/srv/index.txt";
                        text += System.IO.File.ReadAllText(path);
                        path = "/srv/" + name;
                    }

                    return Ok(text + path.Length);
                }
            }
            """);
    }

    [Fact]
    public async Task A_catch_block_sees_what_the_try_assigned()
    {
        await VerifyAsync("""
            [ApiController]
            public sealed class FilesController : ControllerBase
            {
                [HttpGet("files")]
                public IActionResult Read([FromQuery] string name)
                {
                    var fallback = "/srv/index.txt";
                    try
                    {
                        fallback = "/srv/" + name;
                        return Ok(int.Parse(name));
                    }
                    catch (FormatException)
                    {
                        return Ok(System.IO.File.ReadAllText({|AIB1003:fallback|}));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_finally_block_sees_what_the_try_assigned()
    {
        await VerifyAsync("""
            [ApiController]
            public sealed class FilesController : ControllerBase
            {
                [HttpDelete("files")]
                public IActionResult Delete([FromQuery] string name)
                {
                    var scratch = "/tmp/scratch";
                    try
                    {
                        scratch = "/tmp/" + name;
                        return Ok();
                    }
                    finally
                    {
                        System.IO.File.Delete({|AIB1003:scratch|});
                    }
                }
            }
            """);
    }
}
