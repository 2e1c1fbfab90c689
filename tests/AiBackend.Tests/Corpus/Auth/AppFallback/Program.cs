// Labeled corpus: an app whose fallback policy authorizes every endpoint that says nothing.
using Microsoft.AspNetCore.Authorization;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthorization(options =>
    options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
var app = builder.Build();
app.UseExceptionHandler("/error");
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/orders", () => "orders"); // safe: AIB3001
app.MapPost("/orders", () => Results.Created()); // safe: AIB3001
app.MapGet("/status", () => "ok").AllowAnonymous(); // safe: AIB3001
app.Run();
