// Labeled corpus: sensitive data exposed (AIB3011).
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Corpus.Auth.Sensitive;

public sealed class AccountService
{
    private readonly ILogger<AccountService> _logger;

    public AccountService(ILogger<AccountService> logger) => _logger = logger;

    public void SignIn(LoginRequest request)
    {
        _logger.LogInformation("Sign-in for {Email} with {Password}", request.Email, request.Password); // expect: AIB3011
        _logger.LogInformation("Sign-in for {Email}", request.Email); // safe: AIB3011
    }

    public void Connect(string connectionString)
    {
        Console.WriteLine("Connecting to " + connectionString); // expect: AIB3011
        _logger.LogDebug("Connection string has {Length} characters", connectionString.Length); // safe: AIB3011
    }

    public void Rotate(string apiKey)
    {
        _logger.LogWarning("Rotated key {Key}", apiKey); // expect: AIB3011
        _logger.LogWarning("Rotated key ending in {Suffix}", Mask(apiKey)); // safe: AIB3011
    }

    private static string Mask(string value) => value.Length <= 4 ? "****" : "****" + value[^4..];
}

[ApiController]
[Route("api/users")]
[Authorize]
public sealed class UsersController : ControllerBase
{
    private readonly AuthDb _db;

    public UsersController(AuthDb db) => _db = db;

    [HttpGet("me")]
    public async Task<IActionResult> Me()
    {
        var user = await _db.Users.FindAsync(1);
        return Ok(user); // expect: AIB3011
    }

    [HttpGet("me/view")]
    public async Task<IActionResult> MeView()
    {
        var user = await _db.Users.FindAsync(1);
        return user is null ? NotFound() : Ok(new UserDto(user.Id, user.Email)); // safe: AIB3011
    }

    [HttpGet]
    public IActionResult All() => Ok(_db.Users.ToList()); // expect: AIB3011

    [HttpGet("emails")]
    public IActionResult Emails() => Ok(_db.Users.Select(u => u.Email).ToList()); // safe: AIB3011
}

public sealed record TokenPair(string AccessToken, string RefreshToken);

public sealed record RefreshTokenRequest(string RefreshToken);

public sealed class SigningOptions
{
    public string SigningSecret { get; set; } = "";

    public string Issuer { get; set; } = "";
}

public sealed class JwtIssuer
{
    private readonly SigningOptions _options;

    public JwtIssuer(SigningOptions options) => _options = options;

    public string CreateAccessToken(string email)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.SigningSecret));
        var jwt = new JwtSecurityToken(
            issuer: _options.Issuer,
            claims: new[] { new Claim(ClaimTypes.Email, email) },
            expires: DateTime.UtcNow.AddMinutes(30),
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(jwt);
    }

    public static string CreateRefreshToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}

[ApiController]
[Route("api/auth")]
public sealed class AuthController : ControllerBase
{
    private readonly JwtIssuer _issuer;
    private readonly ILogger<AuthController> _logger;

    public AuthController(JwtIssuer issuer, ILogger<AuthController> logger)
    {
        _issuer = issuer;
        _logger = logger;
    }

    [AllowAnonymous]
    [HttpPost("login")]
    public IActionResult Login(LoginRequest request)
    {
        var accessToken = _issuer.CreateAccessToken(request.Email);
        _logger.LogInformation("Issued access token {AccessToken}", accessToken); // expect: AIB3011
        return Ok(new TokenPair(accessToken, JwtIssuer.CreateRefreshToken())); // safe: AIB3011
    }

    [AllowAnonymous]
    [HttpPost("refresh")]
    public IActionResult Refresh(RefreshTokenRequest request)
    {
        var accessToken = _issuer.CreateAccessToken("user@example.com");
        return Ok(new { accessToken, request.RefreshToken }); // safe: AIB3011
    }
}

public static class TokenEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/connect/token", (LoginRequest request, JwtIssuer issuer) =>
            TypedResults.Ok(issuer.CreateAccessToken(request.Email))) // safe: AIB3011
            .AllowAnonymous();

        app.MapGet("/admin/users/{id}/refresh-token", (int id, TokenStore store) =>
            Results.Ok(store.RefreshTokenOf(id))) // expect: AIB3011
            .RequireAuthorization("Admins");

        app.MapGet("/admin/signing", (SigningOptions options) =>
            Results.Ok(new { options.Issuer, options.SigningSecret })) // expect: AIB3011
            .RequireAuthorization("Admins");
    }
}

public sealed class TokenStore
{
    private readonly Dictionary<int, TokenPair> _pairs = new();

    public string RefreshTokenOf(int userId) => _pairs[userId].RefreshToken;
}

public sealed class StartupReport
{
    private readonly IConfiguration _configuration;
    private readonly ILogger<StartupReport> _logger;

    public StartupReport(IConfiguration configuration, ILogger<StartupReport> logger)
    {
        _configuration = configuration;
        _logger = logger;
    }

    public void Write()
    {
        _logger.LogInformation("Notes database: {Database}", _configuration.GetConnectionString("Notes")); // expect: AIB3011
        _logger.LogInformation("Token issuer: {Issuer}", _configuration["Jwt:Issuer"]); // safe: AIB3011
    }
}
