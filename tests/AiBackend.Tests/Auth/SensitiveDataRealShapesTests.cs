using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.SensitiveDataExposedAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// Shapes from real apps where AIB3011 saw a credential that was not one (issue 13): names that contain a credential's
/// letters but not its word (<c>BusinessName</c>), what a password validator answers about a password, and the
/// signed-in caller's own token or licence returned to that caller.
/// </summary>
public class SensitiveDataRealShapesTests
{
    private const string Validators = """
        public sealed record RuleError(string Code, string Description);
        public sealed record RuleResult(bool Succeeded, IReadOnlyList<RuleError> Errors);
        public sealed record Account(Guid Id, string Email, string PasswordHash);
        public sealed record Credentials(string UserName, string Password);

        public interface IPasswordRule
        {
            Task<RuleResult> ValidateAsync(Account account, string password);
        }

        public interface IPasswordEncoder
        {
            string Encode(string password);
            Credentials ToCredentials(string userName, string password);
        }

        """;

    [Fact]
    public async Task Names_are_read_as_words()
    {
        await Verify.VerifyAsync(AuthTestCode.Usings + """
            public sealed class OrganizationResponse { public string BusinessName { get; set; } = ""; public string Plan { get; set; } = ""; }
            public sealed class ApplicantResponse { public string Name { get; set; } = ""; public string Ssn { get; set; } = ""; }
            public sealed class PasswordSettings { public string MasterPasswordHint { get; set; } = ""; public string PasswordExpiresAt { get; set; } = ""; }

            [ApiController, Route("api/organizations")]
            public sealed class OrganizationsController(ILogger<OrganizationsController> logger) : ControllerBase
            {
                [HttpGet("{id}")]
                public IActionResult Get(int id) => Ok(new OrganizationResponse { BusinessName = "Acme", Plan = "teams" });

                [HttpGet("applicants/{id}")]
                public IActionResult Applicant(int id) => Ok({|AIB3011:new ApplicantResponse { Name = "A", Ssn = "078-05-1120" }|});

                [HttpPost("hint")]
                public IActionResult Hint(PasswordSettings settings, string apiKey, string newpassword)
                {
                    logger.LogInformation("Hint {Hint} expires {Expiry}", settings.MasterPasswordHint, settings.PasswordExpiresAt);
                    {|AIB3011:logger.LogInformation("Key {Key}", apiKey)|};
                    {|AIB3011:logger.LogInformation("New {Value}", newpassword)|};
                    return NoContent();
                }
            }
            """);
    }

    [Fact]
    public async Task What_a_validator_answers_about_a_password_is_not_the_password()
    {
        await Verify.VerifyAsync(AuthTestCode.Usings + Validators + """
            public sealed class PasswordChanger(IEnumerable<IPasswordRule> rules, IPasswordEncoder encoder, ILogger<PasswordChanger> logger)
            {
                public async Task<bool> ChangeAsync(Account account, string newPassword)
                {
                    var errors = new List<RuleError>();
                    foreach (var rule in rules)
                    {
                        var result = await rule.ValidateAsync(account, newPassword);
                        if (!result.Succeeded)
                            errors.AddRange(result.Errors);
                    }

                    if (errors.Count > 0)
                    {
                        logger.LogWarning("Password change for {Id} failed: {Errors}", account.Id, string.Join(";", errors.Select(e => e.Code)));
                        return false;
                    }

                    return true;
                }

                public void Trace(string userName, string password)
                {
                    var encoded = encoder.Encode(password);
                    {|AIB3011:logger.LogDebug("Encoded {Value}", encoded)|};
                    var credentials = encoder.ToCredentials(userName, password);
                    {|AIB3011:logger.LogDebug("Signing in with {Credentials}", credentials)|};
                    var candidates = new List<string> { password, userName };
                    {|AIB3011:logger.LogDebug("Trying {Candidates}", string.Join(",", candidates.Where(c => c.Length > 0)))|};
                }
            }
            """);
    }

    [Fact]
    public async Task The_signed_in_callers_own_token_returned_to_them_is_not_exposed()
    {
        await Verify.VerifyAsync("using Microsoft.AspNetCore.Mvc.Filters;\nusing Microsoft.AspNetCore.Mvc.ModelBinding;\n" + AuthTestCode.Usings + """
            public sealed class Member { public Guid Id { get; set; } public string Email { get; set; } = ""; }
            public sealed class SessionInfo { public string Name { get; set; } = ""; public string Token { get; set; } = ""; }
            public sealed class MemberLicense { public Guid MemberId { get; set; } public string Token { get; set; } = ""; }

            public interface ITokenStore { Task<string> TokenForAsync(string name); }
            public interface ILicenses { Task<MemberLicense> ForAsync(Member member); Task<MemberLicense> ForAsync(Guid memberId); }
            public interface IMembers { Task<Member?> FromPrincipalAsync(ClaimsPrincipal principal); }

            public sealed class CurrentMemberAttribute : ActionFilterAttribute
            {
                public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
                {
                    var members = context.HttpContext.RequestServices.GetRequiredService<IMembers>();
                    var member = await members.FromPrincipalAsync(context.HttpContext.User);
                    if (member is null)
                    {
                        context.Result = new UnauthorizedResult();
                        return;
                    }

                    context.ActionArguments["member"] = member;
                    await next();
                }
            }

            [ApiController, Route("[controller]")]
            public sealed class SessionController(ITokenStore tokens, ILicenses licenses) : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Current() => Ok(await Describe(User));

                [HttpGet("license"), CurrentMember]
                public async Task<IResult> License([BindNever] Member member) => TypedResults.Ok(await licenses.ForAsync(member));

                [HttpGet("members/{memberId}/license")]
                public async Task<IResult> LicenseOf(Guid memberId) => TypedResults.Ok({|AIB3011:await licenses.ForAsync(memberId)|});

                [HttpGet("license-of"), CurrentMember]
                public async Task<IResult> LicenseFor([BindNever] Member member, Guid memberId) => TypedResults.Ok({|AIB3011:await licenses.ForAsync(memberId)|});

                private async Task<SessionInfo> Describe(ClaimsPrincipal principal) =>
                    new SessionInfo { Name = principal.Identity?.Name ?? "", Token = await tokens.TokenForAsync(principal.Identity?.Name ?? "") };
            }
            """);
    }
}
