// Labeled corpus: hard-coded secrets (AIB3003).
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Corpus.Auth.Secrets;

public static class JwtSetup
{
    private const string DevelopmentKey = "dev-signing-key-that-is-long-enough-123";

    public static void AddJwt(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("prod-signing-key-9f8e7d6c5b4a3210")), // expect: AIB3003
                ValidIssuer = "https://issuer.example.com", // safe: AIB3003
            };
        });
    }

    public static SymmetricSecurityKey FromConfiguration(IConfiguration configuration) =>
        new(Encoding.UTF8.GetBytes(configuration["Jwt:SigningKey"]!)); // safe: AIB3003

    public static SymmetricSecurityKey WithFallback(IConfiguration configuration) =>
        new(Encoding.UTF8.GetBytes(configuration["Jwt:SigningKey"] ?? "fallback-key-0123456789abcdef")); // expect: AIB3003

    public static SymmetricSecurityKey FromConstant() => new(Encoding.UTF8.GetBytes(DevelopmentKey)); // expect: AIB3003

    public static SymmetricSecurityKey Random() => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)); // safe: AIB3003
}

public sealed class PaymentGateway
{
    private readonly HttpClient _http;

    public PaymentGateway(HttpClient http)
    {
        _http = http;
        _http.DefaultRequestHeaders.Add("X-Api-Key", "pk_live_7Hq2Lm9Xv4"); // expect: AIB3003
        _http.DefaultRequestHeaders.Add("X-Client-Name", "checkout-service"); // safe: AIB3003
    }

    public void UseToken(IConfiguration configuration)
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.sig"); // expect: AIB3003
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", configuration["Payments:Token"]); // safe: AIB3003
    }
}

public sealed class GatewayOptions
{
    public string ApiKey { get; set; } = "live_9a8b7c6d5e4f"; // expect: AIB3003

    public string Endpoint { get; set; } = "https://payments.example.com"; // safe: AIB3003

    public string ClientSecret { get; set; } = ""; // safe: AIB3003
}

public static class Database
{
    public static NpgsqlDataSource Open() =>
        NpgsqlDataSource.Create("Host=db;Database=shop;Username=shop;Password=Sup3rS3cret!"); // expect: AIB3003

    public static NpgsqlDataSource OpenTrusted() =>
        NpgsqlDataSource.Create("Host=db;Database=shop;Username=shop;Integrated Security=true"); // safe: AIB3003

    public static NpgsqlDataSource OpenConfigured(IConfiguration configuration) =>
        NpgsqlDataSource.Create(configuration.GetConnectionString("Shop")!); // safe: AIB3003

    public static NpgsqlDataSource OpenPlaceholder() =>
        NpgsqlDataSource.Create("Host=db;Database=shop;Username=shop;Password=<from-vault>"); // safe: AIB3003
}
