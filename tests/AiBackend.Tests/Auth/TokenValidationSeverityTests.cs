using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.TokenValidationDisabledAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// AIB3002 by impact (issue 13): switches that let anyone forge, replay or downgrade tokens are warnings; issuer and
/// audience checks only matter when the signing key or authority also serves other applications, so they are
/// suggestions. A severity configured for the ID still applies to both.
/// </summary>
public class TokenValidationSeverityTests
{
    // A single-app symmetric key with the issuer and audience checks off, next to switches that accept forged,
    // expired or unsigned tokens and keys fetched over HTTP.
    private const string Startup = """
        using System;
        using System.Text;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public class Startup
        {
            private readonly IConfiguration _configuration;
            public Startup(IConfiguration configuration) => _configuration = configuration;

            public void ConfigureServices(IServiceCollection services)
            {
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                    .AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidateIssuerSigningKey = true,
                            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuration["Jwt:Key"]!)),
                            [|ValidateIssuer = false|],
                            [|ValidateAudience = false|],
                            [|AudienceValidator = (audiences, token, parameters) => true|],
                        };
                    })
                    .AddJwtBearer("Partners", options =>
                    {
                        options.Authority = _configuration["Partners:Authority"];
                        [|options.RequireHttpsMetadata = false|];
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            [|ValidateLifetime = false|],
                            [|RequireExpirationTime = false|],
                            [|RequireSignedTokens = false|],
                            [|SignatureValidator = (token, parameters) => new JsonWebToken(token)|],
                        };
                    });
            }
        }
        """;

    private static readonly string[] Suggestions = { "ValidateIssuer", "ValidateAudience", "AudienceValidator" };

    [Fact]
    public async Task Issuer_and_audience_checks_are_suggestions_while_forgery_and_replay_stay_warnings()
    {
        var diagnostics = await Verify.VerifyAsync(Startup);

        Assert.Equal(8, diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            var name = diagnostic.GetMessage().TrimStart('\'').Split(' ')[0];
            var expected = Suggestions.Contains(name) ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning;
            Assert.True(expected == diagnostic.Severity, $"{name}: expected {expected}, got {diagnostic.Severity}");
        }
    }

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    public async Task A_configured_severity_overrides_both(string configured, DiagnosticSeverity expected)
    {
        var diagnostics = await Verify.VerifyAsync(Startup, new TestOptions { GlobalConfig = $"dotnet_diagnostic.AIB3002.severity = {configured}" });

        Assert.Equal(8, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal(expected, d.Severity));
    }
}
