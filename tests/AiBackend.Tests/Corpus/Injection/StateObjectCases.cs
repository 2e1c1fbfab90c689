// Labeled corpus: a request DTO copied into a per-request state object the server fills with its own data
// (member paths: only the members the request filled carry its taint).
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Streaming;

public sealed class PlaybackQuery
{
    public string File { get; set; } = "";
    public string Container { get; set; } = "";
    public string ExtraArgs { get; set; } = "";
    public string Callback { get; set; } = "";
}

public interface ILibrary
{
    string PathOf(Guid itemId);
    string EncoderEndpoint { get; }
}

public sealed class PlaybackState
{
    public PlaybackState(string kind) => Kind = kind;

    public string Kind { get; }
    public PlaybackQuery Query { get; set; } = new();
    public string SourcePath { get; set; } = "";
    public string EncoderUrl { get; set; } = "";
    public string CachePath => SourcePath + ".cache";
    public string RequestedFile => Query.File;
}

public sealed record SegmentTarget(string Folder, string Name);

public sealed class PlaybackStateBuilder
{
    private readonly ILibrary _library;

    public PlaybackStateBuilder(ILibrary library) => _library = library;

    public async Task<PlaybackState> BuildAsync(PlaybackQuery query, Guid itemId)
    {
        var state = new PlaybackState("stream") { Query = query };
        state.SourcePath = _library.PathOf(itemId);
        state.EncoderUrl = _library.EncoderEndpoint;
        await Task.Yield();
        return state;
    }
}

public static class Encoder
{
    public static bool HasSource(PlaybackState state) => File.Exists(state.SourcePath);

    public static Task<HttpResponseMessage> Ping(HttpClient http, PlaybackState state) => http.GetAsync(state.EncoderUrl);

    public static Process? Start(PlaybackState state) => Process.Start("ffmpeg", "-i " + state.SourcePath);

    public static Process? StartWithArgs(PlaybackState state) => Process.Start("ffmpeg", state.Query.ExtraArgs); // expect: AIB1002 (at the sink; a handler passes request data in)
}

[ApiController]
[Route("playback")]
public sealed class PlaybackController : ControllerBase
{
    private readonly PlaybackStateBuilder _builder;
    private readonly ILibrary _library;
    private readonly HttpClient _http = new();

    public PlaybackController(PlaybackStateBuilder builder, ILibrary library)
    {
        _builder = builder;
        _library = library;
    }

    [HttpGet("{itemId}/stream")]
    public async Task<IActionResult> Stream(Guid itemId, [FromQuery] PlaybackQuery query)
    {
        var state = await _builder.BuildAsync(query, itemId).ConfigureAwait(false);
        if (!Encoder.HasSource(state)) // safe: AIB1003
            return NotFound();
        await Encoder.Ping(_http, state); // safe: AIB1007
        Encoder.Start(state); // safe: AIB1002
        Encoder.StartWithArgs(state);
        return PhysicalFile(state.CachePath, "video/mp2t"); // safe: AIB1003
    }

    [HttpGet("{itemId}/file")]
    public IActionResult File(Guid itemId, [FromQuery] PlaybackQuery query)
    {
        var state = new PlaybackState("file") { Query = query };
        state.SourcePath = _library.PathOf(itemId);
        if (System.IO.File.Exists(state.SourcePath)) // safe: AIB1003
            return PhysicalFile(state.RequestedFile, "application/octet-stream"); // expect: AIB1003
        return NotFound();
    }

    [HttpPost("{itemId}/notify")]
    public async Task<IActionResult> Notify(Guid itemId, [FromQuery] PlaybackQuery query)
    {
        var state = new PlaybackState("notify") { Query = query, EncoderUrl = _library.EncoderEndpoint };
        await _http.PostAsync(state.EncoderUrl, null); // safe: AIB1007
        await _http.PostAsync(state.Query.Callback, null); // expect: AIB1007
        return Accepted();
    }

    [HttpGet("{itemId}/segment")]
    public IActionResult Segment(Guid itemId, [FromQuery] string segment)
    {
        var target = new SegmentTarget(_library.PathOf(itemId), segment);
        if (!Directory.Exists(target.Folder)) // safe: AIB1003
            return NotFound();
        return PhysicalFile(Path.Combine(target.Folder, target.Name), "video/mp2t"); // expect: AIB1003
    }
}
