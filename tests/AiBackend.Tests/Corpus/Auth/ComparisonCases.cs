// Labeled corpus: timing-unsafe secret comparison (AIB3006).
using System.Security.Cryptography;
using System.Text;

namespace Corpus.Auth.Comparison;

public sealed class WebhookVerifier
{
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public bool Verify(string payload, string signature)
    {
        var expected = Convert.ToHexString(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(payload)));
        return signature == expected; // expect: AIB3006
    }

    public bool VerifyBytes(byte[] payload, byte[] signature)
    {
        var computed = HMACSHA256.HashData(_secret, payload);
        return computed.SequenceEqual(signature); // expect: AIB3006
    }

    public bool VerifySafe(byte[] payload, byte[] signature)
    {
        var computed = HMACSHA256.HashData(_secret, payload);
        return CryptographicOperations.FixedTimeEquals(computed, signature); // safe: AIB3006
    }

    public bool HasSignature(string signature) => signature != null && signature != ""; // safe: AIB3006
}

public sealed class ApiKeyCheck
{
    public bool IsValid(string apiKey, string configuredKey) => string.Equals(apiKey, configuredKey); // expect: AIB3006

    public bool IsValidOrdinal(string apiKey, string configuredKey) => apiKey.Equals(configuredKey, StringComparison.Ordinal); // expect: AIB3006

    public bool SameLength(string apiKey, string configuredKey) => apiKey.Length == configuredKey.Length; // safe: AIB3006

    public bool SameTenant(string tenant, string other) => tenant == other; // safe: AIB3006

    public bool IsDemo(string apiKey) => apiKey == "demo"; // safe: AIB3006
}

public sealed class StoredHashRecord
{
    public string AuthHash { get; set; } = "";

    public override bool Equals(object? obj) => obj is StoredHashRecord other && AuthHash == other.AuthHash; // safe: AIB3006

    public override int GetHashCode() => AuthHash.GetHashCode();

    public bool Matches(string sentHash) => AuthHash == sentHash; // expect: AIB3006
}

public sealed class ChangeHashRequest
{
    public string? NewHash { get; set; }
    public StoredHashRecord? Data { get; set; }

    public bool Consistent() => Data is null || Data.AuthHash == NewHash; // safe: AIB3006
}

public static class ExtensionParser
{
    public static bool IsStub(string path, string ruleToken)
    {
        var token = Path.GetExtension(path).TrimStart('.');
        return token.Equals(ruleToken, StringComparison.OrdinalIgnoreCase); // safe: AIB3006
    }

    public static bool IsValidToken(string token, string storedToken) => token.Equals(storedToken, StringComparison.Ordinal); // expect: AIB3006
}
