using Verify = AiBackend.Testing.CodeFixVerifier<AiBackend.Analyzers.Auth.TokenValidationDisabledAnalyzer, AiBackend.CodeFixes.Auth.TokenValidationDisabledCodeFix>;

namespace AiBackend.Tests.Auth;

public class TokenValidationDisabledCodeFixTests
{
    [Fact]
    public async Task Turns_every_literal_switch_back_on()
    {
        await Verify.VerifyAsync(
            """
            using Microsoft.IdentityModel.Tokens;

            static class Auth
            {
                public static TokenValidationParameters Parameters() => new()
                {
                    [|ValidateIssuer = false|],
                    [|ValidateLifetime = false|] /* for now */,
                };

                public static void Relax(TokenValidationParameters p) => [|p.RequireSignedTokens = false|];
            }
            """,
            """
            using Microsoft.IdentityModel.Tokens;

            static class Auth
            {
                public static TokenValidationParameters Parameters() => new()
                {
                    ValidateIssuer = true,
                    ValidateLifetime = true /* for now */,
                };

                public static void Relax(TokenValidationParameters p) => p.RequireSignedTokens = true;
            }
            """);
    }

    [Fact]
    public async Task Leaves_named_constants_and_validators_alone()
    {
        // A constant may be shared with other code, and a permissive validator has no mechanical fix:
        // both stay reported after the fix ran.
        const string Code = """
            using Microsoft.IdentityModel.Tokens;

            static class Auth
            {
                private const bool Off = false;
                public static TokenValidationParameters Parameters() => new()
                {
                    [|ValidateAudience = Off|],
                    [|LifetimeValidator = (a, b, c, d) => true|],
                };
            }
            """;
        await Verify.VerifyAsync(Code, Code);
    }

    [Fact]
    public async Task Turns_RequireHttpsMetadata_back_on()
    {
        await Verify.VerifyAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;

            static class Startup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddAuthentication().AddJwtBearer(o => { o.Authority = "https://login.example.com"; [|o.RequireHttpsMetadata = false|]; });
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;

            static class Startup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddAuthentication().AddJwtBearer(o => { o.Authority = "https://login.example.com"; o.RequireHttpsMetadata = true; });
            }
            """);
    }
}
