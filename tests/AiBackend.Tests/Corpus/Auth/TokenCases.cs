// Labeled corpus: token validation disabled (AIB3002).
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Corpus.Auth.Tokens;

public static class TokenSetup
{
    public static void Configure(IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthentication().AddJwtBearer(options =>
        {
            if (environment.IsDevelopment())
                options.RequireHttpsMetadata = false; // safe: AIB3002
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = false, // expect: AIB3002
                ValidateAudience = true, // safe: AIB3002
                ValidateLifetime = false, // expect: AIB3002
                ValidIssuer = "https://issuer.example.com",
            };
        });

        services.AddAuthentication("Partner").AddJwtBearer("Partner", options =>
        {
            options.RequireHttpsMetadata = false; // expect: AIB3002
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuerSigningKey = false, // safe: AIB3002
                RequireSignedTokens = true, // safe: AIB3002
                SignatureValidator = (token, _) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token), // expect: AIB3002
            };
        });
    }
}
