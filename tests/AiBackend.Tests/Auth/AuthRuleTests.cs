using AiBackend.Analyzers.Auth;
using AiBackend.Testing;

namespace AiBackend.Tests.Auth;

public class AuthRuleTests
{
    private static Task Verify<TAnalyzer>(string code)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new() =>
        AnalyzerVerifier<TAnalyzer>.VerifyAsync(AuthTestCode.Usings + code);

    [Fact]
    public async Task Hard_coded_secrets_by_where_they_go()
    {
        await Verify<HardcodedSecretAnalyzer>("""
            public static class Setup
            {
                private const string Key = "k3y-th4t-is-long-enough-for-hmac-sha256!!";

                public static void Configure(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration config)
                {
                    var signing = new SymmetricSecurityKey(Encoding.UTF8.GetBytes({|AIB3003:"super-secret-signing-key-1234567890"|}));
                    var constant = new SymmetricSecurityKey(Encoding.UTF8.GetBytes({|AIB3003:Key|}));
                    var fromConfig = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config["Jwt:Key"]!));
                    var fallback = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config["Jwt:Key"] ?? {|AIB3003:"fallback-signing-key-0987654321"|}));
                    var http = new HttpClient();
                    http.DefaultRequestHeaders.Add("X-Api-Key", {|AIB3003:"sk_live_51H8xYz"|});
                    http.DefaultRequestHeaders.Add("X-Request-Source", "orders-service");
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", {|AIB3003:"eyJhbGciOiJIUzI1NiJ9.e30.abc"|});
                    var cs = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { Password = {|AIB3003:"P@ssw0rd!2024"|} };
                    var placeholder = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("<your-signing-key-here>"));
                    var utf8 = new SymmetricSecurityKey({|AIB3003:"utf8-signing-key-0123456789abcdef"u8|}.ToArray());
                    var utf8Placeholder = new SymmetricSecurityKey("<your-signing-key-here>"u8.ToArray());
                }
            }

            public sealed class ApiOptions
            {
                public string ApiKey { get; set; } = {|AIB3003:"live-4f9a8b7c6d5e"|};
                public string BaseUrl { get; set; } = "https://api.example.com";
                public string Password { get; set; } = "";
            }
            """);
    }

    [Fact]
    public async Task Weak_password_hashing()
    {
        await Verify<WeakPasswordHashingAnalyzer>("""
            public static class Hashing
            {
                public static byte[] Fast(string password) => {|AIB3004:SHA256.HashData(Encoding.UTF8.GetBytes(password))|};

                public static byte[] Local(string password)
                {
                    var bytes = Encoding.UTF8.GetBytes(password + "pepper");
                    return {|AIB3004:MD5.HashData(bytes)|};
                }

                public static byte[] FileHash(byte[] content) => SHA256.HashData(content);

                public static byte[] Pbkdf2Low(string password, byte[] salt) =>
                    Rfc2898DeriveBytes.Pbkdf2(password, salt, {|AIB3004:10_000|}, HashAlgorithmName.SHA256, 32);

                public static byte[] Pbkdf2Good(string password, byte[] salt) =>
                    Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);

                public static byte[] Pbkdf2Sha512(string password, byte[] salt) =>
                    Rfc2898DeriveBytes.Pbkdf2(password, salt, 210_000, HashAlgorithmName.SHA512, 64);

                public static byte[] Pbkdf2Sha1(string password, byte[] salt) =>
                    {|AIB3004:Rfc2898DeriveBytes.Pbkdf2(password, salt, 2_000_000, HashAlgorithmName.SHA1, 32)|};
            }
            """);
    }

    [Fact]
    public async Task Insecure_randomness_only_for_secrets()
    {
        await Verify<InsecureRandomnessAnalyzer>("""
            public sealed class Codes
            {
                private readonly Random _random = new();

                public string ResetCode() => {|AIB3005:_random.Next(100000, 999999)|}.ToString();

                public string CreateToken()
                {
                    var bytes = new byte[32];
                    {|AIB3005:_random.NextBytes(bytes)|};
                    return Convert.ToBase64String(bytes);
                }

                public string ApiKey { get; } = {|AIB3005:Guid.NewGuid()|}.ToString("N");

                public int Jitter() => _random.Next(0, 250);
                public T Pick<T>(IList<T> items) => items[_random.Next(items.Count)];
                public Guid NewId() => Guid.NewGuid();
                public Guid CorrelationId { get; } = Guid.NewGuid();
                public string Token() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
            }
            """);
    }

