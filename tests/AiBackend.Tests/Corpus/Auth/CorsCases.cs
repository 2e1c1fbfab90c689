// Labeled corpus: permissive CORS with credentials (AIB3008).
namespace Corpus.Auth.Cors;

public static class CorsPolicies
{
    public static void AddPolicies(IServiceCollection services)
    {
        services.AddCors(options =>
        {
            options.AddPolicy("spa-any", policy => policy
                .SetIsOriginAllowed(_ => true) // expect: AIB3008
                .AllowAnyHeader()
                .AllowCredentials());

            options.AddPolicy("spa", policy => policy
                .WithOrigins("https://app.example.com") // safe: AIB3008
                .AllowAnyHeader()
                .AllowCredentials());

            options.AddPolicy("public", policy => policy.AllowAnyOrigin().AllowAnyMethod()); // safe: AIB3008

            options.AddPolicy("star", policy => policy.WithOrigins("*").AllowCredentials()); // expect: AIB3008

            options.AddPolicy("partners", policy =>
            {
                policy.AllowAnyOrigin(); // expect: AIB3008
                policy.AllowAnyMethod();
                policy.AllowCredentials();
            });

            options.AddPolicy("checked", policy => policy
                .SetIsOriginAllowed(origin => new Uri(origin).Host.EndsWith(".example.com", StringComparison.Ordinal)) // safe: AIB3008
                .AllowCredentials());

            options.AddPolicy("open-read", policy => policy.SetIsOriginAllowed(_ => true).WithMethods("GET")); // safe: AIB3008

            options.AddDefaultPolicy(policy => policy.AllowAnyOrigin().AllowCredentials().AllowAnyHeader()); // expect: AIB3008
        });
    }
}
