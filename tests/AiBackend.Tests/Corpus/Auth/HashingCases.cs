// Labeled corpus: weak password hashing (AIB3004).
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Corpus.Auth.Hashing;

public sealed class LegacyPasswords
{
    public string Hash(string password) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password))); // expect: AIB3004

    public string HashWithSalt(string password, string salt)
    {
        using var md5 = MD5.Create();
        var bytes = Encoding.UTF8.GetBytes(salt + password);
        return Convert.ToBase64String(md5.ComputeHash(bytes)); // expect: AIB3004
    }

    public byte[] Derive(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, 10_000, HashAlgorithmName.SHA256, 32); // expect: AIB3004

    public byte[] DeriveSha1(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, 1_500_000, HashAlgorithmName.SHA1, 32); // expect: AIB3004

    public byte[] DeriveSha512Low(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, 100_000, HashAlgorithmName.SHA512, 64); // expect: AIB3004
}

public sealed class ModernPasswords
{
    private readonly PasswordHasher<AppUser> _hasher = new();

    public string Hash(AppUser user, string password) => _hasher.HashPassword(user, password); // safe: AIB3004

    public byte[] Derive(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32); // safe: AIB3004

    public byte[] DeriveSha512(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, 210_000, HashAlgorithmName.SHA512, 64); // safe: AIB3004

    public string ContentHash(byte[] upload) => Convert.ToHexString(SHA256.HashData(upload)); // safe: AIB3004

    public string ETag(string body) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body))); // safe: AIB3004
}

public sealed class PasswordResetBody
{
    public string Email { get; set; } = "";
    public string NewPassword { get; set; } = "";
}

public sealed class PasswordResetKeys
{
    public string ResetKey(PasswordResetBody passwordReset)
    {
        using var md5 = MD5.Create();
        var hash = md5.ComputeHash(Encoding.ASCII.GetBytes(passwordReset.Email)); // safe: AIB3004
        return Convert.ToHexString(hash);
    }

    public string NewHash(PasswordResetBody passwordReset) =>
        Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(passwordReset.NewPassword))); // expect: AIB3004
}
