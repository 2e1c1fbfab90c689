using AiBackend.Analyzers.Auth;
using AiBackend.Testing;

namespace AiBackend.Tests.Auth;

/// <summary>AIB3006 on comparisons that look like secret checks by name but are not (issue 13).</summary>
public class TimingUnsafeComparisonPrecisionTests
{
    private static Task Verify(string code) =>
        AnalyzerVerifier<TimingUnsafeComparisonAnalyzer>.VerifyAsync(AuthTestCode.Usings + code);

    [Fact]
    public async Task Value_equality_of_a_data_record_is_not_a_secret_check_but_a_login_check_is()
    {
        await Verify("""
            public sealed class LoginHashData
            {
                public string AuthenticationHash { get; set; } = "";
                public string Salt { get; set; } = "";

                public override bool Equals(object? obj) =>
                    obj is LoginHashData other && AuthenticationHash == other.AuthenticationHash && Salt == other.Salt;

                public override int GetHashCode() => HashCode.Combine(AuthenticationHash, Salt);

                public static bool operator ==(LoginHashData? a, LoginHashData? b) => a?.AuthenticationHash == b?.AuthenticationHash;
                public static bool operator !=(LoginHashData? a, LoginHashData? b) => !(a == b);
            }

            public sealed class LoginService
            {
                public bool Check(LoginHashData sent, string storedHash) => {|AIB3006:sent.AuthenticationHash == storedHash|};
            }
            """);
    }

    [Fact]
    public async Task Two_copies_inside_one_request_are_not_a_secret_check_but_request_against_stored_is()
    {
        await Verify("""
            public sealed class PasswordData { public string PasswordHash { get; set; } = ""; }

            public sealed class RegisterModel
            {
                public string? PasswordHash { get; set; }
                public PasswordData? Data { get; set; }

                public IEnumerable<string> Validate()
                {
                    if (Data != null && PasswordHash != null && Data.PasswordHash != PasswordHash)
                        yield return "Provide the hash only once.";
                }
            }

            public sealed class Accounts
            {
                public bool Consistent(RegisterModel model) => model.PasswordHash == model.Data!.PasswordHash;
                public bool Matches(RegisterModel model, string storedHash) => {|AIB3006:model.PasswordHash == storedHash|};
            }

            public sealed class KeyHandler
            {
                private string ApiKey { get; set; } = "";
                public string? SentApiKey { get; private set; }
                public bool Check() => {|AIB3006:SentApiKey == ApiKey|};
            }
            """);
    }

    [Fact]
    public async Task Lexical_tokens_of_a_parser_are_not_secrets_but_case_sensitive_tokens_are()
    {
        await Verify("""
            public sealed class SuffixRule { public string Token { get; set; } = ""; public string LeadingToken { get; set; } = ""; }

            public static class FileNameParser
            {
                public static bool Matches(string path, IEnumerable<SuffixRule> rules)
                {
                    ReadOnlySpan<char> name = System.IO.Path.GetFileNameWithoutExtension(path.AsSpan());
                    var token = System.IO.Path.GetExtension(path).TrimStart('.');
                    foreach (var rule in rules)
                    {
                        if (name.Equals(rule.LeadingToken, StringComparison.OrdinalIgnoreCase))
                            return true;
                        if (token.Equals(rule.Token, StringComparison.OrdinalIgnoreCase))
                            return true;
                    }

                    return false;
                }
            }

            public static class ResetTokens
            {
                public static bool Valid(string token, string storedToken) => {|AIB3006:token.Equals(storedToken, StringComparison.Ordinal)|};
                public static bool ValidHex(string signature, string expectedSignature) =>
                    {|AIB3006:signature.Equals(expectedSignature, StringComparison.OrdinalIgnoreCase)|};
            }
            """);
    }

    [Fact]
    public async Task A_label_inside_an_unprotected_payload_is_not_a_secret_but_the_raw_token_is()
    {
        await Verify("""
            public interface IProtector { string Unprotect(string data); }

            public static class EmailTokens
            {
                public static bool IsValid(string purposeToken, IProtector protector, string token, string expectedToken)
                {
                    var payload = protector.Unprotect(token);
                    var parts = payload.Split(' ');
                    return parts.Length == 2 && parts[0] == purposeToken && {|AIB3006:token == expectedToken|};
                }
            }
            """);
    }
}
