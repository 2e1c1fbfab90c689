using AiBackend.Analyzers.Auth;
using AiBackend.Testing;

namespace AiBackend.Tests.Auth;

public class WeakPasswordHashingMessageTests
{
    [Fact]
    public async Task Sha1_passed_explicitly_is_called_a_choice_and_sha1_by_default_a_default()
    {
        var diagnostics = await AnalyzerVerifier<WeakPasswordHashingAnalyzer>.VerifyAsync(AuthTestCode.Usings + """
            public static class Hashing
            {
                public static byte[] Chosen(string password, byte[] salt) =>
                    {|AIB3004:Rfc2898DeriveBytes.Pbkdf2(password, salt, 2_000_000, HashAlgorithmName.SHA1, 32)|};

                public static byte[] Defaulted(string password, byte[] salt)
                {
            #pragma warning disable SYSLIB0041
                    using var derive = {|AIB3004:new Rfc2898DeriveBytes(password, salt, 2_000_000)|};
            #pragma warning restore SYSLIB0041
                    return derive.GetBytes(32);
                }

                public static byte[] Strong(string password, byte[] salt) =>
                    Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
            }
            """);

        Assert.Equal("PBKDF2 with HMAC-SHA1 (passed explicitly): use HMAC-SHA256 or HMAC-SHA512", diagnostics[0].GetMessage());
        Assert.Equal("PBKDF2 with HMAC-SHA1 (the default of this overload): use HMAC-SHA256 or HMAC-SHA512", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Sha1_with_too_few_iterations_names_the_count_first()
    {
        var diagnostics = await AnalyzerVerifier<WeakPasswordHashingAnalyzer>.VerifyAsync("using Microsoft.AspNetCore.Cryptography.KeyDerivation;\n" + AuthTestCode.Usings + """
            public static class BlogUsers
            {
                public static string Hash(string password, byte[] salt) =>
                    Convert.ToBase64String({|AIB3004:KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf.HMACSHA1, 1000, 32)|});
            }
            """);

        Assert.Equal("PBKDF2 with 1,000 iterations of HMAC-SHA1 (passed explicitly) is far below the floor of 1,302,000: use HMAC-SHA256 with at least 600,000 iterations", diagnostics[0].GetMessage());
    }
}
