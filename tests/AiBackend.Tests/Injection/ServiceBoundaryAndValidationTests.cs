using AiBackend.Analyzers.Injection;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// Issue 13, AIB1003 on a large media server: a file path returned by a service whose implementation lives in another
/// project, and a file extension the framework has already validated with <c>[RegularExpression]</c>.
/// </summary>
public class ServiceBoundaryAndValidationTests
{
    private static Task VerifyAsync(string code) => Verify.VerifyAsync(InjectionTestCode.Usings + code);

    [Fact]
    public async Task A_path_returned_by_a_service_out_of_view_is_its_data_but_an_implementation_in_view_is_followed()
    {
        await VerifyAsync("""
            public sealed record ThumbnailOptions(string ItemId, int Width, string? Background);

            // Implemented in another project, registered at startup: nothing of it is in this compilation.
            public interface IThumbnailRenderer { Task<(string Path, string MimeType)> RenderAsync(ThumbnailOptions options); }

            public interface IExportNamer { string FileFor(string name); }
            public sealed class ExportNamer : IExportNamer { public string FileFor(string name) => Path.Combine("/srv/exports", name); }

            [ApiController]
            public sealed class ThumbnailController : ControllerBase
            {
                private readonly IThumbnailRenderer _renderer;
                private readonly IExportNamer _namer;
                public ThumbnailController(IThumbnailRenderer renderer, IExportNamer namer) => (_renderer, _namer) = (renderer, namer);

                [HttpGet("items/{itemId}/thumbnail")]
                public async Task<IActionResult> Get([FromRoute] string itemId, [FromQuery] int width, [FromQuery] string? background)
                {
                    var (path, mimeType) = await _renderer.RenderAsync(new ThumbnailOptions(itemId, width, background));
                    return PhysicalFile(path, mimeType);
                }

                [HttpGet("exports/{name}")]
                public IActionResult Export([FromRoute] string name) => PhysicalFile({|AIB1003:_namer.FileFor(name)|}, "text/csv");
            }
            """);
    }

    [Fact]
    public async Task An_out_argument_of_a_service_out_of_view_is_not_request_data()
    {
        await VerifyAsync("""
            public interface IMediaLibrary { bool TryGetFile(string id, out string path); }

            [ApiController]
            public sealed class FilesController : ControllerBase
            {
                private readonly IMediaLibrary _library;
                public FilesController(IMediaLibrary library) => _library = library;

                [HttpGet("files/{id}")]
                public IActionResult Get([FromRoute] string id) =>
                    _library.TryGetFile(id, out var path) ? PhysicalFile(path, "application/octet-stream") : NotFound();

                [HttpGet("raw")]
                public IActionResult Raw([FromQuery] string name)
                {
                    var found = int.TryParse(name, out _);
                    return PhysicalFile({|AIB1003:Path.Combine("/srv/raw", name)|}, "application/octet-stream");
                }
            }
            """);
    }

    [Fact]
    public async Task A_mapper_through_an_interface_hands_its_input_on()
    {
        await VerifyAsync("""
            public sealed class ExportRequest { public string FileName { get; set; } = ""; }
            public sealed class ExportCommand { public string FileName { get; set; } = ""; }
            public interface IObjectMapper { TDestination Map<TDestination>(object source); }

            [ApiController]
            public sealed class ExportController : ControllerBase
            {
                private readonly IObjectMapper _mapper;
                public ExportController(IObjectMapper mapper) => _mapper = mapper;

                [HttpPost("exports")]
                public IActionResult Export([FromBody] ExportRequest request)
                {
                    var command = _mapper.Map<ExportCommand>(request);
                    return PhysicalFile({|AIB1003:Path.Combine("/srv/exports", command.FileName)|}, "text/csv");
                }
            }
            """);
    }

    [Fact]
    public async Task A_parameter_validated_by_a_pattern_without_separators_cannot_steer_a_path_but_one_with_them_can()
    {
        await VerifyAsync("""
            public static class Containers
            {
                public const string Pattern = @"^[a-zA-Z0-9|\-\._,]{0,40}$";
            }

            [ApiController]
            public abstract class MediaControllerBase : ControllerBase { }

            public sealed class SegmentsController : MediaControllerBase
            {
                [HttpGet("videos/{id}/segment.{container}")]
                public IActionResult Segment([FromRoute] Guid id, [FromRoute][RegularExpression(Containers.Pattern)] string container) =>
                    PhysicalFile(Path.Combine("/var/cache/transcodes", id.ToString("N") + "." + container), "video/mp2t");

                [HttpGet("videos/{id}/subtitles")]
                public IActionResult Subtitles([FromRoute] Guid id, [FromQuery][RegularExpression(@"^[\w./-]+$")] string file) =>
                    PhysicalFile({|AIB1003:Path.Combine("/var/cache/subtitles", file)|}, "text/vtt");

                [HttpGet("videos/{id}/poster")]
                public IActionResult Poster([FromRoute] Guid id, [FromQuery][RegularExpression(@"^.+\.jpg$")] string name) =>
                    PhysicalFile({|AIB1003:Path.Combine("/var/cache/posters", name)|}, "image/jpeg");
            }
            """.Replace("[RegularExpression(", "[System.ComponentModel.DataAnnotations.RegularExpression("));
    }

    [Fact]
    public async Task A_pattern_is_only_trusted_where_the_framework_rejects_invalid_input_before_the_action()
    {
        await VerifyAsync("""
            public sealed class LegacyMediaController : Controller
            {
                [HttpGet("legacy/segment")]
                public IActionResult Segment([FromQuery][System.ComponentModel.DataAnnotations.RegularExpression(@"^[a-z0-9]+$")] string container) =>
                    PhysicalFile({|AIB1003:Path.Combine("/var/cache", container)|}, "video/mp2t");
            }
            """);
    }

    [Theory]
    [InlineData(@"^[a-zA-Z0-9\-\._,|]{0,40}$", InjectionKinds.Path | InjectionKinds.Redirect | InjectionKinds.Html)]
    [InlineData(@"^[a-z0-9_]+$", InjectionKinds.Path | InjectionKinds.Redirect | InjectionKinds.Html | InjectionKinds.Sql | InjectionKinds.Command | InjectionKinds.Ldap | InjectionKinds.RegexPattern)]
    [InlineData(@"\d{1,5}(?:\.\d{1,3})?", InjectionKinds.Path | InjectionKinds.Redirect | InjectionKinds.Html | InjectionKinds.Sql | InjectionKinds.Command | InjectionKinds.Ldap | InjectionKinds.RegexPattern)]
    [InlineData(@"^\w+$", InjectionKinds.Path | InjectionKinds.Redirect | InjectionKinds.Html)]
    [InlineData(@"^[^/]+$", 0UL)]
    [InlineData(@"^(?=.*\d).+$", 0UL)]
    [InlineData(@"^https?://[a-z.]+/$", InjectionKinds.Html)]
    [InlineData(@"^[a-z]+( [a-z]+)*$", InjectionKinds.Path | InjectionKinds.Redirect | InjectionKinds.Html)]
    public void A_pattern_excludes_the_kinds_its_characters_cannot_form(string pattern, ulong expected)
    {
        var characters = ValidatedPattern.CharacterSet.Of(pattern);
        var excluded = characters is null ? 0 : ValidatedPattern.KindsExcluded(characters);
        Assert.Equal(expected, excluded);
    }
}
