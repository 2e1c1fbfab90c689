using AiBackend.Testing;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

public class SqlInjectionTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Data.Sqlite;
        using Microsoft.EntityFrameworkCore;

        """;

    [Fact]
    public async Task Minimal_api_query_parameter_interpolated_into_command_text_is_reported()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users", (string name, SqliteConnection db) =>
                    {
                        using var command = db.CreateCommand();
                        {|AIB1001:command.CommandText = $"SELECT * FROM users WHERE name = '{name}'"|};
                        return command.ExecuteScalar()?.ToString();
                    });
            }
            """);

        Assert.Equal("Query parameter 'name' (line 10) reaches SQL text ('SqliteCommand.CommandText')", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Command_text_grown_with_a_compound_assignment_is_reported_but_a_constant_clause_is_not()
    {
        await Verify.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users", (string name, bool active, SqliteConnection db) =>
                    {
                        using var command = db.CreateCommand();
                        command.CommandText = "SELECT * FROM users WHERE 1 = 1";
                        if (active)
                            command.CommandText += " AND active = 1";
                        if (name.Length > 0)
                            {|AIB1001:command.CommandText += " AND name = '" + name + "'"|};
                        return command.ExecuteScalar()?.ToString();
                    });
            }
            """);
    }

    [Fact]
    public async Task Parameterised_command_and_constant_sql_are_not_reported()
    {
        await Verify.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users", (string name, int limit, SqliteConnection db) =>
                    {
                        using var command = db.CreateCommand();
                        command.CommandText = "SELECT * FROM users WHERE name = @name LIMIT " + limit;
                        command.Parameters.AddWithValue("@name", name);
                        return command.ExecuteScalar()?.ToString();
                    });
            }
            """);
    }

    [Fact]
    public async Task Helper_that_builds_sql_from_its_argument_is_reported_at_its_sink()
    {
        var diagnostics = await Verify.VerifyAsync(Usings + """
            static class Api
            {
                public static void Map(WebApplication app) =>
                    app.MapGet("/users/{id}", (string id, SqliteConnection db) => Repository.Find(db, id));
            }

            static class Repository
            {
                public static Task<string?> Find(SqliteConnection db, string id) => db.QueryFirstOrDefaultAsync<string>({|AIB1001:Build(id)|});
                private static string Build(string id) => "SELECT name FROM users WHERE id = " + id;
            }
            """);

        Assert.Equal(
            "Route parameter 'id' (line 10) reaches SQL text ('SqlMapper.QueryFirstOrDefaultAsync') through 'Api.Map' → 'Repository.Find'",
            diagnostics.Single().GetMessage());
    }
}
