using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// Taint lives on member paths: a request DTO stored into a bigger object taints that member, not its siblings the
/// server fills from its own data (the media-server shape: a per-request state object built around the query DTO).
/// </summary>
public class FieldSensitiveTaintTests
{
    // A state object built around the request, with members the server fills itself.
    private const string StreamTypes = """
        public sealed class StreamRequest
        {
            public string Path { get; set; } = "";
            public string Codec { get; set; } = "";
            public string Arguments { get; set; } = "";
        }

        public interface IMediaSources { string PathOf(Guid id); }

        public sealed class StreamState
        {
            private readonly IMediaSources _sources;

            public StreamState(IMediaSources sources, string kind)
            {
                _sources = sources;
                Kind = kind;
            }

            public string Kind { get; }
            public StreamRequest Request { get; set; } = new();
            public string MediaPath { get; set; } = "";
            public string EncoderUrl { get; set; } = "";
            public string OutputPath => MediaPath + ".ts";
            public string RequestedFile => Request.Path;
        }

        """;

    private static Task VerifyAsync(string code) => Verify.VerifyAsync(InjectionTestCode.Usings + StreamTypes + code);

    [Fact]
    public async Task A_dto_stored_in_a_state_object_taints_only_that_member()
    {
        await VerifyAsync("""
            public sealed class VideosController : ControllerBase
            {
                private readonly IMediaSources _sources;
                private readonly HttpClient _http = new();
                public VideosController(IMediaSources sources) => _sources = sources;

                [HttpGet("videos/{id}/stream")]
                public async Task<IActionResult> Stream(Guid id, [FromQuery] StreamRequest request)
                {
                    var state = new StreamState(_sources, "hls") { Request = request };
                    state.MediaPath = _sources.PathOf(id);
                    state.EncoderUrl = "http://127.0.0.1:8096/encode";

                    if (!System.IO.File.Exists(state.MediaPath))
                        return NotFound();
                    using var output = System.IO.File.OpenWrite(state.OutputPath);
                    await _http.GetAsync(state.EncoderUrl);

                    using var requested = System.IO.File.OpenRead({|AIB1003:state.Request.Path|});
                    using var viaProperty = System.IO.File.OpenRead({|AIB1003:state.RequestedFile|});
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task A_constructor_taints_the_member_it_stores_a_parameter_in()
    {
        await VerifyAsync("""
            public sealed class ExportJob
            {
                public ExportJob(string title, string directory)
                {
                    Title = title;
                    Directory = directory;
                }

                public string Title { get; }
                public string Directory { get; }
            }

            public sealed class ExportController : ControllerBase
            {
                [HttpPost("export")]
                public IActionResult Export([FromQuery] string title)
                {
                    var job = new ExportJob(title, "/srv/exports");
                    Directory.CreateDirectory(job.Directory);
                    System.IO.File.WriteAllText({|AIB1003:job.Title|}, "");
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task A_positional_record_taints_the_property_of_the_parameter()
    {
        await VerifyAsync("""
            public sealed record Upstream(string BaseUrl, string Resource);

            public sealed class ProxyController : ControllerBase
            {
                private readonly HttpClient _http = new();

                [HttpGet("proxy")]
                public async Task<IActionResult> Proxy([FromQuery] string resource, [FromQuery] string host)
                {
                    var upstream = new Upstream("https://cdn.example.com", resource);
                    await _http.GetAsync(upstream.BaseUrl);
                    await _http.GetAsync({|AIB1007:upstream.Resource|});

                    var chosen = new Upstream(host, "index.html");
                    await _http.GetAsync({|AIB1007:chosen.BaseUrl|});
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task A_member_set_in_a_helper_method_is_tainted_at_the_caller()
    {
        await VerifyAsync("""
            public sealed class AudioController : ControllerBase
            {
                private readonly IMediaSources _sources;
                public AudioController(IMediaSources sources) => _sources = sources;

                [HttpGet("audio/{id}")]
                public IActionResult Play(Guid id, [FromQuery] StreamRequest request)
                {
                    var state = new StreamState(_sources, "audio");
                    Attach(state, request);
                    state.MediaPath = _sources.PathOf(id);

                    using var media = System.IO.File.OpenRead(state.MediaPath);
                    using var requested = System.IO.File.OpenRead({|AIB1003:state.Request.Path|});
                    return Ok();
                }

                private static void Attach(StreamState state, StreamRequest request) => state.Request = request;
            }
            """);
    }

    [Fact]
    public async Task A_helper_returning_the_state_object_keeps_its_members_apart()
    {
        await VerifyAsync("""
            public sealed class StreamingHelper
            {
                private readonly IMediaSources _sources;
                public StreamingHelper(IMediaSources sources) => _sources = sources;

                public async Task<StreamState> GetStreamingState(StreamRequest request, Guid id)
                {
                    var state = new StreamState(_sources, "hls") { Request = request };
                    state.MediaPath = _sources.PathOf(id);
                    await Task.Yield();
                    return state;
                }
            }

            public static class Transcoder
            {
                public static void Probe(StreamState state) => Process.Start("ffprobe", state.MediaPath);

                public static void Encode(StreamState state) => Process.Start("ffmpeg", {|AIB1002:state.Request.Arguments|});
            }

            public sealed class HlsController : ControllerBase
            {
                private readonly StreamingHelper _helper;
                public HlsController(StreamingHelper helper) => _helper = helper;

                [HttpGet("hls/{id}")]
                public async Task<IActionResult> Get(Guid id, [FromQuery] StreamRequest request)
                {
                    var state = await _helper.GetStreamingState(request, id).ConfigureAwait(false);
                    Transcoder.Probe(state);
                    using var media = System.IO.File.OpenRead(state.MediaPath);
                    Transcoder.Encode(state);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task A_dto_built_from_query_parameters_taints_the_members_they_fill()
    {
        await VerifyAsync("""
            public sealed class ClipsController : ControllerBase
            {
                private readonly IMediaSources _sources;
                public ClipsController(IMediaSources sources) => _sources = sources;

                [HttpGet("clips/{id}")]
                public IActionResult Get(Guid id, [FromQuery] string? path, [FromQuery] string? codec, [FromQuery] int? width)
                {
                    var request = new StreamRequest { Path = path ?? "", Codec = codec ?? "h264" };
                    var state = new StreamState(_sources, "clip") { Request = request };
                    state.MediaPath = _sources.PathOf(id);

                    Process.Start("ffmpeg", "-i " + state.MediaPath + " -s " + width);
                    Process.Start("ffmpeg", {|AIB1002:"-c:v " + state.Request.Codec|});
                    Process.Start("ffmpeg", "-x " + state.Request.Arguments);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task A_helper_returning_one_member_returns_that_members_taint()
    {
        await VerifyAsync("""
            public interface IPlayback { StreamRequest Request { get; } string MediaPath { get; } }

            public sealed class Playback : IPlayback
            {
                public StreamRequest Request { get; set; } = new();
                public string MediaPath { get; set; } = "";
            }

            public static class PlaybackPaths
            {
                public static string Requested(IPlayback playback) => playback.Request.Path;

                public static string Media(IPlayback playback) => playback.MediaPath;
            }

            public sealed class FilesController : ControllerBase
            {
                private readonly IMediaSources _sources;
                public FilesController(IMediaSources sources) => _sources = sources;

                [HttpGet("files/{id}")]
                public IActionResult Get(Guid id, [FromQuery] StreamRequest request)
                {
                    var playback = new Playback { Request = request, MediaPath = _sources.PathOf(id) };
                    System.IO.File.ReadAllText(PlaybackPaths.Media(playback));
                    System.IO.File.ReadAllText({|AIB1003:PlaybackPaths.Requested(playback)|});
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task A_get_only_property_of_a_library_type_reads_the_whole_object()
    {
        await VerifyAsync("""
            public sealed class ForwardController : ControllerBase
            {
                private readonly HttpClient _http = new();

                [HttpGet("forward")]
                public async Task<IActionResult> Forward([FromQuery] string host)
                {
                    var builder = new UriBuilder("https", "cdn.example.com");
                    builder.Host = host;
                    await _http.GetAsync({|AIB1007:builder.Uri|});
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task Paths_longer_than_the_limit_fold_into_their_prefix()
    {
        await VerifyAsync("""
            public sealed class Leaf { public string A { get; set; } = ""; public string B { get; set; } = ""; }
            public sealed class Branch { public Leaf Leaf { get; set; } = new(); public string Name { get; set; } = ""; }
            public sealed class Trunk { public Branch Branch { get; set; } = new(); public string Name { get; set; } = ""; }
            public sealed class Tree { public Trunk Trunk { get; set; } = new(); public string Name { get; set; } = ""; }

            public sealed class TreesController : ControllerBase
            {
                [HttpGet("trees")]
                public IActionResult Get([FromQuery] string file)
                {
                    var tree = new Tree();
                    tree.Trunk.Branch.Leaf.A = file;

                    // Paths are three members deep: Leaf.A and Leaf.B fold into one slot, Trunk.Branch.Name is another.
                    System.IO.File.ReadAllText({|AIB1003:tree.Trunk.Branch.Leaf.B|});
                    System.IO.File.ReadAllText(tree.Trunk.Branch.Name);
                    System.IO.File.ReadAllText(tree.Trunk.Name);
                    System.IO.File.ReadAllText(tree.Name);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task An_object_read_as_a_whole_is_tainted_by_any_member()
    {
        await VerifyAsync("""
            public sealed class DownloadsController : ControllerBase
            {
                private readonly IMediaSources _sources;
                public DownloadsController(IMediaSources sources) => _sources = sources;

                [HttpGet("downloads/{id}")]
                public IActionResult Get(Guid id, [FromQuery] StreamRequest request)
                {
                    var state = new StreamState(_sources, "file") { Request = request };
                    state.MediaPath = _sources.PathOf(id);

                    System.IO.File.ReadAllText({|AIB1003:$"/srv/{state}"|});
                    System.IO.File.ReadAllText({|AIB1003:System.Text.Json.JsonSerializer.Serialize(state)|});
                    System.IO.File.ReadAllText({|AIB1003:Convert.ToString(state.Request)|});
                    System.IO.File.ReadAllText(Convert.ToString(state.MediaPath)!);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task A_bound_dto_is_request_data_in_every_member()
    {
        await VerifyAsync("""
            public sealed class PlaybackController : ControllerBase
            {
                [HttpGet("playback")]
                public IActionResult Get([FromQuery] StreamRequest request)
                {
                    System.IO.File.ReadAllText({|AIB1003:request.Path|});
                    Process.Start("ffmpeg", {|AIB1002:request.Arguments|});
                    return Ok();
                }
            }
            """);
    }
}