    [Fact]
    public async Task Timing_unsafe_comparisons_of_secrets()
    {
        await Verify<TimingUnsafeComparisonAnalyzer>("""
            public static class Checks
            {
                public static bool Signature(string signature, string expected) => {|AIB3006:signature == expected|};
                public static bool Hash(byte[] hash, byte[] computed) => {|AIB3006:hash.SequenceEqual(computed)|};
                public static bool ApiKey(string apiKey, string configured) => {|AIB3006:string.Equals(apiKey, configured)|};
                public static bool Safe(byte[] hash, byte[] computed) => CryptographicOperations.FixedTimeEquals(hash, computed);
                public static bool Missing(string token) => token == null || token == "";
                public static bool Names(string name, string other) => name == other;
                public static bool Lengths(string token, string other) => token.Length == other.Length;
            }
            """);
    }

    [Fact]
    public async Task Middleware_order()
    {
        await Verify<AuthMiddlewareOrderAnalyzer>("""
            public static class Pipeline
            {
                public static void Bad(WebApplication app)
                {
                    app.UseRouting();
                    app.UseAuthorization();
                    {|AIB3007:app.UseAuthentication()|};
                    app.MapGet("/", () => "hi");
                }

                public static void Cors(WebApplication app)
                {
                    app.UseAuthentication();
                    app.UseAuthorization();
                    {|AIB3007:app.UseCors()|};
                }

                public static void AuthenticationBeforeRouting(WebApplication app)
                {
                    app.UseStaticFiles();
                    app.UseAuthentication();
                    app.UseRouting();
                    app.UseAuthorization();
                    app.MapGet("/", () => "hi");
                }

                public static void AuthorizationBeforeRouting(WebApplication app)
                {
                    app.UseAuthentication();
                    app.UseAuthorization();
                    {|AIB3007:app.UseRouting()|};
                    app.MapGet("/", () => "hi");
                }

                public static void Good(WebApplication app)
                {
                    app.UseRouting();
                    app.UseCors();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    app.MapGet("/", () => "hi");
                }
            }
            """);
    }

