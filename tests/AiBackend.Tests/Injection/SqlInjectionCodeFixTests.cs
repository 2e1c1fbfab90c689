using Verify = AiBackend.Testing.CodeFixVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer, AiBackend.CodeFixes.Injection.SqlInjectionCodeFix>;

namespace AiBackend.Tests.Injection;

public class SqlInjectionCodeFixTests
{
    private const string Usings = """
        using System.Data;
        using System.Linq;
        using Dapper;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Data.Sqlite;
        using Microsoft.EntityFrameworkCore;

        public sealed class User { public int Id { get; set; } public string Name { get; set; } = ""; }
        public sealed class Db : DbContext { public DbSet<User> Users => Set<User>(); }

        """;

    [Fact]
    public async Task Ef_core_raw_sql_becomes_FromSql_with_an_interpolated_string()
    {
        await Verify.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users", (string name, Db db) => db.Users.FromSqlRaw({|AIB1001:"SELECT * FROM Users WHERE Name = '" + name + "'"|}).ToList());
            }
            """, Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users", (string name, Db db) => db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}").ToList());
            }
            """);
    }

    [Fact]
    public async Task Ef_core_ExecuteSqlRawAsync_becomes_ExecuteSqlAsync()
    {
        await Verify.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapDelete("/users", async (string name, Db db) => await db.Database.ExecuteSqlRawAsync({|AIB1001:$"DELETE FROM Users WHERE Name = '{name}'"|}));
            }
            """, Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapDelete("/users", async (string name, Db db) => await db.Database.ExecuteSqlAsync($"DELETE FROM Users WHERE Name = {name}"));
            }
            """);
    }

    [Fact]
    public async Task Dapper_query_gets_markers_and_an_anonymous_parameter_object()
    {
        await Verify.VerifyAsync(Usings + """
            public sealed record Search(string Name, int Limit);

            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapPost("/users", (Search search, IDbConnection db) =>
                        db.Query<User>({|AIB1001:$"SELECT * FROM Users WHERE Name = '{search.Name}' LIMIT {search.Limit}"|}));
            }
            """, Usings + """
            public sealed record Search(string Name, int Limit);

            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapPost("/users", (Search search, IDbConnection db) =>
                        db.Query<User>("SELECT * FROM Users WHERE Name = @Name LIMIT @Limit", new { search.Name, search.Limit }));
            }
            """);
    }

    [Fact]
    public async Task Ado_command_text_assignment_gets_AddWithValue()
    {
        await Verify.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users", (string name, SqliteConnection db) =>
                    {
                        using var cmd = db.CreateCommand();
                        {|AIB1001:cmd.CommandText = "SELECT Id FROM Users WHERE Name = '" + name + "'"|};
                        return cmd.ExecuteScalar();
                    });
            }
            """, Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users", (string name, SqliteConnection db) =>
                    {
                        using var cmd = db.CreateCommand();
                        cmd.CommandText = "SELECT Id FROM Users WHERE Name = @name";
                        cmd.Parameters.AddWithValue("@name", name);
                        return cmd.ExecuteScalar();
                    });
            }
            """);
    }

    [Fact]
    public async Task Ado_command_constructor_gets_AddWithValue_after_the_declaration()
    {
        await Verify.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users", (string name, string email, SqliteConnection db) =>
                    {
                        using var cmd = new SqliteCommand({|AIB1001:$"SELECT Id FROM Users WHERE Name = '{name}' AND Email LIKE {email}"|}, db);
                        return cmd.ExecuteScalar();
                    });
            }
            """, Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users", (string name, string email, SqliteConnection db) =>
                    {
                        using var cmd = new SqliteCommand("SELECT Id FROM Users WHERE Name = @name AND Email LIKE @email", db);
                        cmd.Parameters.AddWithValue("@name", name);
                        cmd.Parameters.AddWithValue("@email", email);
                        return cmd.ExecuteScalar();
                    });
            }
            """);
    }

    [Fact]
    public async Task No_fix_when_a_value_is_an_identifier_or_inside_a_pattern()
    {
        // ORDER BY {column} cannot be a parameter; '%{term}%' needs the wildcards moved into the value.
        await Verify.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string column, IDbConnection db) => db.Query<User>({|AIB1001:"SELECT * FROM Users ORDER BY " + column|}));
                    app.MapGet("/b", (string term, IDbConnection db) => db.Query<User>({|AIB1001:$"SELECT * FROM Users WHERE Name LIKE '%{term}%'"|}));
                }
            }
            """, Usings + """
            static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/a", (string column, IDbConnection db) => db.Query<User>({|AIB1001:"SELECT * FROM Users ORDER BY " + column|}));
                    app.MapGet("/b", (string term, IDbConnection db) => db.Query<User>({|AIB1001:$"SELECT * FROM Users WHERE Name LIKE '%{term}%'"|}));
                }
            }
            """);
    }

    [Fact]
    public async Task A_DataTable_filter_built_from_request_data_is_reported_and_no_parameter_rewrite_is_offered()
    {
        // Filter expressions take no parameters: the reported code is left as it is (the fix would not compile).
        var source = Usings + """
            static class Api
            {
                public static void Map(WebApplication app, DataTable users) =>
                    app.MapGet("/users", (string name, string status) =>
                    {
                        var rows = users.Select({|AIB1001:"Name = '" + name + "'"|});
                        var view = new DataView(users);
                        {|AIB1001:view.RowFilter = $"Status = '{status}'"|};
                        var count = users.Compute("Count(Id)", {|AIB1001:"Name LIKE '" + name + "%'"|});
                        return rows.Length + view.Count + (int)count;
                    });
            }
            """;
        await Verify.VerifyAsync(source, source);
    }

    [Fact]
    public async Task A_DataTable_filter_of_constants_or_escaped_values_is_not_reported()
    {
        await AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app, DataTable users) =>
                    app.MapGet("/users", (int minimumAge, bool active) =>
                    {
                        var adults = users.Select("Age >= " + minimumAge);
                        var view = new DataView(users) { RowFilter = active ? "Active = true" : "Active = false" };
                        return adults.Length + view.Count;
                    });
            }
            """);
    }
}
