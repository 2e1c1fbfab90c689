using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.HardcodedSecretAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// AIB3003 by impact (issue 13): the password of a demo account created by seeding code is a suggestion (a defect only
/// if that code runs against a deployed database); signing keys, client secrets and account passwords set by ordinary
/// code stay warnings. A severity configured for the ID still applies.
/// </summary>
public class HardcodedSecretSeverityTests
{
    private const string Usings = """
        using System;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.IdentityModel.Tokens;

        public class ShopUser : IdentityUser { }

        """;

    [Fact]
    public async Task Demo_account_passwords_in_seeding_code_are_suggestions()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public class ShopIdentityDbContextSeed
            {
                public static async Task SeedAsync(UserManager<ShopUser> userManager)
                {
                    var demo = new ShopUser { UserName = "demouser@shop.test" };
                    await userManager.CreateAsync(demo, [|"Demo$Pass1"|]);
                }
            }

            public class IdentityDataInitialiser
            {
                private readonly UserManager<ShopUser> _users;
                public IdentityDataInitialiser(UserManager<ShopUser> users) => _users = users;

                public async Task RunAsync()
                {
                    var admin = new ShopUser { UserName = "administrator@localhost" };
                    await _users.CreateAsync(admin);
                    await _users.AddPasswordAsync(admin, [|"Administrator1!"|]);
                }
            }

            public static class Startup
            {
                public static async Task CreateTestAccount(WebApplication app)
                {
                    if (app.Environment.IsDevelopment())
                    {
                        var users = app.Services.GetRequiredService<UserManager<ShopUser>>();
                        await users.CreateAsync(new ShopUser { UserName = "tester" }, [|"Tester#2024"|]);
                    }
                }
            }
            """);

        Assert.Equal(3, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
    }

    [Fact]
    public async Task Keys_secrets_and_passwords_set_by_ordinary_code_stay_warnings()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public class ShopIdentityDbContextSeed
            {
                // A signing key is key material wherever it is written, seeding code included.
                public static SymmetricSecurityKey SeedSigningKey() => new(Encoding.UTF8.GetBytes([|"shop-signing-key-7c1e9a2b4d"|]));
            }

            [ApiController]
            [Route("api/support")]
            public class SupportController : ControllerBase
            {
                private readonly UserManager<ShopUser> _users;
                public SupportController(UserManager<ShopUser> users) => _users = users;

                [HttpPost("accounts")]
                public async Task<IActionResult> CreateSupportAccount(string email)
                {
                    await _users.CreateAsync(new ShopUser { UserName = email }, [|"Support#Pass9"|]);
                    return Ok();
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public async Task A_configured_severity_overrides_the_seeding_suggestion()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public class ShopIdentityDbContextSeed
            {
                public static async Task SeedAsync(UserManager<ShopUser> userManager) =>
                    await userManager.CreateAsync(new ShopUser { UserName = "demouser@shop.test" }, [|"Demo$Pass1"|]);
            }
            """, new TestOptions { GlobalConfig = "dotnet_diagnostic.AIB3003.severity = error" });

        Assert.Equal(DiagnosticSeverity.Error, diagnostics.Single().Severity);
    }
}