    [Fact]
    public async Task Cors_with_credentials_and_any_origin()
    {
        await Verify<PermissiveCorsAnalyzer>("""
            public static class CorsSetup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddCors(o =>
                    {
                        o.AddPolicy("spa", p => p.{|AIB3008:SetIsOriginAllowed|}(_ => true).AllowAnyHeader().AllowCredentials());
                        o.AddPolicy("partners", p => p.WithOrigins("https://partner.example.com").AllowCredentials());
                        o.AddPolicy("public", p => p.AllowAnyOrigin().AllowAnyMethod());
                        o.AddPolicy("all", p =>
                        {
                            p.{|AIB3008:AllowAnyOrigin|}();
                            p.AllowCredentials();
                        });
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Insecure_cookies()
    {
        await AnalyzerVerifier<InsecureCookieAnalyzer>.VerifyAsync("using Microsoft.AspNetCore.Authentication.Cookies;\n" + AuthTestCode.Usings + """
            public static class Cookies
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie(o =>
                    {
                        {|AIB3009:o.Cookie.SecurePolicy = CookieSecurePolicy.None|};
                        {|AIB3009:o.Cookie.HttpOnly = false|};
                        o.Cookie.SameSite = SameSiteMode.Lax;
                    });
                }

                public static void Write(HttpResponse response, string token)
                {
                    {|AIB3009:response.Cookies.Append("refresh_token", token)|};
                    {|AIB3009:response.Cookies.Append("session", token, new CookieOptions { HttpOnly = true })|};
                    response.Cookies.Append("auth", token, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
                    response.Cookies.Append("theme", "dark");
                }
            }
            """);
    }

    [Fact]
    public async Task Ownership_is_checked_for_owned_entities_on_authorized_endpoints()
    {
        await Verify<MissingOwnershipCheckAnalyzer>("""
            public static class NotesApi
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/notes/{id}", async (int id, Db db) => await {|AIB3010:db.Notes.FindAsync(id)|}).RequireAuthorization();
                    app.MapDelete("/notes/{noteId}", async (int noteId, Db db) => await {|AIB3010:db.Notes.Where(n => n.Id == noteId).ExecuteDeleteAsync()|});
                    app.MapGet("/mine/{id}", async (int id, Db db, ClaimsPrincipal user) =>
                        await db.Notes.FirstOrDefaultAsync(n => n.Id == id && n.OwnerId == user.FindFirstValue("sub")));
                    app.MapGet("/products/{id}", async (int id, Db db) => await db.Products.FindAsync(id));
                    app.MapGet("/public/{id}", async (int id, Db db) => await db.Notes.FindAsync(id)).AllowAnonymous();
                    app.MapGet("/admin/{id}", async (int id, Db db) => await db.Notes.FindAsync(id)).RequireAuthorization("Admins");
                }
            }

            public sealed class NotesController : ControllerBase
            {
                [HttpGet("api/notes/{id}")]
                public async Task<IActionResult> Get(int id, [FromServices] Db db)
                {
                    var note = await db.Notes.FirstOrDefaultAsync(n => n.Id == id);
                    return note is null || note.OwnerId != User.FindFirstValue("sub") ? NotFound() : Ok(note);
                }
            }
            """);
    }

    [Fact]
    public async Task Ownership_follows_a_request_sent_through_the_mediator_to_its_handler()
    {
        await Verify<MissingOwnershipCheckAnalyzer>("""
            namespace MediatR
            {
                public interface IRequest<out TResponse> { }
                public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
                {
                    Task<TResponse> Handle(TRequest request, System.Threading.CancellationToken cancellationToken);
                }
                public interface ISender { Task<TResponse> Send<TResponse>(IRequest<TResponse> request, System.Threading.CancellationToken cancellationToken = default); }
            }

            namespace Notes
            {
                using MediatR;

                public interface ICurrentUserService { string? UserId { get; } }

                public sealed record GetNote(int Id) : IRequest<Note?>;
                public sealed class GetNoteHandler(Db db) : IRequestHandler<GetNote, Note?>
                {
                    public async Task<Note?> Handle(GetNote request, System.Threading.CancellationToken cancellationToken) => await db.Notes.FindAsync(request.Id);
                }

                public sealed class DeleteNote : IRequest<bool> { public int Id { get; init; } }
                public sealed class DeleteNoteHandler(Db db, ICurrentUserService currentUser) : IRequestHandler<DeleteNote, bool>
                {
                    public async Task<bool> Handle(DeleteNote request, System.Threading.CancellationToken cancellationToken) =>
                        await db.Notes.Where(n => n.Id == request.Id && n.OwnerId == currentUser.UserId).ExecuteDeleteAsync(cancellationToken) > 0;
                }

                public sealed record GetProduct(int Id) : IRequest<Product?>;
                public sealed class GetProductHandler(Db db) : IRequestHandler<GetProduct, Product?>
                {
                    public async Task<Product?> Handle(GetProduct request, System.Threading.CancellationToken cancellationToken) => await db.Products.FindAsync(request.Id);
                }

                public static class NotesApi
                {
                    public static void Map(WebApplication app)
                    {
                        var notes = app.MapGroup("/notes").RequireAuthorization();
                        notes.MapGet("/{id}", async (int id, ISender sender) => await {|AIB3010:sender.Send(new GetNote(id))|});
                        notes.MapDelete("/{id}", async (int id, ISender sender) => await sender.Send(new DeleteNote { Id = id }));
                        notes.MapGet("/products/{id}", async (int id, ISender sender) => await sender.Send(new GetProduct(id)));
                        notes.MapGet("/latest", async (ISender sender) => await sender.Send(new GetNote(1)));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Ownership_follows_a_command_without_a_response_to_its_handler()
    {
        await Verify<MissingOwnershipCheckAnalyzer>("""
            namespace MediatR
            {
                public interface IBaseRequest { }
                public interface IRequest : IBaseRequest { }
                public interface IRequestHandler<in TRequest> where TRequest : IRequest
                {
                    Task Handle(TRequest request, System.Threading.CancellationToken cancellationToken);
                }
                public interface ISender { Task Send<TRequest>(TRequest request, System.Threading.CancellationToken cancellationToken = default) where TRequest : IRequest; }
                public interface IMediator : ISender { }
            }

            namespace Blog
            {
                using MediatR;

                public sealed class Person { public string Name { get; set; } = ""; }
                public sealed class Post { public int Id { get; set; } public string Slug { get; set; } = ""; public Person? Author { get; init; } }
                public sealed class BlogDb : DbContext { public DbSet<Post> Posts => Set<Post>(); }

                public class Remove
                {
                    public record Command(string Slug) : IRequest;

                    public class CommandHandler(BlogDb db) : IRequestHandler<Command>
                    {
                        public async Task Handle(Command message, System.Threading.CancellationToken cancellationToken)
                        {
                            var post = await db.Posts.FirstOrDefaultAsync(x => x.Slug == message.Slug, cancellationToken)
                                ?? throw new InvalidOperationException("not found");
                            db.Posts.Remove(post);
                            await db.SaveChangesAsync(cancellationToken);
                        }
                    }
                }

                [Route("posts")]
                public sealed class PostsController(IMediator mediator) : Controller
                {
                    [HttpDelete("{slug}")]
                    [Authorize]
                    public Task Remove(string slug, System.Threading.CancellationToken cancellationToken) =>
                        {|AIB3010:mediator.Send(new Remove.Command(slug), cancellationToken)|};

                    [HttpGet("{slug}")]
                    public Task Read(string slug) => mediator.Send(new Remove.Command(slug));
                }
            }
            """);
    }

    [Fact]
    public async Task Ownership_follows_policies_applied_to_a_group_parameter()
    {
        await Verify<MissingOwnershipCheckAnalyzer>("""
            public static class NoteGroups
            {
                public static void MapAdmin(Microsoft.AspNetCore.Routing.RouteGroupBuilder groupBuilder)
                {
                    groupBuilder.RequireAuthorization("Admins");
                    groupBuilder.MapGet("/notes/{id}", async (int id, Db db) => await db.Notes.FindAsync(id));
                }

                public static void MapMine(Microsoft.AspNetCore.Routing.RouteGroupBuilder groupBuilder)
                {
                    groupBuilder.RequireAuthorization();
                    groupBuilder.MapGet("/notes/{id}", async (int id, Db db) => await {|AIB3010:db.Notes.FindAsync(id)|});
                }
            }
            """);
    }

    [Fact]
    public async Task Credentials_reaching_logs_and_responses()
    {
        await Verify<SensitiveDataExposedAnalyzer>("""
            public sealed class UserRecord { public string Email { get; set; } = ""; public string PasswordHash { get; set; } = ""; }
            public sealed class UserView { public string Email { get; set; } = ""; }
            public sealed record LoginRequest(string Email, string Password);

            public static class Accounts
            {
                public static void Map(WebApplication app, ILogger logger)
                {
                    app.MapPost("/login", (LoginRequest request) =>
                    {
                        {|AIB3011:logger.LogInformation("Login {Email} with {Password}", request.Email, request.Password)|};
                        logger.LogInformation("Login attempt for {Email}", request.Email);
                        return Results.Ok();
                    });
                    app.MapGet("/users/{id}", (int id) => Results.Ok({|AIB3011:new UserRecord()|}));
                    app.MapGet("/users/{id}/view", (int id) => Results.Ok(new UserView()));
                }

                public static void Connect(string connectionString, ILogger logger)
                {
                    Console.WriteLine({|AIB3011:"Connecting with " + connectionString|});
                    logger.LogDebug("Connection string length {Length}", connectionString.Length);
                }
            }
            """);
    }
}
