// Labeled corpus: shared application types (no labels here).
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Corpus;

public sealed class User
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
}

public sealed class ShopDb : DbContext
{
    public ShopDb(DbContextOptions<ShopDb> options) : base(options) { }

    public DbSet<User> Users => Set<User>();
}

public sealed record UserSearch(string Name, string? Sort, int Page);

public sealed class ReportRequest
{
    [Required] public string Title { get; set; } = "";
    public string Filter { get; set; } = "";
    public string Format { get; set; } = "pdf";
}

public sealed record FetchRequest(string Url, string? Callback);

public enum SortOrder { Name, Email, Id }

public interface IUserRepository
{
    Task<IEnumerable<User>> SearchAsync(string name);
    Task<User?> FindByEmailAsync(string email);
}
