using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// Public surfaces (sign-in, token, health…) are recognised by the words of a route or handler name, not by letters
/// that happen to line up: <c>DELETE /tokens/{id}</c> manages tokens, <c>/signing-keys</c> is no sign-in and
/// <c>/shipping</c> no ping (issue 13). Lower-case compounds (<c>/accounts/prelogin</c>) still count.
/// </summary>
public class EndpointPublicSurfaceWordsTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public static class Setup
        {
            public static void Configure(IServiceCollection services) => services.AddAuthorization();
        }

        """;

    [Fact]
    public async Task Letters_of_a_public_word_inside_other_words_do_not_make_an_endpoint_public()
    {
        await Verify.VerifyAsync(Usings + """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.{|AIB3001:MapDelete|}("/api/tokens/{id}", (int id) => Results.NoContent());
                    app.{|AIB3001:MapDelete|}("/api/keys/{tokenId}", (int tokenId) => Results.NoContent());
                    app.{|AIB3001:MapDelete|}("/api/signing-keys/{id}", (int id) => Results.NoContent());
                    app.{|AIB3001:MapPut|}("/api/shipping/{id}", (int id) => Results.NoContent());
                }
            }
            """);
    }

    [Fact]
    public async Task Public_words_spelled_as_words_or_compounds_still_count()
    {
        await Verify.VerifyAsync(Usings + """
            [Route("accounts")]
            public sealed class AccountsController : ControllerBase
            {
                [HttpPut("prelogin")] public IActionResult PreLogin() => NoContent();
                [HttpPut("registerfinish")] public IActionResult Finish() => NoContent();
                [HttpDelete("sign-out")] public IActionResult Leave() => NoContent();
                [HttpDelete("session")] public IActionResult RefreshTokenRevoke() => NoContent();
            }

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapPut("/connect/token", () => Results.Ok());
                    app.MapDelete("/healthz", () => Results.NoContent());
                    app.MapPut("/.well-known/openid-configuration", () => Results.Ok());
                }
            }
            """);
    }
}
