using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>AIB1008 and AIB1004 where request data does not choose what the rule is about (issue 13).</summary>
public class RegisteredTypeAndRedirectHostTests
{
    private static Task VerifyAsync(string code) => Verify.VerifyAsync(InjectionTestCode.Usings + code);

    [Fact]
    public async Task A_type_from_the_apps_registry_is_not_chosen_by_the_client_but_a_resolved_type_name_is()
    {
        await VerifyAsync("""
            public interface ISettingsRegistry { Type GetSettingsType(string key); }

            [ApiController]
            public sealed class SettingsController : ControllerBase
            {
                private readonly ISettingsRegistry _registry;
                public SettingsController(ISettingsRegistry registry) => _registry = registry;

                [HttpPost("settings/{key}")]
                public IActionResult Update([FromRoute] string key, [FromBody] System.Text.Json.JsonDocument body)
                {
                    var settingsType = _registry.GetSettingsType(key);
                    var settings = System.Text.Json.JsonSerializer.Deserialize(body, settingsType);
                    return Ok(settings);
                }

                [HttpPost("settings/by-name/{typeName}")]
                public IActionResult UpdateByName([FromRoute] string typeName, [FromBody] string json)
                {
                    var type = Type.GetType(typeName)!;
                    return Ok(System.Text.Json.JsonSerializer.Deserialize(json, {|AIB1008:type|}));
                }

                [HttpPost("settings/helper/{typeName}")]
                public IActionResult UpdateThroughHelper([FromRoute] string typeName, [FromBody] string json) =>
                    Ok(System.Text.Json.JsonSerializer.Deserialize(json, {|AIB1008:Resolve(typeName)|}));

                private static Type Resolve(string name) => Type.GetType(name, throwOnError: true)!;
            }
            """);
    }
}
