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

    [Fact]
    public async Task A_redirect_to_a_configured_oauth_url_carrying_the_own_host_is_not_open_but_a_query_url_is()
    {
        await VerifyAsync("""
            public interface IChatOAuth { string BuildAuthorizeUrl(string callbackUrl, string state); }

            [ApiController]
            public sealed class ChatIntegrationController : ControllerBase
            {
                private readonly IChatOAuth _oauth;
                public ChatIntegrationController(IChatOAuth oauth) => _oauth = oauth;

                [HttpGet("integrations/chat/start")]
                public IActionResult Start()
                {
                    var callbackUrl = $"{Request.Scheme}://{Request.Host.ToUriComponent()}/integrations/chat/done";
                    var redirectUrl = _oauth.BuildAuthorizeUrl(callbackUrl, Guid.NewGuid().ToString("N"));
                    return Redirect(redirectUrl);
                }

                [HttpGet("integrations/chat/back")]
                public IActionResult Back([FromQuery] string returnUrl) =>
                    Redirect({|AIB1004:returnUrl + "?linked=1"|});
            }
            """);
    }

    [Fact]
    public async Task A_relative_uri_from_the_request_url_to_the_base_url_stays_on_site_but_the_request_path_does_not()
    {
        await VerifyAsync("""
            public sealed class BasePathRedirectMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly string _basePath;
                public BasePathRedirectMiddleware(RequestDelegate next, string basePath) { _next = next; _basePath = basePath; }

                public async Task Invoke(HttpContext context)
                {
                    var path = context.Request.Path.ToString();
                    if (!path.StartsWith(_basePath, StringComparison.OrdinalIgnoreCase))
                    {
                        var port = context.Request.Host.Port ?? -1;
                        var current = new UriBuilder(context.Request.Scheme, context.Request.Host.Host, port, path).Uri;
                        var target = new UriBuilder(context.Request.Scheme, context.Request.Host.Host, port, _basePath + "/web/").Uri;
                        context.Response.Redirect(current.MakeRelativeUri(target).ToString());
                        return;
                    }

                    if (path.EndsWith("/old", StringComparison.Ordinal))
                    {
                        context.Response.Redirect({|AIB1004:path.Substring(0, path.Length - 4)|});
                        return;
                    }

                    await _next(context);
                }
            }
            """);
    }
}
