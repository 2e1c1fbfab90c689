using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer>;

namespace AiBackend.Tests.Auth;

public class EndpointAuthorizationTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.Extensions.DependencyInjection;

        """;

    [Fact]
    public async Task Endpoints_without_a_decision_and_anonymous_writes_are_reported()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.Services.GetService<object>();
                    app.UseAuthorization();
                    app.{|AIB3001:MapGet|}("/todos", () => "all");
                    app.MapGet("/todos/{id}", (int id) => id).RequireAuthorization();
                    app.MapGet("/health", () => "ok").AllowAnonymous();
                    app.{|AIB3001:MapDelete|}("/todos/{id}", (int id) => id).AllowAnonymous();
                    app.MapPost("/account/login", () => "token").AllowAnonymous();

                    var admin = app.MapGroup("/admin").RequireAuthorization("Admins");
                    admin.MapPost("/users", () => "created");

                    var api = app.MapGroup("/api");
                    api.RequireAuthorization();
                    api.MapTodoRoutes();

                    app.MapGroup("/legacy").MapTodoRoutes();
                }

                public static void MapTodoRoutes(this IEndpointRouteBuilder routes)
                {
                    routes.{|AIB3001:MapPut|}("/items/{id}", (int id) => id);
                }
            }

            [ApiController]
            [Route("api/orders")]
            public sealed class OrdersController : ControllerBase
            {
                [HttpGet]
                public IActionResult {|AIB3001:List|}() => Ok();

                [HttpGet("{id}"), Authorize]
                public IActionResult Get(int id) => Ok();

                [HttpPost, Authorize]
                public IActionResult Create() => Ok();
            }

            [Authorize]
            public abstract class SecureController : ControllerBase { }

            [Route("api/secure")]
            public sealed class InvoicesController : SecureController
            {
                [HttpGet]
                public IActionResult List() => Ok();
            }
            """);

        Assert.Equal("Endpoint 'GET /todos' has no authorization while the other read endpoints under '/todos' require it: require authorization, or mark it anonymous if it is public on purpose", diagnostics[0].GetMessage());
        Assert.Equal("Endpoint 'DELETE /todos/{id}' changes or deletes existing data but allows anonymous callers", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task A_fallback_policy_covers_endpoints_without_a_decision()
    {
        await Verify.VerifyAsync(Usings + """
            public static class Api
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

                public static void Map(WebApplication app)
                {
                    app.MapGet("/todos", () => "all");
                    app.MapGet("/health", () => "ok").AllowAnonymous();
                }
            }
            """);
    }

    [Fact]
    public async Task Apps_without_authorization_are_not_reported()
    {
        await Verify.VerifyAsync(Usings + """
            public static class Api
            {
                public static void Map(WebApplication app) => app.MapPost("/todos", () => "created");
            }
            """);
    }
}

public class EndpointAuthorizationCodeFixTests
{
    [Fact]
    public async Task Adds_RequireAuthorization_or_Authorize()
    {
        await CodeFixVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer, AiBackend.CodeFixes.Auth.EndpointAuthorizationCodeFix>.VerifyAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.UseAuthorization();
                    app.{|AIB3001:MapGet|}("/todos", () => "all").WithName("Todos");
                    app.MapGet("/todos/{id}", (int id) => id).RequireAuthorization();
                }
            }

            public sealed class OrdersController : ControllerBase
            {
                [HttpGet("api/orders")]
                public IActionResult {|AIB3001:List|}() => Ok();

                [HttpGet("api/orders/{id}"), Authorize]
                public IActionResult Get(int id) => Ok();
            }
            """, """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.UseAuthorization();
                    app.MapGet("/todos", () => "all").RequireAuthorization().WithName("Todos");
                    app.MapGet("/todos/{id}", (int id) => id).RequireAuthorization();
                }
            }

            public sealed class OrdersController : ControllerBase
            {
                [HttpGet("api/orders")]
                [Authorize]
                public IActionResult List() => Ok();

                [HttpGet("api/orders/{id}"), Authorize]
                public IActionResult Get(int id) => Ok();
            }
            """);
    }
}
