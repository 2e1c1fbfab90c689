using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Auth.EndpointAuthorizationAnalyzer>;

namespace AiBackend.Tests.Auth;

/// <summary>
/// Apps bundle their group conventions in a helper of their own (<c>MapGroup("/leases").WithApiDefaults()</c>, where
/// <c>WithApiDefaults</c> calls <c>group.RequireAuthorization(…)</c> among filters and tags): the groups passed through
/// it are authorized. Seen on a real app whose every group of one module went through such a helper (issue 13).
/// </summary>
public class AppModelConventionHelperTests
{
    private const string Usings = """
        using System;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Routing;

        public sealed class LeaseHandler
        {
            public IResult Active(ClaimsPrincipal user) => Results.Ok();
            public IResult Revoke(ClaimsPrincipal user, Guid id) => Results.NoContent();
        }

        """;

    [Fact]
    public async Task Groups_passed_through_the_apps_own_convention_helper_take_its_authorization()
    {
        await Verify.VerifyAsync(Usings + """
            public static class ModuleEndpoints
            {
                public static void MapModule(this IEndpointRouteBuilder endpoints)
                {
                    endpoints.MapGroup("/leases").WithModuleDefaults().MapLeases();
                    endpoints.MapGroup("/requests").WithModuleDefaults("requests").MapRequests();
                }

                private static RouteGroupBuilder WithModuleDefaults(this RouteGroupBuilder group)
                {
                    group.RequireAuthorization("Application");
                    group.WithGroupName("internal");
                    return group;
                }

                private static RouteGroupBuilder WithModuleDefaults(this RouteGroupBuilder group, string tag) =>
                    group.WithTags(tag).RequireAuthorization();

                private static RouteGroupBuilder MapLeases(this RouteGroupBuilder group)
                {
                    group.MapGet("active", (LeaseHandler handler, ClaimsPrincipal user) => handler.Active(user));
                    group.MapPost("{id:guid}/revoke", (Guid id, LeaseHandler handler, ClaimsPrincipal user) => handler.Revoke(user, id));
                    return group;
                }

                private static RouteGroupBuilder MapRequests(this RouteGroupBuilder group)
                {
                    group.MapDelete("{id:guid}", (Guid id, LeaseHandler handler, ClaimsPrincipal user) => handler.Revoke(user, id));
                    return group;
                }
            }
            """);
    }

    [Fact]
    public async Task A_helper_that_applies_no_authorization_leaves_the_group_open()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            public static class ModuleEndpoints
            {
                public static void MapModule(this WebApplication app)
                {
                    app.UseAuthorization();
                    app.MapGroup("/leases").WithModuleDefaults().MapLeases();
                }

                private static RouteGroupBuilder WithModuleDefaults(this RouteGroupBuilder group)
                {
                    group.WithTags("Leases");
                    group.WithGroupName("internal");
                    return group;
                }

                private static RouteGroupBuilder MapLeases(this RouteGroupBuilder group)
                {
                    group.{|AIB3001:MapGet|}("active", (LeaseHandler handler, ClaimsPrincipal user) => handler.Active(user));
                    return group;
                }
            }
            """);

        Assert.StartsWith("Endpoint 'GET /leases/active' acts for the current user", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_helper_that_marks_the_group_anonymous_makes_it_public_on_purpose()
    {
        await Verify.VerifyAsync(Usings + """
            public static class ModuleEndpoints
            {
                public static void MapModule(this WebApplication app)
                {
                    app.UseAuthorization();
                    app.MapGroup("/leases").AsPublicApi().MapLeases();
                    app.MapGroup("/admin/leases").RequireAuthorization().MapAdminLeases();
                }

                private static RouteGroupBuilder AsPublicApi(this RouteGroupBuilder group)
                {
                    group.AllowAnonymous();
                    return group;
                }

                private static RouteGroupBuilder MapLeases(this RouteGroupBuilder group)
                {
                    group.MapGet("active", (LeaseHandler handler, ClaimsPrincipal user) => handler.Active(user));
                    group.MapPost("{id:guid}/revoke", (Guid id, LeaseHandler handler, ClaimsPrincipal user) => handler.Revoke(user, id));
                    return group;
                }

                private static RouteGroupBuilder MapAdminLeases(this RouteGroupBuilder group)
                {
                    group.MapGet("all", (LeaseHandler handler, ClaimsPrincipal user) => handler.Active(user));
                    return group;
                }
            }
            """);
    }
}
