// Labeled corpus: sensitive data exposed (AIB3011).
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

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
