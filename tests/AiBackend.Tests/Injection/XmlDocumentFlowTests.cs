using Microsoft.CodeAnalysis;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// Request XML parsed into a document (issue 14): the document holds the request's text, so the values read from its
/// nodes are request data; a document loaded from a file the app names is not.
/// </summary>
public class XmlDocumentFlowTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> VerifyAsync(string code) =>
        Verify.VerifyAsync(InjectionTestCode.Usings + "using System.Xml;\nusing System.Xml.Linq;\n" + code);

    [Fact]
    public async Task Node_values_of_a_document_parsed_from_the_request_reach_the_sink()
    {
        await VerifyAsync("""
            public sealed class ImportController : ControllerBase
            {
                [HttpPost("imports")]
                public IActionResult Import([FromBody] string xml)
                {
                    var document = new XmlDocument { XmlResolver = null };
                    document.LoadXml(xml);
                    var file = document.SelectSingleNode("/import/file")?.InnerText ?? "";
                    return Content(System.IO.File.ReadAllText({|AIB1003:Path.Combine("/srv/imports", file)|}));
                }

                [HttpPost("imports/stream")]
                public async Task<IActionResult> ImportStream()
                {
                    var document = new XmlDocument { XmlResolver = null };
                    using var reader = new StreamReader(Request.Body);
                    document.Load(reader);
                    var target = document.DocumentElement?.GetAttribute("returnUrl") ?? "/";
                    await Task.CompletedTask;
                    return Redirect({|AIB1004:target|});
                }

                [HttpPost("imports/linq")]
                public IActionResult ImportLinq([FromBody] string xml)
                {
                    var document = XDocument.Parse(xml);
                    var file = document.Root?.Element("file")?.Value ?? "";
                    return Content(System.IO.File.ReadAllText({|AIB1003:Path.Combine("/srv/imports", file)|}));
                }
            }
            """);
    }

    [Fact]
    public async Task A_document_loaded_from_the_apps_own_file_is_not_request_data()
    {
        await VerifyAsync("""
            public sealed class SettingsController : ControllerBase
            {
                [HttpGet("settings/{name}")]
                public IActionResult Get(string name)
                {
                    var document = new XmlDocument { XmlResolver = null };
                    document.Load("/etc/app/settings.xml");
                    var file = document.SelectSingleNode("/settings/template")?.InnerText ?? "default.html";
                    return Content(System.IO.File.ReadAllText(Path.Combine("/srv/templates", file)));
                }
            }
            """);
    }
}
