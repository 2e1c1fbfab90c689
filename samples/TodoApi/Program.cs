using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TodoApi;

var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
if (demo)
    builder.WebHost.UseUrls("http://127.0.0.1:0");

// The signing key comes from configuration (user secrets, environment, a vault); the sample falls back to a
// random per-process key so that nothing secret is committed.
var signingKey = new SymmetricSecurityKey(builder.Configuration["Auth:SigningKey"] is { Length: >= 32 } configured
    ? Encoding.UTF8.GetBytes(configured)
    : System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

builder.Services.AddSingleton<TodoStore>();
builder.Services.AddProblemDetails();
builder.Services.AddAuthorization();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
{
    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = "todo-sample",
        ValidAudience = "todo-sample",
        IssuerSigningKey = signingKey,
    };
});

var app = builder.Build();
app.UseExceptionHandler();
app.UseAuthentication();
app.UseAuthorization();
app.MapAiBackendEndpoints();

if (!demo)
{
    app.Run();
    return;
}

// --demo: start on a free loopback port, call every endpoint once, print what came back, stop.
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient { BaseAddress = new Uri(address) };
Console.WriteLine($"TodoApi listening on {address}");

await Show("GET  /health", http.GetAsync("/health"));
await Show("GET  /api/todos", http.GetAsync("/api/todos"));
await Show("GET  /api/todos/1", http.GetAsync("/api/todos/1"));
await Show("GET  /api/todos/999", http.GetAsync("/api/todos/999"));
await Show("POST /api/todos (no token)", http.PostAsJsonAsync("/api/todos", new NewTodo("Ship it")));

var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
{
    Issuer = "todo-sample",
    Audience = "todo-sample",
    Subject = new ClaimsIdentity(new[] { new Claim("sub", "demo-user") }),
    SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
});
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
await Show("POST /api/todos (with token)", http.PostAsJsonAsync("/api/todos", new NewTodo("Ship it")));

await app.StopAsync();

static async Task Show(string request, Task<HttpResponseMessage> call)
{
    using var response = await call;
    var body = await response.Content.ReadAsStringAsync();
    Console.WriteLine($"{request,-30} -> {(int)response.StatusCode} {response.StatusCode} {body}");
}

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
