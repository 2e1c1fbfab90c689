using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// AIB3001 asks the attacker's question: an endpoint left open where the app says it should not be (its siblings
/// require authorization, it acts for the current user, it changes or deletes data), and says why. Public surfaces
/// that nobody marks [AllowAnonymous] stay quiet.
/// </summary>
public class EndpointAuthorizationRedesignTests
{
    private const string Usings = """
        using System.Linq;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class TodoItem { public int Id { get; set; } public string OwnerId { get; set; } = ""; }
        public sealed class Comment { public int Id { get; set; } public string Text { get; set; } = ""; }
        public sealed class AppDb : DbContext
        {
            public DbSet<TodoItem> Todos => Set<TodoItem>();
            public DbSet<Comment> Comments => Set<Comment>();
        }

        public static class Setup
        {
            public static void Configure(IServiceCollection services) => services.AddAuthorization();
        }

        """;

    [Fact]
    public async Task An_action_left_open_among_authorized_actions_is_reported_with_its_expanded_route()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            [ApiController]
            [Route("api/[controller]")]
            public sealed class TodoItemsController : ControllerBase
            {
                [HttpGet, Authorize]
                public IActionResult List() => Ok();

                [HttpGet("{id}"), Authorize]
                public IActionResult Get(int id) => Ok();

                [HttpPost, Authorize]
                public IActionResult Create() => Ok();

                [HttpDelete("{id}")]
                public IActionResult {|AIB3001:Delete|}(int id) => NoContent();

                [HttpGet("[action]/{id}")]
                [HttpGet("[action]/{id}/legacy")]
                [ActionName("history")]
                public IActionResult {|AIB3001:HistoryAsync|}(int id) => Ok();
            }
            """);

        Assert.Equal(
            "Endpoint 'DELETE /api/TodoItems/{id}' has no authorization while 3 of the 4 other endpoints of TodoItemsController require it: require authorization, or mark it anonymous if it is public on purpose",
            diagnostics.Single(d => d.GetMessage().Contains("DELETE")).GetMessage());
        Assert.StartsWith("Endpoint 'GET /api/TodoItems/history/{id}' has no authorization while the other read endpoints of TodoItemsController require it",
            diagnostics.Single(d => !d.GetMessage().Contains("DELETE")).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_recovery_health_and_feed_endpoints_are_public_by_nature()
    {
        await Verify.VerifyAsync(Usings + """
            [Route("account")]
            public sealed class AccountController : Controller
            {
                [HttpPost("login")] public IActionResult Login(string user, string password) => Ok();
                [HttpPost("register")] public IActionResult Register(string user, string password) => Ok();
                [HttpPost("forgot-password")] public IActionResult ForgotPassword(string email) => Ok();
                [HttpGet("confirm-email")] public IActionResult ConfirmEmail(string token) => Ok();
                [HttpPost("reset-password")] public IActionResult ResetPassword(string token, string password) => Ok();
                [HttpGet("manage"), Authorize] public IActionResult Manage() => Ok();
                [HttpPost("manage/email"), Authorize] public IActionResult ChangeEmail(string email) => Ok();
            }

