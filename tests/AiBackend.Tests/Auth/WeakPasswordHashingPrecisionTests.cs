using AiBackend.Analyzers.Auth;
using AiBackend.Testing;

namespace AiBackend.Tests.Auth;

/// <summary>AIB3004: only the hashed value's own name says whether it is a password, not the object it is read from (issue 13).</summary>
public class WeakPasswordHashingPrecisionTests
{
    [Fact]
    public async Task An_email_read_from_a_password_reset_request_is_not_a_password_but_its_new_password_is()
    {
        await AnalyzerVerifier<WeakPasswordHashingAnalyzer>.VerifyAsync(AuthTestCode.Usings + """
            public sealed class PasswordResetRequest
            {
                public string Email { get; set; } = "";
                public string Password { get; set; } = "";
                public string Key { get; set; } = "";
            }

            public static class Resets
            {
                public static void CreateKey(PasswordResetRequest passwordResetRequest)
                {
                    var md5 = MD5.Create();
                    var hash = md5.ComputeHash(Encoding.ASCII.GetBytes(passwordResetRequest.Email));
                    passwordResetRequest.Key = Convert.ToHexString(hash);
                }

                public static byte[] KeyFromLocal(PasswordResetRequest passwordResetRequest)
                {
                    var bytes = Encoding.UTF8.GetBytes(passwordResetRequest.Email);
                    return SHA256.HashData(bytes);
                }

                public static byte[] NewPassword(PasswordResetRequest passwordResetRequest) =>
                    {|AIB3004:MD5.HashData(Encoding.UTF8.GetBytes(passwordResetRequest.Password))|};

                public static byte[] NewPasswordLocal(PasswordResetRequest passwordResetRequest)
                {
                    var bytes = Encoding.UTF8.GetBytes(passwordResetRequest.Password);
                    return {|AIB3004:SHA256.HashData(bytes)|};
                }
            }
            """);
    }

    [Fact]
    public async Task A_password_and_salt_copied_into_one_buffer_or_hashed_from_a_stream_is_a_hashed_password()
    {
        await AnalyzerVerifier<WeakPasswordHashingAnalyzer>.VerifyAsync("using System.IO;\n" + AuthTestCode.Usings + """
            public static class LegacyHashing
            {
                public static byte[] Salted(string password, byte[] salt)
                {
                    var passwordBytes = Encoding.UTF8.GetBytes(password);
                    var buffer = new byte[passwordBytes.Length + salt.Length];
                    Buffer.BlockCopy(passwordBytes, 0, buffer, 0, passwordBytes.Length);
                    Buffer.BlockCopy(salt, 0, buffer, passwordBytes.Length, salt.Length);
                    using var sha = SHA256.Create();
                    return {|AIB3004:sha.ComputeHash(buffer)|};
                }

                public static byte[] SaltedWithCopyTo(string password, byte[] salt)
                {
                    var passwordBytes = Encoding.UTF8.GetBytes(password);
                    var combined = new byte[passwordBytes.Length + salt.Length];
                    passwordBytes.CopyTo(combined, 0);
                    salt.CopyTo(combined, passwordBytes.Length);
                    return {|AIB3004:SHA512.HashData(combined)|};
                }

                public static async Task<byte[]> FromStream(string password)
                {
                    using var sha = SHA256.Create();
                    using var stream = new MemoryStream(Encoding.UTF8.GetBytes(password));
                    return await {|AIB3004:sha.ComputeHashAsync(stream)|};
                }
            }
            """);
    }

    [Fact]
    public async Task A_buffer_built_from_other_data_is_not_a_password()
    {
        await AnalyzerVerifier<WeakPasswordHashingAnalyzer>.VerifyAsync("using System.IO;\n" + AuthTestCode.Usings + """
            public static class ContentHashing
            {
                public static byte[] ETag(byte[] body, byte[] version)
                {
                    var buffer = new byte[body.Length + version.Length];
                    Buffer.BlockCopy(body, 0, buffer, 0, body.Length);
                    Buffer.BlockCopy(version, 0, buffer, body.Length, version.Length);
                    using var sha = SHA256.Create();
                    return sha.ComputeHash(buffer);
                }

                public static async Task<byte[]> FileDigest(Stream upload)
                {
                    using var sha = SHA256.Create();
                    return await sha.ComputeHashAsync(upload);
                }

                public static byte[] PasswordPolicyVersion(string passwordPolicy)
                {
                    // The password is copied somewhere else; the hashed buffer holds only the policy name's length.
                    var passwordBytes = Encoding.UTF8.GetBytes(passwordPolicy);
                    var other = new byte[passwordBytes.Length];
                    Buffer.BlockCopy(passwordBytes, 0, other, 0, passwordBytes.Length);
                    var hashed = BitConverter.GetBytes(other.Length);
                    return SHA256.HashData(hashed);
                }
            }
            """);
    }
}
