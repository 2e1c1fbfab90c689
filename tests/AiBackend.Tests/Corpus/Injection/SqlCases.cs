// Labeled corpus: SQL injection (AIB1001). "expect" marks a line that must be reported, "safe" a look-alike that must not.
using System.Data;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Corpus.Sql;

public static class UserEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/users/by-name", async (string name, SqliteConnection db) =>
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT * FROM Users WHERE Name = '" + name + "'"; // expect: AIB1001
            return await cmd.ExecuteScalarAsync();
        });

        app.MapGet("/users/by-name-safe", async (string name, SqliteConnection db) =>
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT * FROM Users WHERE Name = @name"; // safe: AIB1001
            cmd.Parameters.AddWithValue("@name", name);
            return await cmd.ExecuteScalarAsync();
        });

        app.MapGet("/users/{id}", (int id, SqliteConnection db) =>
        {
            using var cmd = new SqliteCommand($"SELECT * FROM Users WHERE Id = {id}", db); // safe: AIB1001
            return cmd.ExecuteScalar();
        });

        app.MapGet("/users/search", (string term, IDbConnection db) =>
            db.Query<User>($"SELECT * FROM Users WHERE Name LIKE '%{term}%'")); // expect: AIB1001

        app.MapGet("/users/search-safe", (string term, IDbConnection db) =>
            db.Query<User>("SELECT * FROM Users WHERE Name LIKE @term", new { term = "%" + term + "%" })); // safe: AIB1001

        app.MapGet("/users/sorted", (string sort, IDbConnection db) =>
        {
            var column = sort switch { "email" => "Email", "id" => "Id", _ => "Name" };
            return db.Query<User>($"SELECT * FROM Users ORDER BY {column}"); // safe: AIB1001
        });

        app.MapGet("/users/sorted-raw", (string sort, IDbConnection db) =>
            db.Query<User>("SELECT * FROM Users ORDER BY " + sort)); // expect: AIB1001

        app.MapGet("/users/ordered", (SortOrder order, IDbConnection db) =>
            db.Query<User>("SELECT * FROM Users ORDER BY " + order)); // safe: AIB1001

        app.MapPost("/users/filter", async (UserSearch search, ShopDb db) =>
            await db.Users.FromSqlRaw("SELECT * FROM Users WHERE Name = '" + search.Name + "'").ToListAsync()); // expect: AIB1001

        app.MapPost("/users/filter-safe", async (UserSearch search, ShopDb db) =>
            await db.Users.FromSql($"SELECT * FROM Users WHERE Name = {search.Name}").ToListAsync()); // safe: AIB1001

        app.MapPost("/users/filter-interpolated", async (UserSearch search, ShopDb db) =>
            await db.Users.FromSqlInterpolated($"SELECT * FROM Users WHERE Name = {search.Name}").ToListAsync()); // safe: AIB1001

        app.MapPost("/users/filter-raw-params", async (UserSearch search, ShopDb db) =>
            await db.Users.FromSqlRaw("SELECT * FROM Users WHERE Name = {0}", search.Name).ToListAsync()); // safe: AIB1001

        app.MapDelete("/users", async (HttpRequest request, ShopDb db) =>
        {
            var email = request.Query["email"].ToString();
            return await db.Database.ExecuteSqlRawAsync($"DELETE FROM Users WHERE Email = '{email}'"); // expect: AIB1001
        });

        app.MapDelete("/users/safe", async (HttpRequest request, ShopDb db) =>
        {
            var email = request.Query["email"].ToString();
            return await db.Database.ExecuteSqlAsync($"DELETE FROM Users WHERE Email = {email}"); // safe: AIB1001
        });

        app.MapGet("/users/by-header", (HttpContext context, NpgsqlDataSource source) =>
        {
            var tenant = context.Request.Headers["X-Tenant"].ToString();
            using var cmd = source.CreateCommand("SELECT * FROM users WHERE tenant = '" + tenant + "'"); // expect: AIB1001
            return cmd.ExecuteScalar();
        });

        app.MapGet("/users/by-tenant-safe", (HttpContext context, NpgsqlDataSource source) =>
        {
            var tenant = context.Request.Headers["X-Tenant"].ToString();
            using var cmd = source.CreateCommand("SELECT * FROM users WHERE tenant = $1"); // safe: AIB1001
            cmd.Parameters.AddWithValue(tenant);
            return cmd.ExecuteScalar();
        });

        app.MapGet("/users/builder", (string name, string city, SqliteConnection db) =>
        {
            var sql = new StringBuilder("SELECT * FROM Users WHERE 1 = 1");
            sql.Append(" AND Name = '").Append(name).Append('\'');
            if (!string.IsNullOrEmpty(city))
                sql.Append(" AND City = '" + city + "'");
            using var cmd = new SqliteCommand(sql.ToString(), db); // expect: AIB1001
            return cmd.ExecuteScalar();
        });

        app.MapGet("/users/builder-safe", (string name, SqliteConnection db) =>
        {
            var sql = new StringBuilder("SELECT * FROM Users WHERE 1 = 1");
            sql.Append(" AND Name = @name");
            using var cmd = new SqliteCommand(sql.ToString(), db); // safe: AIB1001
            cmd.Parameters.AddWithValue("@name", name);
            return cmd.ExecuteScalar();
        });

        app.MapGet("/users/format", (string name, IDbConnection db) =>
            db.ExecuteScalar(string.Format("SELECT COUNT(*) FROM Users WHERE Name = '{0}'", name))); // expect: AIB1001

        app.MapGet("/users/in", (string ids, IDbConnection db) =>
            db.Query<User>("SELECT * FROM Users WHERE Id IN (" + string.Join(",", ids.Split(',')) + ")")); // expect: AIB1001

        app.MapGet("/users/in-safe", (string ids, IDbConnection db) =>
            db.Query<User>("SELECT * FROM Users WHERE Id IN (" + string.Join(",", ids.Split(',').Select(int.Parse)) + ")")); // safe: AIB1001

        app.MapGet("/users/page", (string page, IDbConnection db) =>
        {
            if (!int.TryParse(page, out var number))
                return Results.BadRequest();
            return Results.Ok(db.Query<User>($"SELECT * FROM Users LIMIT 20 OFFSET {number * 20}")); // safe: AIB1001
        });

        app.MapGet("/users/count", (string table, IDbConnection db) =>
        {
            var allowed = new[] { "Users", "Orders" };
            if (!allowed.Contains(table))
                return Results.BadRequest();
            return Results.Ok(db.ExecuteScalar<int>("SELECT COUNT(*) FROM " + table)); // safe: AIB1001
        });

        app.MapGet("/users/repo", async (string name, IUserRepository users) => await users.SearchAsync(name));

        app.MapGet("/users/email", async (string email, IUserRepository users) => await users.FindByEmailAsync(email)); // safe: AIB1001

        app.MapGet("/users/where", (string name, SqliteConnection db) => SqlHelpers.CountWhere(db, "Name", name));
    }
}

