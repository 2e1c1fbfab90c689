using Microsoft.CodeAnalysis;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// A value checked against an anchored allow-list pattern with <c>Regex.IsMatch</c> (static, <c>[GeneratedRegex]</c>, or a
/// static regex field) carries only what the pattern's characters can form where the check passes.
/// </summary>
public class RegexGuardTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> VerifyAsync(string code) =>
        Verify.VerifyAsync(InjectionTestCode.Usings + "using System.Diagnostics;\nusing System.Text.RegularExpressions;\n" + code);

    [Fact]
    public async Task Values_that_passed_an_anchored_allow_list_pattern_are_clean_for_what_it_excludes()
    {
        await VerifyAsync("""
            public sealed partial class TranscodeController : ControllerBase
            {
                private static readonly Regex Profile = new(@"^[a-z0-9_]{1,20}\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

                [GeneratedRegex("^[A-Za-z0-9]{1,16}$")]
                private static partial Regex Codec();

                [HttpGet("transcode/{codec}")]
                public IActionResult Transcode(string codec, string profile, string container)
                {
                    if (!Codec().IsMatch(codec) || !Profile.IsMatch(profile))
                        return BadRequest();
                    if (!Regex.IsMatch(container, "^[a-z0-9]{2,8}$"))
                        return BadRequest();
                    Process.Start("ffmpeg", "-c:v " + codec + " -profile " + profile + " -f " + container);
                    return Ok();
                }

                [HttpGet("thumbnails/{name}")]
                public IActionResult Thumbnail(string name)
                {
                    // No separator, no drive colon: the name cannot leave the folder.
                    if (Regex.IsMatch(name, @"^[\w.-]+$"))
                        return PhysicalFile(Path.Combine("/srv/thumbnails", name), "image/png");
                    return BadRequest();
                }
            }

            // What the regex source generator writes (the test compilation does not run it).
            public sealed partial class TranscodeController
            {
                private static partial Regex Codec() => new("^[A-Za-z0-9]{1,16}$");
            }
            """);
    }

    [Fact]
    public async Task Unanchored_alternated_multiline_or_too_wide_patterns_clean_nothing()
    {
        await VerifyAsync("""
            public sealed class TranscodeController : ControllerBase
            {
                [HttpGet("a/{codec}")]
                public IActionResult Unanchored(string codec)
                {
                    // IsMatch finds a match anywhere: "h264; rm -rf /" contains letters.
                    if (!Regex.IsMatch(codec, "[a-z0-9]+"))
                        return BadRequest();
                    Process.Start({|AIB1002:"ffmpeg -c:v " + codec|});
                    return Ok();
                }

                [HttpGet("b/{codec}")]
                public IActionResult Alternated(string codec)
                {
                    // "^h264|vp9$" is "starts with h264" or "ends with vp9".
                    if (!Regex.IsMatch(codec, "^h264|vp9$"))
                        return BadRequest();
                    Process.Start({|AIB1002:"ffmpeg -c:v " + codec|});
                    return Ok();
                }

                [HttpGet("c/{codec}")]
                public IActionResult Multiline(string codec)
                {
                    // With Multiline, ^ and $ match at every line: one good line is enough.
                    if (!Regex.IsMatch(codec, "^[a-z0-9]+$", RegexOptions.Multiline))
                        return BadRequest();
                    Process.Start({|AIB1002:"ffmpeg -c:v " + codec|});
                    return Ok();
                }

                [HttpGet("d/{path}")]
                public IActionResult Wide(string path)
                {
                    // Slashes are allowed: still a path that can leave the folder.
                    if (!Regex.IsMatch(path, "^[a-z0-9/.]+$"))
                        return BadRequest();
                    return PhysicalFile({|AIB1003:Path.Combine("/srv/files", path)|}, "text/plain");
                }

                [HttpGet("e/{codec}")]
                public IActionResult Ignored(string codec)
                {
                    // The check's result is not what guards the call.
                    var valid = Regex.IsMatch(codec, "^[a-z0-9]+$");
                    Process.Start({|AIB1002:"ffmpeg -c:v " + codec|});
                    return Ok(valid);
                }
            }
            """);
    }
}
