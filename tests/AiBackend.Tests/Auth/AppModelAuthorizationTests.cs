using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// Authorization the app model must see where real apps put it: groups handed to helpers, helpers that wrap
/// <c>MapGet</c>, global filters, base controllers, <c>MapControllers()</c> conventions and fallback policies.
/// </summary>
public class AppModelAuthorizationTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics.CodeAnalysis;
        using System.Linq;
        using System.Reflection;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Authorization;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.Extensions.DependencyInjection;

        """;

    /// <summary>Helpers in the shape of a clean-architecture template: Map(this builder, handler, pattern) around the framework's Map*.</summary>
    private const string Wrappers = """

        public static class RouteShortcuts
        {
            public static RouteHandlerBuilder MapGet(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern = "") =>
                builder.MapGet(pattern, handler).WithName(handler.Method.Name);

            public static RouteHandlerBuilder MapPost(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern = "") =>
                builder.MapPost(pattern, handler).WithName(handler.Method.Name);

            public static RouteHandlerBuilder MapDelete(this IEndpointRouteBuilder builder, Delegate handler, [StringSyntax("Route")] string pattern)
            {
                var endpoint = builder.MapDelete(pattern, handler);
                return endpoint.WithName(handler.Method.Name);
            }
        }
        """;

    [Fact]
    public async Task Groups_found_by_reflection_that_require_authorization_on_their_parameter_are_authorized()
    {
        await Verify.VerifyAsync(Usings + """
            public abstract class ApiGroup
            {
                public abstract void Map(RouteGroupBuilder groupBuilder);
            }

            public static class GroupRegistration
            {
                public static WebApplication MapApiGroups(this WebApplication app)
                {
                    app.UseAuthorization();
                    foreach (var type in Assembly.GetExecutingAssembly().GetExportedTypes().Where(t => t.IsSubclassOf(typeof(ApiGroup))))
                    {
                        var instance = (ApiGroup)Activator.CreateInstance(type)!;
                        var group = app.MapGroup("/api/" + type.Name);
                        instance.Map(group);
                    }

                    return app;
                }
            }

            public class Invoices : ApiGroup
            {
                public override void Map(RouteGroupBuilder groupBuilder)
                {
                    groupBuilder.RequireAuthorization();
                    groupBuilder.MapGet(ListInvoices);
                    groupBuilder.MapPost(CreateInvoice);
                    groupBuilder.MapDelete(DeleteInvoice, "{id}");
                }

                public static Task<IResult> ListInvoices() => Task.FromResult(Results.Ok());
                public static Task<IResult> CreateInvoice(string number) => Task.FromResult(Results.Created());
                public static Task<IResult> DeleteInvoice(int id) => Task.FromResult(Results.NoContent());
            }

            public class Payments : ApiGroup
            {
                public override void Map(RouteGroupBuilder groupBuilder)
                {
                    groupBuilder.MapGet(ListPayments);
                    groupBuilder.{|AIB3001:MapDelete|}(RefundPayment, "{id}");
                }

                public static IResult ListPayments() => Results.Ok();
                public static IResult RefundPayment(int id) => Results.NoContent();
            }
            """ + Wrappers);
    }

    [Fact]
    public async Task Groups_with_a_static_abstract_Map_invoked_by_reflection()
    {
        await Verify.VerifyAsync(Usings + """
            public interface IRouteModule
            {
                static abstract void Map(RouteGroupBuilder groupBuilder);
            }

            public static class ModuleRegistration
            {
                public static void MapModules(this WebApplication app)
                {
                    app.UseAuthorization();
                    foreach (var type in typeof(ModuleRegistration).Assembly.GetExportedTypes().Where(t => typeof(IRouteModule).IsAssignableFrom(t) && !t.IsInterface))
                        type.GetMethod(nameof(IRouteModule.Map))!.Invoke(null, new object[] { app.MapGroup("/api/" + type.Name) });
                }
            }

            public class Subscriptions : IRouteModule
            {
                public static void Map(RouteGroupBuilder groupBuilder)
                {
                    groupBuilder.RequireAuthorization();
                    groupBuilder.MapPost(Subscribe);
                    groupBuilder.MapDelete(Cancel, "{id}");
                }

                public static IResult Subscribe(string plan) => Results.Created();
                public static IResult Cancel(int id) => Results.NoContent();
            }
            """ + Wrappers);
    }

    [Fact]
    public async Task Groups_passed_directly_take_the_callers_authorization_and_prefix()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public abstract class ApiGroup
            {
                public abstract void Map(RouteGroupBuilder groupBuilder);
            }

            public static class Routes
            {
                public static void MapAll(WebApplication app)
                {
                    app.UseAuthorization();
                    new Reports().Map(app.MapGroup("/api/reports").RequireAuthorization());
                    ApiGroup exports = new Exports();
                    exports.Map(app.MapGroup("/api/exports"));
                    app.MapGroup("/api/archive").RequireAuthorization().MapArchive();
                    app.MapGroup("/api/trash").MapTrash();
                }

                public static RouteGroupBuilder MapArchive(this RouteGroupBuilder group)
                {
                    group.MapDelete("/{id}", (int id) => Results.NoContent());
                    return group;
                }

                public static RouteGroupBuilder MapTrash(this RouteGroupBuilder group)
                {
                    group.{|AIB3001:MapDelete|}("/{id}", (int id) => Results.NoContent());
                    return group;
                }
            }

            public class Reports : ApiGroup
            {
                public override void Map(RouteGroupBuilder groupBuilder) => groupBuilder.MapDelete(DeleteReport, "{id}");

                public static IResult DeleteReport(int id) => Results.NoContent();
            }

            public class Exports : ApiGroup
            {
                public override void Map(RouteGroupBuilder groupBuilder) => groupBuilder.{|AIB3001:MapDelete|}(DeleteExport, "{id}");

                public static IResult DeleteExport(int id) => Results.NoContent();
            }
            """ + Wrappers);

        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("Endpoint 'DELETE /api/exports/{id}' changes or deletes existing data", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("Endpoint 'DELETE /api/trash/{id}' changes or deletes existing data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrapper_is_no_endpoint_and_its_call_sites_are()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public static class ItemRoutes
            {
                public static void Map(WebApplication app)
                {
                    app.UseAuthorization();
                    app.{|AIB3001:MapDelete|}(DeleteItem, "/api/items/{id}");
                    app.MapDelete(DeleteNote, "/api/notes/{id}").RequireAuthorization();
                    app.MapGet(ListItems, "/api/items");
                    app.MapDeleteTwice(DeleteNote, "/api/twice/{id}").RequireAuthorization();
                    app.{|AIB3001:MapDeleteTwice|}(DeleteItem, "/api/again/{id}");
                }

                public static RouteHandlerBuilder MapDeleteTwice(this IEndpointRouteBuilder builder, Delegate handler, string pattern) =>
                    builder.MapDelete(handler, pattern);

                public static IResult DeleteItem(int id) => Results.NoContent();
                public static IResult DeleteNote(int id) => Results.NoContent();
                public static IResult ListItems() => Results.Ok();
            }
            """ + Wrappers);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("RequireAuthorization", d.Properties["Fix"]));
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("Endpoint 'DELETE /api/items/{id}' ", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("Endpoint 'DELETE /api/again/{id}' ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrapper_that_returns_nothing_gets_no_automatic_fix()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public static class Routes
            {
                public static void Map(WebApplication app)
                {
                    app.UseAuthorization();
                    app.{|AIB3001:Remove|}("/api/items/{id}", (int id) => Results.NoContent());
                }

                public static void Remove(this IEndpointRouteBuilder builder, string pattern, Delegate handler) => builder.MapDelete(pattern, handler);
            }
            """);

        Assert.False(diagnostics.Single().Properties.ContainsKey("Fix"));
    }

    [Theory]
    [InlineData("services.AddControllers(o => o.Filters.Add(new AuthorizeFilter()));")]
    [InlineData("services.AddMvc(o => o.Filters.Add<AuthorizeFilter>());")]
    [InlineData("services.AddControllersWithViews(o => o.Filters.Add(typeof(AuthorizeFilter)));")]
    [InlineData("services.AddAuthorization(o => o.FallbackPolicy = o.DefaultPolicy);")]
    [InlineData("services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());")]
    [InlineData("services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());")]
    public async Task Global_filters_and_fallback_policies_authorize_controllers(string setup)
    {
        await Verify.VerifyAsync(Usings + Controllers(setup, "app.MapControllers();", report: false));
    }

    [Theory]
    [InlineData("app.MapControllers().RequireAuthorization();")]
    [InlineData("app.MapDefaultControllerRoute().RequireAuthorization();")]
    [InlineData("var controllers = app.MapControllers(); controllers.RequireAuthorization();")]
    public async Task Controller_conventions_authorize_controllers(string mapping)
    {
        await Verify.VerifyAsync(Usings + Controllers("services.AddAuthorization();", mapping, report: false));
    }

    [Theory]
    [InlineData("services.AddAuthorization(o => o.FallbackPolicy = null);", "app.MapControllers();")]
    [InlineData("services.AddControllers();", "app.MapControllers().WithMetadata(new object());")]
    public async Task Without_a_filter_fallback_or_convention_controllers_are_open(string setup, string mapping)
    {
        await Verify.VerifyAsync(Usings + Controllers(setup + " services.AddAuthentication();", mapping, report: true));
    }

    [Fact]
    public async Task Authorize_on_a_base_controller_is_inherited()
    {
        await Verify.VerifyAsync(Usings + """
            [Authorize]
            public abstract class SecuredController<T> : ControllerBase { }

            public abstract class PlainController : ControllerBase { }

            [Route("api/invoices")]
            public sealed class InvoicesController : SecuredController<int>
            {
                [HttpDelete("{id}")]
                public IActionResult Delete(int id) => NoContent();
            }

            [Route("api/coupons")]
            public sealed class CouponsController : PlainController
            {
                [HttpDelete("{id}")]
                public IActionResult {|AIB3001:Delete|}(int id) => NoContent();
            }
            """);
    }

    [Fact]
    public async Task The_apps_own_authorization_filters_are_a_decision()
    {
        await Verify.VerifyAsync(Usings + """
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class ApiKeyAttribute : Attribute, IAsyncAuthorizationFilter
            {
                public Task OnAuthorizationAsync(AuthorizationFilterContext context) => Task.CompletedTask;
            }

            public sealed class SignatureFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context) { }
            }

            public sealed class TimingAttribute : Attribute, IActionFilter
            {
                public void OnActionExecuting(ActionExecutingContext context) { }
                public void OnActionExecuted(ActionExecutedContext context) { }
            }

            public static class Startup
            {
                public static void Configure(IServiceCollection services) => services.AddAuthorization();
            }

            [Route("api/keys")]
            public sealed class KeysController : ControllerBase
            {
                [HttpDelete("{id}"), ApiKey] public IActionResult Revoke(int id) => NoContent();
                [HttpPut("{id}"), ServiceFilter(typeof(SignatureFilter))] public IActionResult Rotate(int id) => NoContent();
                [HttpPatch("{id}"), Timing] public IActionResult {|AIB3001:Rename|}(int id) => NoContent();
            }
            """);
    }

    [Fact]
    public async Task A_global_filter_of_the_apps_own_authorizes_controllers()
    {
        await Verify.VerifyAsync(Usings + """
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class SignatureFilter : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context) { }
            }
            """ + Controllers("services.AddControllers(o => o.Filters.Add<SignatureFilter>()); services.AddAuthentication();", "app.MapControllers();", report: false));
    }

    private static string Controllers(string setup, string mapping, bool report) => $$"""
        public static class Startup
        {
            public static void Configure(IServiceCollection services) { {{setup}} }

            public static void Map(WebApplication app) { app.UseAuthorization(); {{mapping}} }
        }

        [ApiController]
        [Route("api/[controller]")]
        public sealed class CouponsController : ControllerBase
        {
            [HttpGet]
            public IActionResult List() => Ok();

            [HttpDelete("{id}")]
            public IActionResult {{(report ? "{|AIB3001:Delete|}" : "Delete")}}(int id) => NoContent();
        }
        """;
}

