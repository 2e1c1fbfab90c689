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
            options.Authority = "http://partner-idp.internal";
            options.RequireHttpsMetadata = false; // expect: AIB3002
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuerSigningKey = false, // safe: AIB3002
                RequireSignedTokens = true, // safe: AIB3002
                SignatureValidator = (token, _) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token), // expect: AIB3002
            };
        });
    }

    public static void ConfigureLocalTokens(IServiceCollection services, IConfiguration configuration)
    {
        var key = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.RequireHttpsMetadata = false; // safe: AIB3002
            options.SaveToken = true;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = configuration["Jwt:Issuer"],
                ValidAudience = configuration["Jwt:Audience"],
                IssuerSigningKey = key,
            };
        });

        services.AddAuthentication("Sso").AddJwtBearer("Sso", options =>
        {
            configuration.Bind("Sso", options);
            options.RequireHttpsMetadata = false; // expect: AIB3002
        });
    }
}
