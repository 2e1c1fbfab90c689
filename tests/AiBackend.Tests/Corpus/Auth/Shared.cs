// Labeled corpus (auth): shared application types (no labels here).
using Microsoft.EntityFrameworkCore;

namespace Corpus.Auth;

public sealed class Note
{
    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    public string Text { get; set; } = "";
}

public sealed class Product
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
}

public sealed class AppUser
{
    public int Id { get; set; }
    public string Email { get; set; } = "";
    public string PasswordHash { get; set; } = "";
}

public sealed record UserDto(int Id, string Email);

public sealed record LoginRequest(string Email, string Password);

public sealed class AuthDb : DbContext
{
    public AuthDb(DbContextOptions<AuthDb> options) : base(options) { }

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<AppUser> Users => Set<AppUser>();
}

public static class AuthSetup
{
    public static void AddAppAuthorization(this IServiceCollection services) =>
        services.AddAuthorization(options => options.AddPolicy("Admins", policy => policy.RequireRole("admin")));
}
