// Labeled corpus: insecure randomness for secrets (AIB3005).
using System.Security.Cryptography;

namespace Corpus.Auth.Randomness;

public sealed class AccountCodes
{
    private readonly Random _random = new();

    public string CreateResetCode() => _random.Next(100000, 999999).ToString(); // expect: AIB3005

    public string CreateApiKey()
    {
        var bytes = new byte[32];
        _random.NextBytes(bytes); // expect: AIB3005
        return Convert.ToBase64String(bytes);
    }

    public string NewSessionToken() => Guid.NewGuid().ToString("N"); // expect: AIB3005

    public byte[] Salt()
    {
        var salt = new byte[16];
        Random.Shared.NextBytes(salt); // expect: AIB3005
        return salt;
    }

    public void Assign(AppUser user)
    {
        var verificationCode = _random.Next(1000, 9999); // expect: AIB3005
        Console.WriteLine(user.Email + verificationCode);
    }

    public string SecureResetCode() => RandomNumberGenerator.GetInt32(100000, 1000000).ToString(); // safe: AIB3005

    public TimeSpan RetryDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Pow(2, attempt) * 100 + _random.Next(0, 100)); // safe: AIB3005

    public T PickFeatured<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)]; // safe: AIB3005

    public Guid NewOrderId() => Guid.NewGuid(); // safe: AIB3005

    public string CorrelationId { get; } = Guid.NewGuid().ToString(); // safe: AIB3005

    public int[] ShuffledQuestions(int count) => Enumerable.Range(0, count).OrderBy(_ => _random.Next()).ToArray(); // safe: AIB3005
}