/// <summary>Razor Pages: the page model's attributes, folder and page conventions, MapRazorPages conventions, global filters.</summary>
public class RazorPagesAuthorizationTests
{
    private const string Pages = """
        using System.Security.Claims;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Authorization;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.Extensions.DependencyInjection;

        namespace Shop.Pages.Orders
        {
            public class HistoryModel : PageModel
            {
                public string? UserId { get; private set; }

                public void {|AIB3001:OnGet|}() => UserId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            }

            public class TrackModel : PageModel
            {
                public void OnGet(string code) => ViewData["user"] = User.FindFirstValue(ClaimTypes.Name);
            }
        }

        namespace Shop.Pages.Account.Manage
        {
            public class IndexModel : PageModel
            {
                public IActionResult OnPostDeleteAsync() => Content(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
            }
        }

        namespace Shop.Areas.Identity.Pages.Account.Manage
        {
            public class EmailModel : PageModel
            {
                public IActionResult OnPostChangeEmail(string email) => Content(User.FindFirstValue(ClaimTypes.Email) ?? "");
            }
        }

        namespace Shop.Pages
        {
            public class PrivacyModel : PageModel
            {
                public void OnGet() { }
            }

            [Authorize]
            public class CheckoutModel : PageModel
            {
                public void OnGet() => ViewData["user"] = User.FindFirstValue(ClaimTypes.NameIdentifier);
            }
        }

        """;

