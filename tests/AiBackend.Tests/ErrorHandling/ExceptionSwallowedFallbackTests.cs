using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionSwallowedAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>
/// A catch of one named exception around a lookup, with the value the caller gets instead, is a decision; a catch-all,
/// or a catch around work that is left undone, is not.
/// </summary>
public class ExceptionSwallowedFallbackTests
{
    private const string Types = """
        public sealed class Coupon { public string Code { get; set; } = ""; }
        public sealed class PaymentGatewayException : Exception { }
        public interface IPayments
        {
            Task<Coupon> GetCouponAsync(string code);
            Task CancelPlanAsync(int userId);
        }

        """;

    [Fact]
    public async Task A_named_parse_or_lookup_failure_with_a_fallback_value_is_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + Types + """
            public sealed class Settings
            {
                private Dictionary<string, int>? _limits;
                public string? LimitsJson { get; set; }

                public Dictionary<string, int>? GetLimits()
                {
                    try
                    {
                        _limits ??= System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(LimitsJson!);
                        _limits?.Remove("legacy");
                        return _limits;
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        return null;
                    }
                }

                public static T? ReadConfig<T>(string json)
                {
                    try { return System.Text.Json.JsonSerializer.Deserialize<T>(json); }
                    catch (System.Text.Json.JsonException) { return default; }
                }
            }

            public sealed class Billing
            {
                private readonly IPayments _payments;
                public Billing(IPayments payments) => _payments = payments;

                public async Task<Coupon?> FindCouponAsync(string code)
                {
                    try { return await _payments.GetCouponAsync(code); }
                    catch (PaymentGatewayException) { return null; }
                }

                public async Task<string> DiscountCodeAsync(string code)
                {
                    Coupon? coupon = null;
                    try
                    {
                        coupon = await _payments.GetCouponAsync(code);
                    }
                    catch (PaymentGatewayException)
                    {
                    }

                    return coupon?.Code ?? "none";
                }
            }

            public sealed class Link
            {
                private bool _usable;
                public string Href { get; set; } = "";

                public bool Check()
                {
                    try
                    {
                        var extension = System.IO.Path.GetExtension(Href);
                        if (extension == ".png")
                            _usable = true;
                    }
                    catch (ArgumentException) { }

                    return _usable;
                }
            }
            """);
    }

    [Fact]
    public async Task A_catch_all_or_a_catch_around_work_left_undone_is_still_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + Types + """
            public sealed class Billing
            {
                private readonly IPayments _payments;
                public Billing(IPayments payments) => _payments = payments;

                public async Task<Coupon?> FindCouponAsync(string code)
                {
                    try { return await _payments.GetCouponAsync(code); }
                    [|catch (Exception)|] { return null; }
                }

                public async Task CloseAccountAsync(Db db, int userId)
                {
                    try
                    {
                        await _payments.CancelPlanAsync(userId);
                    }
                    [|catch (PaymentGatewayException)|] { }

                    await db.Todos.Where(t => t.Id == userId).ExecuteDeleteAsync();
                }

                public Todo? Add(Db db, string title)
                {
                    var todo = new Todo { Title = title };
                    try
                    {
                        db.Todos.Add(todo);
                        db.SaveChanges();
                        return todo;
                    }
                    [|catch (DbUpdateException)|] { return null; }
                }

                public string? Send(string host)
                {
                    try
                    {
                        var client = new System.Net.Sockets.TcpClient();
                        client.Connect(host, 25);
                        return host;
                    }
                    [|catch (System.Net.Sockets.SocketException)|] { return null; }
                }
            }
            """);
    }

    [Fact]
    public async Task A_named_catch_cut_out_of_a_broader_handled_catch_is_not_reported()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Cleanup
            {
                private readonly ILogger<Cleanup> _logger;
                public Cleanup(ILogger<Cleanup> logger) => _logger = logger;

                public void RemoveOutputs(IEnumerable<string> paths)
                {
                    foreach (var path in paths)
                    {
                        try
                        {
                            System.IO.File.Delete(path);
                        }
                        catch (System.IO.FileNotFoundException)
                        {
                        }
                        catch (System.IO.IOException ex)
                        {
                            _logger.LogError(ex, "Could not delete {Path}", path);
                        }
                    }
                }

                public void RemoveQuietly(string path)
                {
                    try
                    {
                        System.IO.File.Delete(path);
                    }
                    [|catch (System.IO.FileNotFoundException)|]
                    {
                    }
                    [|catch (System.IO.IOException)|]
                    {
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Checks_named_could_or_valid_may_answer_false()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Tokens
            {
                public bool TokenValid(string token)
                {
                    try { return Convert.FromBase64String(token).Length == 32; }
                    catch { return false; }
                }

                public async Task<bool> CouldHandleAsync(HttpContext context)
                {
                    try { return (await new System.IO.StreamReader(context.Request.Body).ReadToEndAsync()).Length > 0; }
                    catch { return false; }
                }

                public bool Invalidate(Db db)
                {
                    try { db.SaveChanges(); return true; }
                    [|catch|] { return false; }
                }
            }
            """);
    }

    [Fact]
    public async Task A_comment_explains_skipping_an_item_on_a_named_exception_but_not_on_every_exception()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class AlreadyInvitedException : Exception { }

            public sealed class Importer
            {
                public List<string> Invite(IEnumerable<string> emails, Func<string, string> invite)
                {
                    var invited = new List<string>();
                    foreach (var email in emails)
                    {
                        try
                        {
                            invited.Add(invite(email));
                        }
                        catch (AlreadyInvitedException)
                        {
                            // This address is a member already; nothing to send.
                            continue;
                        }
                    }

                    return invited;
                }

                public List<string> InviteAll(IEnumerable<string> emails, Func<string, string> invite)
                {
                    var invited = new List<string>();
                    foreach (var email in emails)
                    {
                        try
                        {
                            invited.Add(invite(email));
                        }
                        [|catch (Exception)|]
                        {
                            // Skip whatever fails.
                            continue;
                        }
                    }

                    return invited;
                }
            }
            """);
    }

    [Fact]
    public async Task A_log_call_that_does_not_bind_for_a_missing_type_still_logs()
    {
        await Verify.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class VaultNotFoundException : Exception { }

            public sealed class Vaults
            {
                private readonly ILogger<Vaults> _logger;
                public Vaults(ILogger<Vaults> logger) => _logger = logger;

                public void Unlock(MissingVendor.Account account, Action unlock)
                {
                    try { unlock(); }
                    catch (VaultNotFoundException)
                    {
                        _logger.LogWarning("No vault for account {Id}", account.Id);
                    }
                }

                public void Lock(MissingVendor.Account account, Action lockIt)
                {
                    try { lockIt(); }
                    [|catch (VaultNotFoundException)|]
                    {
                        Audit(account.Id);
                    }
                }

                private static void Audit(object id) { }
            }
            """, new TestOptions { AllowCompilerErrors = true });
    }
}