            public static class Site
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/api/health", () => "ok");
                    app.MapGet("/api/feed.xml", () => "<rss/>");
                    app.MapGet("/api/sitemap.xml", () => "<urlset/>");
                    app.MapGet("/api/orders", () => "orders").RequireAuthorization();
                    app.MapGet("/api/profile", () => "me").RequireAuthorization();
                }
            }
            """);
    }

    [Fact]
    public async Task Catalogue_reads_next_to_admin_writes_and_unprotected_content_sites_stay_quiet()
    {
        await Verify.VerifyAsync(Usings + """
            [ApiController]
            [Route("api/products")]
            public sealed class ProductsController : ControllerBase
            {
                [HttpGet] public IActionResult List() => Ok();
                [HttpGet("{id}")] public IActionResult Get(int id) => Ok();
                [HttpPost, Authorize(Roles = "Admin")] public IActionResult Create() => Ok();
                [HttpPut("{id}"), Authorize(Roles = "Admin")] public IActionResult Update(int id) => Ok();
            }

            public sealed class BlogController : Controller
            {
                private readonly AppDb _db;

                public BlogController(AppDb db) => _db = db;

                [HttpGet("/blog/{slug}")] public IActionResult Post(string slug) => View();
                [HttpGet("/blog/tag/{tag}")] public IActionResult Tag(string tag) => View();

                [HttpPost("/blog/{slug}/comments")]
                public async Task<IActionResult> AddComment(string slug, Comment comment)
                {
                    _db.Comments.Add(comment);
                    await _db.SaveChangesAsync();
                    return Ok();
                }

                [HttpGet("/blog/preview/{slug}")]
                public IActionResult Preview(string slug) => User.IsInRole("editor") ? View() : NotFound();

                [HttpGet("/blog/drafts")]
                public IActionResult Drafts() => User.Identity!.IsAuthenticated && User.FindFirstValue(ClaimTypes.Role) == "editor" ? View() : Challenge();
            }

            [Authorize]
            public sealed class DashboardController : Controller
            {
                [HttpGet("/dashboard")] public IActionResult Index() => View();
            }
            """);
    }

    [Fact]
    public async Task Endpoints_that_act_for_the_user_or_change_stored_data_are_reported_without_siblings()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public sealed class CommentsController : Controller
            {
                private readonly AppDb _db;

                public CommentsController(AppDb db) => _db = db;

                [HttpGet("/comments/mine")]
                public IActionResult {|AIB3001:Mine|}() => Ok(User.FindFirstValue(ClaimTypes.NameIdentifier));

                [HttpPost("/comments/{id}/hide")]
                public async Task<IActionResult> {|AIB3001:Hide|}(int id)
                {
                    var comment = await _db.Comments.FindAsync(id);
                    _db.Comments.Remove(comment!);
                    await _db.SaveChangesAsync();
                    return Ok();
                }

                [HttpPatch("/comments/{id}")]
                public IActionResult {|AIB3001:Edit|}(int id, Comment comment) => Ok();

                [HttpGet("/comments")]
                public IActionResult List() => Ok();
            }

            public sealed class HomeController : Controller
            {
                public IActionResult Index() => View();

                public IActionResult {|AIB3001:Purge|}([FromServices] AppDb db) => Ok(db.Comments.ExecuteDelete());
            }

            [Authorize]
            public sealed class SettingsController : Controller
            {
                [HttpGet("/settings")] public IActionResult Index() => View();
            }

            public static class Api
            {
                public static void Map(WebApplication app) =>
                    app.{|AIB3001:MapGet|}("/api/me", (ClaimsPrincipal user) => user.Identity!.Name);
            }
            """);

        var messages = diagnostics.Select(d => d.GetMessage()).ToList();
        Assert.Contains("Endpoint 'GET /comments/mine' acts for the current user but does not require authorization: require authorization, or mark it anonymous if it is public on purpose", messages);
        Assert.Contains(messages, m => m.StartsWith("Endpoint 'POST /comments/{id}/hide' updates or removes stored entities with no authorization", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Endpoint 'PATCH /comments/{id}' changes or deletes existing data with no authorization", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Endpoint 'action Purge of HomeController (conventional route)' updates or removes stored entities", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Minimal_api_siblings_by_route_prefix_and_group_and_the_majority_rule()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public static class RouteTable
            {
                // The class that maps lambdas is no sibling set (it often mixes unrelated areas): prefixes and groups are.
                public static void Map(WebApplication app)
                {
                    app.MapGet("/api/orders/{id}", (int id) => id).RequireAuthorization();
                    app.MapGet("/api/orders/recent", () => "recent").RequireAuthorization();
                    app.{|AIB3001:MapGet|}("/api/orders/export", () => "csv");

                    var auth = app.MapGroup("/auth");
                    auth.MapGet("sessions", () => "list").RequireAuthorization();
                    auth.MapGet("devices", () => "list").RequireAuthorization();
                    auth.{|AIB3001:MapGet|}("keys", () => "list");

                    var docs = app.MapGroup("docs");
                    docs.MapGet("/intro", () => "intro");
                    docs.MapGet("/setup", () => "setup");
                    docs.MapGet("/faq", () => "faq");
                    docs.MapGet("/internal", () => "internal").RequireAuthorization();
                }
            }
            """);

        var messages = diagnostics.Select(d => d.GetMessage()).ToList();
        Assert.Contains(messages, m => m.StartsWith("Endpoint 'GET /api/orders/export' has no authorization while the other read endpoints under '/api/orders' require it", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Endpoint 'GET /auth/keys' has no authorization while the other read endpoints of route group '/auth' require it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_helper_mapped_on_an_authorized_group_and_an_open_one_is_reported()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGroup("/api/v2").RequireAuthorization().MapReports();
                    app.MapGroup("/api/v1").MapReports();
                    app.MapGroup("/admin").RequireAuthorization().MapAudit();
                    app.MapGroup("/ops").RequireAuthorization().MapAudit();
                }

                public static void MapReports(this IEndpointRouteBuilder routes) => routes.{|AIB3001:MapGet|}("/reports", () => "reports");

                public static void MapAudit(this IEndpointRouteBuilder routes) => routes.MapGet("/audit", () => "audit");
            }
            """);

        Assert.Equal(
            "Endpoint 'GET /api/v1/reports' is mapped by a helper that some callers hand an authorized group and others an open one: require authorization, or mark it anonymous if it is public on purpose",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Explicitly_anonymous_endpoints_are_public_on_purpose_unless_they_delete_or_replace_data()
    {
        await Verify.VerifyAsync(Usings + """
            [Authorize]
            [Route("api/files")]
            public sealed class FilesController : ControllerBase
            {
                [HttpGet("{id}")] public IActionResult Get(int id) => Ok();
                [HttpGet("shared/{token}"), AllowAnonymous] public IActionResult Shared(string token) => Ok();
            }

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/api/todos", () => "all").RequireAuthorization();
                    app.MapGet("/api/todos/stats", () => "stats").AllowAnonymous();
                    app.MapPost("/api/todos/suggestions", (string text) => Results.Accepted()).AllowAnonymous();
                    app.MapPost("/api/installations", (string key) => Results.Ok()).AllowAnonymous();
                    app.{|AIB3001:MapPost|}("/api/todos/{id}/purge", async (int id, AppDb db) => await db.Todos.Where(t => t.Id == id).ExecuteDeleteAsync()).AllowAnonymous();
                }
            }
            """);
    }
}

public class EndpointAuthorizationRedesignCodeFixTests
{
    [Fact]
    public async Task The_fix_requires_authorization_on_a_wrapper_call_and_on_a_sibling_action()
    {
        await CodeFixVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer, AiBackend.CodeFixes.Auth.EndpointAuthorizationCodeFix>.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Routing;

            public static class Items
            {
                public static void Map(WebApplication app)
                {
                    app.UseAuthorization();
                    app.{|AIB3001:MapRemove|}(Remove, "/api/items/{id}");
                }

                public static RouteHandlerBuilder MapRemove(this IEndpointRouteBuilder builder, Delegate handler, string pattern) => builder.MapDelete(pattern, handler);

                public static IResult Remove(int id) => Results.NoContent();
            }

            [Route("api/orders")]
            public sealed class OrdersController : ControllerBase
            {
                [HttpGet("{id}"), Authorize]
                public IActionResult Get(int id) => Ok();

                [HttpPost("{id}/cancel")]
                public IActionResult {|AIB3001:Cancel|}(int id) => Ok();
            }
            """, """
            using System;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Routing;

            public static class Items
            {
                public static void Map(WebApplication app)
                {
                    app.UseAuthorization();
                    app.MapRemove(Remove, "/api/items/{id}").RequireAuthorization();
                }

                public static RouteHandlerBuilder MapRemove(this IEndpointRouteBuilder builder, Delegate handler, string pattern) => builder.MapDelete(pattern, handler);

                public static IResult Remove(int id) => Results.NoContent();
            }

            [Route("api/orders")]
            public sealed class OrdersController : ControllerBase
            {
                [HttpGet("{id}"), Authorize]
                public IActionResult Get(int id) => Ok();

                [HttpPost("{id}/cancel")]
                [Authorize]
                public IActionResult Cancel(int id) => Ok();
            }
            """);
    }
}
