using AiBackend.Testing;
using VerifyAppWide = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.NoAppWideErrorHandlingAnalyzer>;
using VerifyToken = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.CancellationNotPassedAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

public class AppWideAndCancellationTests
{
    private static readonly TestOptions App = TestOptions.Default with { OutputKind = OutputKindOption.Application };

    [Fact]
    public async Task Web_app_without_an_exception_handler_is_reported_at_its_builder()
    {
        await VerifyAppWide.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            var builder = [|WebApplication.CreateBuilder(args)|];
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
                app.UseExceptionHandler("/error");
            app.MapGet("/", () => "hi");
            app.Run();
            """, App);
    }

    [Theory]
    [InlineData("app.UseExceptionHandler();")]
    [InlineData("app.UseExceptionHandler(\"/error\");")]
    [InlineData("app.UseMiddleware<ErrorMiddleware>();")]
    [InlineData("app.Use(async (context, next) => { try { await next(context); } catch (Exception) { context.Response.StatusCode = 500; } });")]
    public async Task Web_app_with_error_handling_is_not_reported(string setup)
    {
        await VerifyAppWide.VerifyAsync($$"""
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddProblemDetails();
            var app = builder.Build();
            {{setup}}
            app.MapGet("/", () => "hi");
            app.Run();

            sealed class ErrorMiddleware
            {
                private readonly RequestDelegate _next;
                public ErrorMiddleware(RequestDelegate next) => _next = next;
                public async Task InvokeAsync(HttpContext context)
                {
                    try { await _next(context); }
                    catch (Exception) { context.Response.StatusCode = 500; }
                }
            }
            """, App);
    }

    [Fact]
    public async Task A_framework_exception_handler_called_from_a_setup_extension_counts()
    {
        await VerifyAppWide.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            await app.UseAppPipelineAndSeed();
            app.Run();

            static class PipelineSetup
            {
                public static async Task<WebApplication> UseAppPipelineAndSeed(this WebApplication app)
                {
                    if (app.Environment.IsDevelopment())
                        app.UseDeveloperExceptionPage();
                    else
                        app.UseDefaultExceptionHandler();
                    await Task.Yield();
                    return app;
                }

                // Stands for FastEndpoints' extension of the same name.
                public static IApplicationBuilder UseDefaultExceptionHandler(this IApplicationBuilder app) => app;
            }
            """, App);
    }

    [Fact]
    public async Task A_framework_exception_handler_only_in_development_does_not_count()
    {
        await VerifyAppWide.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            var builder = [|WebApplication.CreateBuilder(args)|];
            var app = builder.Build();
            await app.UseAppPipelineAndSeed();
            app.Run();

            static class PipelineSetup
            {
                public static async Task<WebApplication> UseAppPipelineAndSeed(this WebApplication app)
                {
                    if (app.Environment.IsDevelopment())
                        app.UseDefaultExceptionHandler();
                    await Task.Yield();
                    return app;
                }

                public static IApplicationBuilder UseDefaultExceptionHandler(this IApplicationBuilder app) => app;
            }
            """, App);
    }

    [Fact]
    public async Task Handlers_with_a_token_that_do_not_pass_it_are_reported()
    {
        await VerifyToken.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", async (Db db, CancellationToken ct) => await db.Todos.{|AIB2007:ToListAsync|}());
                    app.MapGet("/b", async (HttpClient http, CancellationToken ct) => await http.{|AIB2007:GetStringAsync|}("https://example.com"));
                    app.MapGet("/c", async (Db db, CancellationToken ct) => await db.Todos.ToListAsync(ct));
                    app.MapGet("/d", async (Db db) => await db.Todos.ToListAsync());
                    app.MapPost("/e", async (Db db, HttpContext context) =>
                    {
                        var todos = await db.Todos.ToListAsync(context.RequestAborted);
                        await db.{|AIB2007:SaveChangesAsync|}();
                        return todos.Count;
                    });
                }
            }
            """);
    }
}
