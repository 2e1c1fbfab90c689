using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// Request data kept between calls: in a field of the handler's own class, a static field, a linked list, a
/// serialised buffer; and an object whose class the handler chose with <c>new</c>.
/// </summary>
public class ObjectStateFlowTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> VerifyAsync(string code) =>
        Verify.VerifyAsync(InjectionTestCode.Usings + code);

    [Fact]
    public async Task A_field_set_by_the_handler_reaches_the_sink_in_a_helper_it_calls()
    {
        await VerifyAsync("""
            public sealed class ExportsController : ControllerBase
            {
                private string _fileName = "";

                [HttpGet("exports/{name}")]
                public IActionResult Download(string name)
                {
                    _fileName = name;
                    return Content(ReadExport());
                }

                [HttpGet("exports/latest")]
                public IActionResult Latest()
                {
                    _fileName = "latest.csv";
                    return Content(ReadExport());
                }

                private string ReadExport() => System.IO.File.ReadAllText({|AIB1003:Path.Combine("/srv/exports", _fileName)|});
            }
            """);
    }

    [Fact]
    public async Task A_field_set_in_one_request_is_not_read_by_another_request_of_a_scoped_controller()
    {
        await VerifyAsync("""
            public sealed class ReportsController : ControllerBase
            {
                private string _title = "report";

                [HttpPost("reports/title")]
                public void SetTitle(string title) => _title = title;

                [HttpGet("reports")]
                public IActionResult Get() => Content(Render());

                private string Render() => System.IO.File.ReadAllText(Path.Combine("/srv/reports", _title + ".html"));
            }
            """);
    }

    [Fact]
    public async Task A_field_a_helper_sets_comes_back_to_the_caller()
    {
        await VerifyAsync("""
            public sealed class AttachmentsController : ControllerBase
            {
                private string _path = "";

                [HttpGet("attachments/{name}")]
                public IActionResult Get(string name)
                {
                    Resolve(name);
                    return PhysicalFile({|AIB1003:_path|}, "application/octet-stream");
                }

                [HttpGet("attachments/safe/{name}")]
                public IActionResult GetSafe(string name)
                {
                    ResolveFileName(name);
                    return PhysicalFile(_path, "application/octet-stream");
                }

                private void Resolve(string name) => _path = Path.Combine("/srv/attachments", name);

                private void ResolveFileName(string name) => _path = Path.Combine("/srv/attachments", Path.GetFileName(name));
            }
            """);
    }

    [Fact]
    public async Task Injected_services_in_readonly_fields_stay_services()
    {
        await VerifyAsync("""
            public interface IClock { DateTime Now { get; } }

            public sealed class ArchiveController : ControllerBase
            {
                private readonly IClock _clock;
                private readonly string _root;

                public ArchiveController(IClock clock, string root)
                {
                    _clock = clock;
                    _root = root;
                }

                [HttpGet("archive/{year}")]
                public IActionResult Get(string year) => Content(ReadIndex());

                private string ReadIndex() => System.IO.File.ReadAllText(Path.Combine(_root, _clock.Now.Year + ".json"));
            }
            """);
    }

    [Fact]
    public async Task A_static_field_set_from_the_request_is_read_by_the_code_the_handler_calls()
    {
        await VerifyAsync("""
            public static class ImportContext
            {
                public static string CurrentFile = "";
                public static readonly string Root = "/srv/imports";
            }

            public static class ImportRunner
            {
                public static string Run() => System.IO.File.ReadAllText({|AIB1003:Path.Combine(ImportContext.Root, ImportContext.CurrentFile)|});

                public static string RunDefault()
                {
                    ImportContext.CurrentFile = "default.csv";
                    return System.IO.File.ReadAllText(Path.Combine(ImportContext.Root, ImportContext.CurrentFile));
                }
            }

            public sealed class ImportsController : ControllerBase
            {
                [HttpPost("imports/{file}")]
                public IActionResult Start(string file)
                {
                    ImportContext.CurrentFile = file;
                    return Content(ImportRunner.Run());
                }

                [HttpPost("imports/nightly")]
                public IActionResult Nightly()
                {
                    ImportContext.CurrentFile = "nightly.csv";
                    return Content(ImportRunner.Run());
                }

                [HttpPost("imports/default/{file}")]
                public IActionResult Default(string file)
                {
                    ImportContext.CurrentFile = file;
                    return Content(ImportRunner.RunDefault());
                }
            }
            """);
    }

    [Fact]
    public async Task A_linked_list_holds_what_was_added_to_it()
    {
        await VerifyAsync("""
            public sealed class RecentSearches
            {
                public static string Last(LinkedList<string> terms) => terms.Last!.Value;
            }

            public sealed class SearchController : ControllerBase
            {
                [HttpGet("search")]
                public IActionResult Search(string term)
                {
                    var recent = new LinkedList<string>();
                    recent.AddFirst("index");
                    recent.AddLast(term);
                    return Content(System.IO.File.ReadAllText({|AIB1003:RecentSearches.Last(recent)|}));
                }

                [HttpGet("search/defaults")]
                public IActionResult Defaults(string term)
                {
                    var recent = new LinkedList<string>();
                    recent.AddLast("index");
                    var ignored = new LinkedList<string>();
                    ignored.AddLast(term);
                    return Content(System.IO.File.ReadAllText(RecentSearches.Last(recent)));
                }
            }
            """);
    }

    [Fact]
    public async Task Request_data_survives_a_serialisation_round_trip()
    {
        await VerifyAsync("""
            public sealed class ImportRequest { public string File { get; set; } = ""; }

            public static class SnapshotCodec
            {
                private static readonly System.Xml.Serialization.XmlSerializer Serializer = new(typeof(ImportRequest));

                public static string Save(ImportRequest request)
                {
                    using var writer = new StringWriter();
                    Serializer.Serialize(writer, request);
                    return writer.ToString();
                }

                public static ImportRequest Load(string snapshot)
                {
                    using var reader = new StringReader(snapshot);
                    return (ImportRequest)Serializer.Deserialize(reader)!;
                }
            }

            public sealed class ImportController : ControllerBase
            {
                [HttpPost("imports")]
                public IActionResult Import([FromBody] ImportRequest request)
                {
                    var restored = SnapshotCodec.Load(SnapshotCodec.Save(request));
                    return Content(System.IO.File.ReadAllText({|AIB1003:restored.File|}));
                }

                [HttpPost("imports/default")]
                public IActionResult ImportDefault([FromBody] ImportRequest request)
                {
                    var restored = SnapshotCodec.Load(SnapshotCodec.Save(new ImportRequest { File = "/srv/imports/default.csv" }));
                    return Content(System.IO.File.ReadAllText(restored.File));
                }
            }
            """);
    }

    [Fact]
    public async Task Request_data_survives_a_round_trip_through_a_byte_buffer()
    {
        await VerifyAsync("""
            public sealed class DraftRequest { public string Template { get; set; } = ""; }

            public static class DraftCache
            {
                public static byte[] Pack(DraftRequest draft)
                {
                    using var buffer = new MemoryStream();
                    System.Text.Json.JsonSerializer.Serialize(buffer, draft);
                    return buffer.ToArray();
                }

                public static DraftRequest Unpack(byte[] packed)
                {
                    using var buffer = new MemoryStream();
                    buffer.Write(packed, 0, packed.Length);
                    buffer.Position = 0;
                    return System.Text.Json.JsonSerializer.Deserialize<DraftRequest>(buffer)!;
                }
            }

            public sealed class DraftsController : ControllerBase
            {
                [HttpPost("drafts")]
                public IActionResult Preview([FromBody] DraftRequest draft)
                {
                    var restored = DraftCache.Unpack(DraftCache.Pack(draft));
                    return Content(System.IO.File.ReadAllText({|AIB1003:Path.Combine("/srv/templates", restored.Template)|}));
                }
            }
            """);
    }

    [Fact]
    public async Task Encoded_text_stays_request_data_and_its_digest_does_not()
    {
        await VerifyAsync("""
            public static class CacheKeys
            {
                public static byte[] Encode(string text) => System.Text.Encoding.UTF8.GetBytes(text);
                public static string Decode(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
                public static string Digest(byte[] bytes) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
            }

            public sealed class CacheController : ControllerBase
            {
                [HttpGet("cache/{key}")]
                public IActionResult Get(string key)
                {
                    var bytes = CacheKeys.Encode(key);
                    return Content(System.IO.File.ReadAllText({|AIB1003:Path.Combine("/srv/cache", CacheKeys.Decode(bytes))|}));
                }

                [HttpGet("cache/hashed/{key}")]
                public IActionResult GetHashed(string key)
                {
                    var bytes = CacheKeys.Encode(key);
                    return Content(System.IO.File.ReadAllText(Path.Combine("/srv/cache", CacheKeys.Digest(bytes))));
                }
            }
            """);
    }

    [Fact]
    public async Task A_virtual_call_on_an_object_the_handler_created_runs_that_class_only()
    {
        var diagnostics = await VerifyAsync("""
            public abstract class Exporter
            {
                public abstract string Export(string name);
            }

            public sealed class RawExporter : Exporter
            {
                public override string Export(string name) => System.IO.File.ReadAllText({|AIB1003:Path.Combine("/srv/exports", name)|});
            }

            public sealed class FileNameExporter : Exporter
            {
                public override string Export(string name) => System.IO.File.ReadAllText(Path.Combine("/srv/exports", Path.GetFileName(name)));
            }

            public sealed class ExportController : ControllerBase
            {
                [HttpGet("export/safe")]
                public IActionResult Safe(string name)
                {
                    Exporter exporter = new FileNameExporter();
                    return Content(exporter.Export(name));
                }

                [HttpGet("export/raw")]
                public IActionResult Raw(string name)
                {
                    Exporter exporter = new RawExporter();
                    return Content(exporter.Export(name));
                }

                [HttpGet("export/either")]
                public IActionResult Either(string name, bool raw)
                {
                    Exporter exporter = new FileNameExporter();
                    if (raw)
                        exporter = new RawExporter();
                    return Content(exporter.Export(name));
                }
            }
            """);

        // Reported once at the raw exporter's sink, through the two handlers that may run it; not through Safe.
        var calls = diagnostics.Single().AdditionalLocations.Take(2).Select(l => l.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(new[] { 42, 51 }, calls);
    }
}
