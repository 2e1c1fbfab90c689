using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.SensitiveDataExposedAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>Credentials read from configuration by key are credentials too (issue 13: "an API key from configuration").</summary>
public class SensitiveDataConfigurationTests
{
    [Fact]
    public async Task Secrets_read_from_configuration_reaching_logs_and_responses_are_reported()
    {
        await Verify.VerifyAsync("using Microsoft.Extensions.Configuration;\n" + AuthTestCode.Usings + """
            public static class Diagnostics
            {
                public static void Map(WebApplication app, IConfiguration configuration, ILogger logger)
                {
                    {|AIB3011:logger.LogInformation("Orders database: {ConnectionString}", configuration.GetConnectionString("Orders"))|};
                    Console.WriteLine({|AIB3011:"Mail password: " + configuration.GetValue<string>("Mail:Password")|});

                    app.MapGet("/debug/stripe", () => Results.Ok({|AIB3011:configuration["Stripe:SecretKey"]|}));
                    app.MapGet("/debug/connection", (IConfiguration config) =>
                    {
                        var section = config.GetSection("ConnectionStrings");
                        return Results.Text({|AIB3011:section["OrdersConnectionString"]|});
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Public_settings_read_from_configuration_are_not_reported()
    {
        await Verify.VerifyAsync("using Microsoft.Extensions.Configuration;\n" + AuthTestCode.Usings + """
            public static class Settings
            {
                public static void Map(WebApplication app, IConfiguration configuration, ILogger logger)
                {
                    logger.LogInformation("Issuer {Issuer}", configuration["Jwt:Issuer"]);
                    logger.LogInformation("Minimum length {Length}", configuration.GetValue<int>("Passwords:RequiredLength"));
                    app.MapGet("/config/stripe", () => Results.Ok(new { key = configuration["Stripe:PublishableKey"] }));
                    app.MapGet("/config/name", () => Results.Text(configuration.GetValue<string>("App:Name") ?? ""));
                }
            }
            """);
    }
}
