using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TodoApi.Data;

var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
if (demo)
    builder.WebHost.UseUrls("http://127.0.0.1:0");

// The signing key comes from configuration (user secrets, environment, a vault); the sample falls back to a
// random per-process key so that nothing secret is committed.
var signingKey = new SymmetricSecurityKey(builder.Configuration["Auth:SigningKey"] is { Length: >= 32 } configured
    ? Encoding.UTF8.GetBytes(configured)
    : System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

// A SQLite file next to the app (created on first run); a relative path is taken from the content root, not the shell's folder.
var database = new SqliteConnectionStringBuilder(builder.Configuration.GetConnectionString("Todos") ?? "Data Source=todos.db");
if (!database.DataSource.StartsWith(':') && !database.DataSource.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(database.DataSource))
    database.DataSource = Path.Combine(builder.Environment.ContentRootPath, database.DataSource);
builder.Services.AddDbContext<TodoDb>(options => options.UseSqlite(database.ConnectionString));

// The generated transformer declares the JWT bearer scheme and puts it on every operation that needs a signed-in caller.
builder.Services.AddOpenApi(options => options.AddAiBackendSecurity());
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
using (var scope = app.Services.CreateScope())
    scope.ServiceProvider.GetRequiredService<TodoDb>().Database.EnsureCreated();

app.UseExceptionHandler();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapAiBackendEndpoints();

if (!demo)
{
    app.Run();
    return;
}

// --demo: start on a free loopback port, call the endpoints, print what came back, stop.
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient { BaseAddress = new Uri(address) };
Console.WriteLine($"TodoApi listening on {address} (database: {database.DataSource})");

await Show("GET    /health", http.GetAsync("/health"));
using (var openApi = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")))
{
    var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
    Console.WriteLine($"{"GET    /openapi/v1.json",-42} -> {paths.Count} paths: {string.Join(", ", paths)}");
}

await Show("GET    /api/todos (no token)", http.GetAsync("/api/todos"));

var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
{
    Issuer = "todo-sample",
    Audience = "todo-sample",
    Subject = new ClaimsIdentity(new[] { new Claim("sub", "demo-user") }),
    SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
});
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

var created = await Show("POST   /api/todos", http.PostAsJsonAsync("/api/todos", new CreateTodoRequest { Title = "Ship the sample", DueDate = new DateOnly(2030, 1, 1) }));
var todo = JsonSerializer.Deserialize<TodoResponse>(created, JsonSerializerOptions.Web)!;
await Show("POST   /api/todos (no title)", http.PostAsJsonAsync("/api/todos", new CreateTodoRequest()));
await Show($"GET    /api/todos/{todo.Id}", http.GetAsync($"/api/todos/{todo.Id}"));
await Show($"PUT    /api/todos/{todo.Id}", http.PutAsJsonAsync($"/api/todos/{todo.Id}", new UpdateTodoRequest { Title = "Ship the sample", Done = true, Version = todo.Version }));
await Show($"PUT    /api/todos/{todo.Id} (stale version)", http.PutAsJsonAsync($"/api/todos/{todo.Id}", new UpdateTodoRequest { Title = "Too late", Version = todo.Version }));
await Show("GET    /api/todos?pageSize=5", http.GetAsync("/api/todos?pageSize=5"));
await Show("GET    /api/reports/summary", http.GetAsync("/api/reports/summary"));
await Show("POST   /api/feedback (bad e-mail)", http.PostAsJsonAsync("/api/feedback", new { message = "Nice", replyTo = "not-an-address" }));
await Show($"DELETE /api/todos/{todo.Id}", http.DeleteAsync($"/api/todos/{todo.Id}"));
await Show($"GET    /api/todos/{todo.Id}", http.GetAsync($"/api/todos/{todo.Id}"));

await app.StopAsync();

static async Task<string> Show(string request, Task<HttpResponseMessage> call)
{
    using var response = await call;
    var body = await response.Content.ReadAsStringAsync();
    Console.WriteLine($"{request,-42} -> {(int)response.StatusCode} {response.StatusCode} {body}");
    return body;
}

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
