using AiBackend.Analyzers.Auth;
using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.TokenValidationDisabledAnalyzer>;

namespace AiBackend.Tests.Auth;

public class TokenValidationDisabledAnalyzerTests
{
    private const string Usings = """
        using System;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        """;

    [Theory]
    [InlineData("ValidateIssuer")]
    [InlineData("ValidateAudience")]
    [InlineData("ValidateLifetime")]
    [InlineData("RequireSignedTokens")]
    [InlineData("RequireExpirationTime")]
    [InlineData("RequireAudience")]
    public async Task Switch_turned_off_in_an_object_initializer_is_reported(string property)
    {
        var diagnostics = await Verify.VerifyAsync(Usings + $$"""
            static class Auth
            {
                public static TokenValidationParameters Parameters() => new()
                {
                    ValidIssuer = "https://issuer",
                    [|{{property}} = false|],
                };
            }
            """);

        Assert.StartsWith($"'{property} = false' disables token validation: ", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Switch_turned_off_by_assignment_inside_AddJwtBearer_is_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters.ValidateIssuer = true;
                        [|options.TokenValidationParameters.ValidateLifetime = false|];
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Constant_false_from_a_named_constant_is_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Auth
            {
                private const bool Off = false;
                public static TokenValidationParameters Parameters() => new() { [|ValidateAudience = Off|] };
            }
            """);
    }

    [Fact]
    public async Task Switches_left_on_or_set_from_configuration_are_not_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Auth
            {
                public static TokenValidationParameters Parameters(bool fromConfig, TokenValidationParameters other) => new()
                {
                    ValidateIssuer = true,
                    ValidateAudience = fromConfig,
                    ValidateLifetime = other.ValidateLifetime,
                    // Off by default: setting them to false changes nothing.
                    ValidateIssuerSigningKey = false,
                    ValidateActor = false,
                    ValidateTokenReplay = false,
                };

                public static bool Reads(TokenValidationParameters p) => p.ValidateIssuer == false;
            }
            """);
    }

    [Fact]
    public async Task Same_property_name_on_an_unrelated_type_is_not_reported()
    {
        await Verify.VerifyAsync(Usings + """
            sealed class MyOptions { public bool ValidateIssuer { get; set; } public bool RequireHttpsMetadata { get; set; } }
            static class Auth
            {
                public static MyOptions Options() => new() { ValidateIssuer = false, RequireHttpsMetadata = false };
            }
            """);
    }

    [Fact]
    public async Task RequireHttpsMetadata_off_outside_a_development_check_is_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.Authority = "https://login.example.com";
                        [|options.RequireHttpsMetadata = false|];
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task RequireHttpsMetadata_off_only_in_development_is_not_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Startup
            {
                public static void Configure(IServiceCollection services, IHostEnvironment environment)
                {
                    if (environment.IsDevelopment())
                        services.AddAuthentication().AddJwtBearer(options => options.RequireHttpsMetadata = false);

                    services.AddAuthentication().AddJwtBearer("other", options =>
                    {
                        if (!environment.IsProduction())
                            options.RequireHttpsMetadata = false;
                        options.RequireHttpsMetadata = !environment.IsDevelopment();
                    });

                    if (environment.IsProduction()) { }
                    else { services.AddAuthentication().AddJwtBearer("third", o => o.RequireHttpsMetadata = false); }
                }
            }
            """);
    }

    [Fact]
    public async Task RequireHttpsMetadata_off_in_the_production_branch_is_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Startup
            {
                public static void Configure(IServiceCollection services, IHostEnvironment environment)
                {
                    if (environment.IsDevelopment()) { }
                    else services.AddAuthentication().AddJwtBearer(o => { o.MetadataAddress = "http://idp/.well-known/openid-configuration"; [|o.RequireHttpsMetadata = false|]; });
                }
            }
            """);
    }

    [Fact]
    public async Task Validators_that_accept_everything_are_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Auth
            {
                public static TokenValidationParameters Parameters() => new()
                {
                    [|SignatureValidator = (token, parameters) => new JsonWebToken(token)|],
                    [|LifetimeValidator = (notBefore, expires, token, parameters) => true|],
                    [|AudienceValidator = (audiences, token, parameters) => { return true; }|],
                    [|IssuerValidator = (issuer, token, parameters) => issuer|],
                    [|IssuerSigningKeyValidator = (key, token, parameters) => true|],
                };
            }
            """);
    }

    [Fact]
    public async Task Validators_that_check_something_are_not_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Auth
            {
                public static TokenValidationParameters Parameters(string expected) => new()
                {
                    LifetimeValidator = (notBefore, expires, token, parameters) => expires > DateTime.UtcNow,
                    AudienceValidator = (audiences, token, parameters) => false,
                    IssuerValidator = (issuer, token, parameters) =>
                    {
                        if (issuer != expected)
                            throw new SecurityTokenInvalidIssuerException("unknown issuer");
                        return issuer;
                    },
                    SignatureValidator = (token, parameters) =>
                    {
                        var handler = new JsonWebTokenHandler();
                        var result = handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
                        return result.IsValid ? result.SecurityToken : throw new SecurityTokenInvalidSignatureException();
                    },
                };
            }
            """);
    }

    [Fact]
    public async Task Top_level_minimal_api_program_is_analyzed()
    {
        await Verify.VerifyAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer(options =>
            {
                if (builder.Environment.IsDevelopment())
                    options.RequireHttpsMetadata = false;
                options.TokenValidationParameters = new TokenValidationParameters { [|ValidateIssuer = false|] };
            });
            builder.Build().Run();
            """,
            new TestOptions { OutputKind = OutputKindOption.Application });
    }

    [Fact]
    public async Task Severity_can_be_turned_off_in_editorconfig()
    {
        await Verify.VerifyAsync(
            Usings + "static class Auth { public static TokenValidationParameters P() => new() { ValidateIssuer = false }; }",
            new TestOptions { GlobalConfig = "dotnet_diagnostic.AIB3002.severity = none" });
    }

    [Fact]
    public async Task Pragma_suppresses_the_diagnostic()
    {
        await Verify.VerifyAsync(Usings + """
            static class Auth
            {
            #pragma warning disable AIB3002 // Local integration tests issue tokens without an audience.
                public static TokenValidationParameters P() => new() { ValidateAudience = false };
            #pragma warning restore AIB3002
            }
            """);
    }

    [Fact]
    public async Task Code_without_identity_packages_is_not_analyzed_and_broken_code_does_not_crash()
    {
        await Verify.VerifyAsync(
            "class C { void M() { var p = new TokenValidationParameters { ValidateIssuer = false }; p.ValidateAudience = } }",
            new TestOptions { AllowCompilerErrors = true });
        await Verify.VerifyAsync(
            Usings + "class C { void M() { var p = new TokenValidationParameters { ValidateIssuer = }; p.SignatureValidator = (a, b) => ; } }",
            new TestOptions { AllowCompilerErrors = true });
    }

    [Fact]
    public void Descriptor_is_a_warning_in_the_auth_category()
    {
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, TokenValidationDisabledAnalyzer.Rule.DefaultSeverity);
        Assert.Equal("Security.Auth", TokenValidationDisabledAnalyzer.Rule.Category);
    }
}
