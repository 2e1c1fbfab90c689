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
}
