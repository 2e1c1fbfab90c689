using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.SensitiveDataExposedAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// Returning a freshly issued token to the caller who just authenticated is the point of a login, token or refresh
/// endpoint (issue 13); credentials and other people's tokens stay leaks.
/// </summary>
public class SensitiveDataTokenIssuingTests
{
    private const string Types = """
        public sealed record LoginRequest(string Email, string Password);
        public sealed record RefreshRequest(string RefreshToken);
        public sealed record AuthResponse(string AccessToken, string RefreshToken, DateTime ExpiresAt);
        public sealed class JwtSettings { public string Secret { get; set; } = ""; public string Issuer { get; set; } = ""; public string ApiKey { get; set; } = ""; }
        public sealed class Account { public int Id { get; set; } public string Email { get; set; } = ""; public string RefreshToken { get; set; } = ""; }

        public sealed class TokenService
        {
            private readonly JwtSettings _settings;
            public TokenService(JwtSettings settings) => _settings = settings;

            public string CreateAccessToken(string email)
            {
                var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_settings.Secret));
                var token = new JwtSecurityToken(
                    issuer: _settings.Issuer,
                    claims: new[] { new Claim(ClaimTypes.Email, email) },
                    expires: DateTime.UtcNow.AddMinutes(15),
                    signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
                return new JwtSecurityTokenHandler().WriteToken(token);
            }

            public string CreateRefreshToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        }

        """;

    [Fact]
    public async Task Login_token_and_refresh_endpoints_return_the_callers_new_tokens()
    {
        await Verify.VerifyAsync("using System.IdentityModel.Tokens.Jwt;\n" + AuthTestCode.Usings + Types + """
            public static class AuthApi
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/auth/login", (LoginRequest request, TokenService tokens) =>
                    {
                        var token = tokens.CreateAccessToken(request.Email);
                        return Results.Ok(new { token });
                    });

                    app.MapPost("/auth/refresh", (RefreshRequest request, TokenService tokens) =>
                    {
                        var accessToken = tokens.CreateAccessToken("someone@example.com");
                        return TypedResults.Ok(new AuthResponse(accessToken, request.RefreshToken, DateTime.UtcNow.AddMinutes(15)));
                    });

                    app.MapPost("/connect/token", (string email, JwtSettings settings) =>
                    {
                        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.Secret));
                        var jwt = new JwtSecurityToken(signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
                        var tokenString = new JwtSecurityTokenHandler().WriteToken(jwt);
                        return TypedResults.Ok(tokenString);
                    });
                }
            }

            [ApiController]
            [Route("api/account")]
            public sealed class AccountController : ControllerBase
            {
                private readonly TokenService _tokens;
                public AccountController(TokenService tokens) => _tokens = tokens;

                [HttpPost("login")]
                public IActionResult Login(LoginRequest request)
                {
                    var refreshToken = _tokens.CreateRefreshToken();
                    return Ok(new AuthResponse(_tokens.CreateAccessToken(request.Email), refreshToken, DateTime.UtcNow.AddMinutes(15)));
                }

                [HttpPost("session")]
                public IActionResult Session(LoginRequest request) =>
                    Ok(new AuthResponse(_tokens.CreateAccessToken(request.Email), _tokens.CreateRefreshToken(), DateTime.UtcNow));
            }
            """);
    }

    [Fact]
    public async Task Credentials_and_other_peoples_tokens_are_still_reported()
    {
        await Verify.VerifyAsync("using System.IdentityModel.Tokens.Jwt;\n" + AuthTestCode.Usings + Types + """
            public sealed class AccountsDb : DbContext { public DbSet<Account> Accounts => Set<Account>(); }
            public sealed class PlanDetails { public int Seats { get; set; } }
            public sealed class SubscriptionView { public PlanDetails PasswordManager { get; set; } = new(); public PlanDetails SecretsManager { get; set; } = new(); }

            public static class AuthApi
            {
                public static void Map(WebApplication app, ILogger logger)
                {
                    app.MapPost("/auth/login", (LoginRequest request, TokenService tokens, JwtSettings settings) =>
                    {
                        var token = tokens.CreateAccessToken(request.Email);
                        {|AIB3011:logger.LogInformation("Issued {Token} for {Email}", token, request.Email)|};
                        return Results.Ok({|AIB3011:new { token, key = settings.ApiKey }|});
                    });

                    app.MapGet("/accounts/{id}/session", async (int id, AccountsDb db) =>
                    {
                        var account = await db.Accounts.FindAsync(id);
                        return Results.Ok({|AIB3011:new { account!.Email, account.RefreshToken }|});
                    });

                    app.MapGet("/accounts/{id}", async (int id, AccountsDb db) => Results.Ok({|AIB3011:await db.Accounts.FindAsync(id)|}));
                }
            }

            [ApiController]
            [Route("api/admin")]
            public sealed class AdminController : ControllerBase
            {
                private readonly JwtSettings _settings;
                public AdminController(JwtSettings settings) => _settings = settings;

                [HttpGet("settings")]
                public IActionResult Settings() => Ok({|AIB3011:_settings.Secret|});

                [HttpGet("plan")]
                public IActionResult Plan() => Ok(new SubscriptionView());

                [HttpGet("accounts/{id}/tokens")]
                public IActionResult Tokens(int id, [FromServices] AccountsDb db) =>
                    Ok({|AIB3011:new AuthResponse("", db.Accounts.Single(a => a.Id == id).RefreshToken, DateTime.UtcNow)|});
            }
            """);
    }
}
