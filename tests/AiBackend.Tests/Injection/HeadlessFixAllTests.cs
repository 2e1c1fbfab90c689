using System.Collections.Immutable;
using AiBackend.Analyzers.Injection;
using AiBackend.CodeFixes.Injection;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Tests.Injection;

/// <summary>
/// The deterministic fixes' Fix-All as <c>dotnet format</c> calls it: Solution scope, with the equivalence key of whatever
/// the first finding registered, which is none when that finding has no deterministic fix.
/// </summary>
public class HeadlessFixAllTests
{
    private const string Source = """
        using System.Data.Common;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Data.Sqlite;

        static class Api
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", A);
                app.MapGet("/b", B);
            }

            // DbCommand has no AddWithValue: no deterministic fix.
            public static object? A(string name, DbConnection db)
            {
                using var command = db.CreateCommand();
                command.CommandText = "SELECT Email FROM Users WHERE Name = '" + name + "'";
                return command.ExecuteScalar();
            }

            public static object? B(string name, SqliteConnection db)
            {
                using var command = db.CreateCommand();
                command.CommandText = "SELECT Email FROM Users WHERE Name = '" + name + "'";
                return command.ExecuteScalar();
            }
        }
        """;

    [Fact]
    public async Task Without_a_key_the_first_finding_with_a_fix_gives_it_and_the_others_are_still_fixed()
    {
        var text = await FixAllAsync(Source);

        Assert.Contains("command.CommandText = \"SELECT Email FROM Users WHERE Name = @name\";", text); // B
        Assert.Contains("command.Parameters.AddWithValue(\"@name\", name);", text);
        Assert.Contains("command.CommandText = \"SELECT Email FROM Users WHERE Name = '\" + name + \"'\";", text); // A: nothing to do
    }

    [Fact]
    public async Task With_nothing_to_fix_there_is_an_action_that_changes_nothing_instead_of_none()
    {
        var onlyUnfixable = Source.Replace("SqliteConnection db", "DbConnection db");

        Assert.Equal(onlyUnfixable, await FixAllAsync(onlyUnfixable));
    }

    private static async Task<string> FixAllAsync(string source)
    {
        var project = TestProject.Create(new[] { source }, TestOptions.Default);
        var compilation = await TestProject.CompileAsync(project, TestOptions.Default);
        var diagnostics = (await TestProject.AnalyzeAsync(project, compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer())))
            .Where(d => d.Id == "AIB1001").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, diagnostics.Count);

        var fix = new SqlInjectionCodeFix();
        // As dotnet format does: the key of the first finding's action, none here.
        var context = new FixAllContext(project.Documents.First(), fix, FixAllScope.Solution, null!, new[] { "AIB1001" }, new FixedDiagnostics(diagnostics), CancellationToken.None);
        var action = await fix.GetFixAllProvider()!.GetFixAsync(context);

        var operations = await Assert.IsAssignableFrom<CodeAction>(action).GetOperationsAsync(CancellationToken.None);
        var solution = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        return (await solution.GetProject(project.Id)!.Documents.First().GetTextAsync()).ToString();
    }
}
