using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.TokenValidationDisabledAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>RequireHttpsMetadata only matters for options that download metadata (issue 13).</summary>
public class TokenValidationDisabledMetadataTests
{
    private const string Usings = """
        using System;
        using System.Text;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        """;

    [Fact]
    public async Task Options_validating_with_a_local_key_never_fetch_metadata()
    {
        await Verify.VerifyAsync(Usings + """
            static class Startup
            {
                public static void Configure(IServiceCollection services, IConfiguration configuration)
                {
                    var signingKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!));
                    services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
                    {
                        options.RequireHttpsMetadata = false;
                        options.SaveToken = true;
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidIssuer = configuration["Jwt:Issuer"],
                            ValidAudience = configuration["Jwt:Audience"],
                            IssuerSigningKey = signingKey,
                        };
                    });

                    services.AddAuthentication().AddJwtBearer("other", o => o.RequireHttpsMetadata = false);
                }

                public static JwtBearerOptions Build(SecurityKey key) => new()
                {
                    RequireHttpsMetadata = false,
                    Authority = null,
                    TokenValidationParameters = new TokenValidationParameters { IssuerSigningKey = key },
                };
            }
            """);
    }

    [Fact]
    public async Task Options_that_set_or_may_set_a_metadata_source_are_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Startup
            {
                public static void Configure(IServiceCollection services, IConfiguration configuration)
                {
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        [|options.RequireHttpsMetadata = false|];
                        options.Authority = configuration["Auth:Authority"];
                        options.Audience = "orders-api";
                    });

                    services.AddAuthentication().AddJwtBearer("bound", options =>
                    {
                        configuration.GetSection("Auth").Bind(options);
                        [|options.RequireHttpsMetadata = false|];
                    });

                    services.AddAuthentication().AddJwtBearer("metadata", options =>
                    {
                        options.MetadataAddress = "http://idp.internal/.well-known/openid-configuration";
                        [|options.RequireHttpsMetadata = false|];
                    });
                }

                public static JwtBearerOptions Build(string authority) => new()
                {
                    Authority = authority,
                    [|RequireHttpsMetadata = false|],
                };

                public static void Apply(JwtBearerOptions options, IConfiguration configuration)
                {
                    [|options.RequireHttpsMetadata = false|];
                    ConfigureAuthority(options, configuration);
                }

                private static void ConfigureAuthority(JwtBearerOptions options, IConfiguration configuration) =>
                    options.Authority = configuration["Auth:Authority"];
            }

            sealed class Holder
            {
                private readonly JwtBearerOptions _options = new();
                public void Loosen() => [|_options.RequireHttpsMetadata = false|];
            }
            """);
    }
}