public static class SqlHelpers
{
    public static long CountWhere(SqliteConnection db, string column, string value)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = BuildCount(column, value); // expect: AIB1001 (at the sink; a handler passes request data in)
        return (long)cmd.ExecuteScalar()!;
    }

    private static string BuildCount(string column, string value) => $"SELECT COUNT(*) FROM Users WHERE {column} = '{value}'";

    public static string Constant() => "SELECT 1";
}

public sealed class UserRepository : IUserRepository
{
    private readonly IDbConnection _db;

    public UserRepository(IDbConnection db) => _db = db;

    public Task<IEnumerable<User>> SearchAsync(string name) =>
        _db.QueryAsync<User>("SELECT * FROM Users WHERE Name LIKE '" + name + "%'"); // expect: AIB1001 (at the sink; a handler passes request data in)

    public Task<User?> FindByEmailAsync(string email) =>
        _db.QueryFirstOrDefaultAsync<User>("SELECT * FROM Users WHERE Email = @email", new { email });
}

[ApiController]
[Route("api/reports")]
public sealed class ReportsController : ControllerBase
{
    private readonly SqliteConnection _db;

    public ReportsController(SqliteConnection db) => _db = db;

    [HttpPost]
    public IActionResult Create(ReportRequest request)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"INSERT INTO Reports (Title) VALUES ('{request.Title}')"; // expect: AIB1001
        cmd.ExecuteNonQuery();
        return Ok();
    }

    [HttpGet("{id:int}")]
    public IActionResult Get(int id)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT * FROM Reports WHERE Id = " + id; // safe: AIB1001
        return Ok(cmd.ExecuteScalar());
    }

    [HttpGet("search")]
    public IActionResult Search([FromQuery] string title)
    {
        var where = BuildWhere(title);
        using var cmd = new SqliteCommand("SELECT * FROM Reports " + where, _db); // expect: AIB1001
        return Ok(cmd.ExecuteScalar());
    }

    [HttpGet("latest")]
    public IActionResult Latest()
    {
        using var cmd = new SqliteCommand(SqlHelpers.Constant(), _db); // safe: AIB1001
        return Ok(cmd.ExecuteScalar());
    }

    private static string BuildWhere(string title) => "WHERE Title = '" + title.Trim() + "'";

    [HttpGet("pair")]
    public IActionResult Pair([FromQuery] string first, [FromQuery] string last)
    {
        var (given, family) = (first.Trim(), last.Trim());
        using var cmd = new SqliteCommand($"SELECT * FROM People WHERE Given = '{given}' AND Family = '{family}'", _db); // expect: AIB1001
        return Ok(cmd.ExecuteScalar());
    }

    [HttpGet("pair-safe")]
    public IActionResult PairSafe([FromQuery] string first, [FromQuery] int age)
    {
        var (label, years) = ("adult", age);
        using var cmd = new SqliteCommand($"SELECT * FROM People WHERE Kind = '{label}' AND Age > {years}", _db); // safe: AIB1001
        cmd.Parameters.AddWithValue("@first", first);
        return Ok(cmd.ExecuteScalar());
    }
}

/// <summary>Known limitation: taint kept in a field between two requests is not followed.</summary>
[ApiController]
[Route("api/saved-searches")]
public sealed class SavedSearchController : ControllerBase
{
    private static string s_lastTerm = "";
    private readonly SqliteConnection _db;

    public SavedSearchController(SqliteConnection db) => _db = db;

    [HttpPost]
    public IActionResult Save([FromQuery] string term)
    {
        s_lastTerm = term;
        return NoContent();
    }

    [HttpGet("rerun")]
    public IActionResult Rerun()
    {
        using var cmd = new SqliteCommand("SELECT * FROM Items WHERE Name = '" + s_lastTerm + "'", _db); // expect: AIB1001
        return Ok(cmd.ExecuteScalar());
    }
}