    [Fact]
    public async Task Folder_page_and_area_conventions_authorize_pages_and_the_rest_is_judged()
    {
        var diagnostics = await AnalyzerVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer>.VerifyAsync(Pages + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddRazorPages(options =>
                    {
                        options.Conventions.AuthorizeFolder("/Account/Manage");
                        options.Conventions.AuthorizeAreaFolder("Identity", "/Account/Manage");
                        options.Conventions.AuthorizePage("/Orders/Track");
                        options.Conventions.AllowAnonymousToPage("/Orders/Track");
                    });

                public static void Map(WebApplication app) => app.MapRazorPages();
            }
            """);

        Assert.Equal("Endpoint 'GET /Orders/History' acts for the current user but does not require authorization: require authorization, or mark it anonymous if it is public on purpose",
            diagnostics.Single().GetMessage());
        Assert.False(diagnostics.Single().Properties.ContainsKey("Fix"));
    }

    [Theory]
    [InlineData("services.AddRazorPages(); services.AddAuthorization();", "app.MapRazorPages().RequireAuthorization();")]
    // AuthorizeFolder("/") leaves area pages alone, as in ASP.NET Core: areas need their own convention.
    [InlineData("services.AddRazorPages(o => { o.Conventions.AuthorizeFolder(\"/\"); o.Conventions.AuthorizeAreaFolder(\"Identity\", \"/\"); });", "app.MapRazorPages();")]
    [InlineData("services.AddRazorPages().AddMvcOptions(o => o.Filters.Add(new AuthorizeFilter()));", "app.MapRazorPages();")]
    public async Task Conventions_for_every_page(string setup, string mapping)
    {
        await AnalyzerVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer>.VerifyAsync(
            Pages.Replace("{|AIB3001:OnGet|}", "OnGet") + $$"""
            public static class Startup
            {
                public static void Configure(IServiceCollection services) { {{setup}} }

                public static void Map(WebApplication app) { {{mapping}} }
            }
            """);
    }
}
