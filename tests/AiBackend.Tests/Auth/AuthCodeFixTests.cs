using AiBackend.Analyzers.Auth;
using AiBackend.CodeFixes.Auth;
using AiBackend.Testing;

namespace AiBackend.Tests.Auth;

/// <summary>Each auth fix compiles and clears its diagnostic.</summary>
public class AuthCodeFixTests
{
    private static readonly string Usings = AuthTestCode.Usings;

    [Fact]
    public async Task Literal_secret_moves_to_configuration()
    {
        await CodeFixVerifier<HardcodedSecretAnalyzer, HardcodedSecretCodeFix>.VerifyAsync(Usings + """
            public static class Setup
            {
                public static SymmetricSecurityKey Key(WebApplicationBuilder builder) =>
                    new(Encoding.UTF8.GetBytes({|AIB3003:"super-secret-signing-key-1234567890"|}));
            }
            """, Usings + """
            public static class Setup
            {
                public static SymmetricSecurityKey Key(WebApplicationBuilder builder) =>
                    new(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:SigningKey"]!));
            }
            """);
    }

    [Fact]
    public async Task Iterations_rise_to_the_floor()
    {
        await CodeFixVerifier<WeakPasswordHashingAnalyzer, WeakPasswordHashingCodeFix>.VerifyAsync(Usings + """
            public static class Hashing
            {
                public static byte[] Derive(string password, byte[] salt) =>
                    Rfc2898DeriveBytes.Pbkdf2(password, salt, {|AIB3004:10000|}, HashAlgorithmName.SHA256, 32);
            }
            """, Usings + """
            public static class Hashing
            {
                public static byte[] Derive(string password, byte[] salt) =>
                    Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
            }
            """);
    }

    [Fact]
    public async Task Random_becomes_RandomNumberGenerator()
    {
        await CodeFixVerifier<InsecureRandomnessAnalyzer, InsecureRandomnessCodeFix>.VerifyAsync(Usings + """
            public sealed class Codes
            {
                private readonly Random _random = new();
                public int ResetCode() => {|AIB3005:_random.Next(100000, 1000000)|};
                public byte[] CreateToken()
                {
                    var buffer = new byte[32];
                    {|AIB3005:_random.NextBytes(buffer)|};
                    return buffer;
                }
            }
            """, Usings + """
            public sealed class Codes
            {
                private readonly Random _random = new();
                public int ResetCode() => RandomNumberGenerator.GetInt32(100000, 1000000);
                public byte[] CreateToken()
                {
                    var buffer = new byte[32];
                    RandomNumberGenerator.Fill(buffer);
                    return buffer;
                }
            }
            """);
    }

    [Fact]
    public async Task Comparisons_become_fixed_time()
    {
        await CodeFixVerifier<TimingUnsafeComparisonAnalyzer, TimingUnsafeComparisonCodeFix>.VerifyAsync(Usings + """
            public static class Checks
            {
                public static bool Signature(string signature, string expected) => {|AIB3006:signature != expected|};
                public static bool Hash(byte[] hash, byte[] computed) => {|AIB3006:hash.SequenceEqual(computed)|};
            }
            """, Usings + """
            public static class Checks
            {
                public static bool Signature(string signature, string expected) => !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signature), Encoding.UTF8.GetBytes(expected));
                public static bool Hash(byte[] hash, byte[] computed) => CryptographicOperations.FixedTimeEquals(hash, computed);
            }
            """);
    }

    [Fact]
    public async Task Middleware_moves_before_what_it_must_precede()
    {
        await CodeFixVerifier<AuthMiddlewareOrderAnalyzer, AuthMiddlewareOrderCodeFix>.VerifyAsync(Usings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseRouting();
                    app.UseAuthorization();
                    {|AIB3007:app.UseAuthentication()|};
                }
            }
            """, Usings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseAuthorization();
                }
            }
            """);
    }

    [Fact]
    public async Task Cookie_settings_become_secure()
    {
        await CodeFixVerifier<InsecureCookieAnalyzer, InsecureCookieCodeFix>.VerifyAsync(Usings + """
            public static class Cookies
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddAuthentication().AddCookie(o =>
                    {
                        {|AIB3009:o.Cookie.SecurePolicy = CookieSecurePolicy.None|};
                        {|AIB3009:o.Cookie.HttpOnly = false|};
                    });
            }
            """, Usings + """
            public static class Cookies
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddAuthentication().AddCookie(o =>
                    {
                        o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                        o.Cookie.HttpOnly = true;
                    });
            }
            """);
    }
}
