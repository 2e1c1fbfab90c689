using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// Apps check the caller in action filters of their own (<c>[CurrentTenantAdmin]</c>: load the tenant from the route,
/// end the request with <c>UnauthorizedObjectResult</c> unless the caller administers it). Such an action makes its
/// own decision, as one that checks <c>User.IsInRole</c> does; next to siblings that declare <c>[Authorize]</c> it still
/// lacks what they declare (issue 13).
/// </summary>
public class EndpointCallerFilterTests
{
    private const string Code = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;
        using Microsoft.Extensions.DependencyInjection;

        public interface ITenantAccess { bool IsAdmin(Guid tenantId); }

        public sealed class CurrentTenantAdminAttribute : ActionFilterAttribute
        {
            public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
            {
                var tenantId = Guid.Parse(context.RouteData.Values["tenantId"]?.ToString() ?? "");
                var access = context.HttpContext.RequestServices.GetRequiredService<ITenantAccess>();
                if (!access.IsAdmin(tenantId))
                {
                    context.Result = new UnauthorizedObjectResult("Unauthorized.");
                    return;
                }

                await next();
            }
        }

        public sealed class TenantSignatureFilter : IActionFilter
        {
            public void OnActionExecuting(ActionExecutingContext context)
            {
                if (!context.HttpContext.Request.Headers.ContainsKey("X-Signature"))
                    context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            }

            public void OnActionExecuted(ActionExecutedContext context) { }
        }

        public sealed class LoadTenantAttribute : ActionFilterAttribute
        {
            public override void OnActionExecuting(ActionExecutingContext context)
            {
                if (!context.RouteData.Values.ContainsKey("tenantId"))
                    context.Result = new NotFoundResult();
            }
        }

        public static class Setup
        {
            public static void Configure(IServiceCollection services) => services.AddAuthorization();
        }

        """;

    [Fact]
    public async Task An_action_whose_filter_turns_callers_away_decides_for_itself()
    {
        await Verify.VerifyAsync(Code + """
            [Route("tenants/{tenantId:guid}/billing")]
            public sealed class TenantBillingController : ControllerBase
            {
                [HttpPut("address"), CurrentTenantAdmin]
                public IActionResult UpdateAddress(Guid tenantId) => NoContent();

                [HttpDelete("cards/{id}"), ServiceFilter(typeof(TenantSignatureFilter))]
                public IActionResult RemoveCard(Guid tenantId, int id) => NoContent();

                [HttpDelete("invoices/{id}"), LoadTenant]
                public IActionResult {|AIB3001:RemoveInvoice|}(Guid tenantId, int id) => NoContent();
            }
            """);
    }

    [Fact]
    public async Task A_filter_checked_action_among_authorized_siblings_is_still_reported()
    {
        var diagnostics = await Verify.VerifyAsync(Code + """
            [Route("tenants/{tenantId:guid}/billing")]
            public sealed class TenantBillingController : ControllerBase
            {
                [HttpGet("address"), Authorize("Application")] public IActionResult Address(Guid tenantId) => Ok();
                [HttpGet("cards"), Authorize("Application")] public IActionResult Cards(Guid tenantId) => Ok();
                [HttpPut("address"), CurrentTenantAdmin] public IActionResult {|AIB3001:UpdateAddress|}(Guid tenantId) => NoContent();
            }
            """);

        Assert.Contains("has no authorization while the other endpoints of TenantBillingController require it", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }
}
