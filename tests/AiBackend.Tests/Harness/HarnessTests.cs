using System.Collections.Immutable;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Tests.Harness;

/// <summary>The harness must fail when it should: a verifier that cannot fail would make every other test worthless.</summary>
public class HarnessTests
{
    [Fact]
    public void Markup_gives_clean_source_and_nested_spans()
    {
        var (source, expected) = Markup.Parse("a [|b {|X1:c|} d|] e");
        Assert.Equal("a b c d e", source);
        Assert.Equal(new[] { new ExpectedDiagnostic(null, TextSpan.FromBounds(2, 7)), new ExpectedDiagnostic("X1", TextSpan.FromBounds(4, 5)) }, expected);
    }

    [Theory]
    [InlineData("a [|b")]
    [InlineData("a |] b")]
    [InlineData("a {|X1 b|}")]
    [InlineData("a [|b|}")]
    public void Malformed_markup_is_rejected(string markup)
    {
        Assert.Throws<VerificationException>(() => Markup.Parse(markup));
    }

    [Fact]
    public async Task Analyzer_verifier_accepts_exactly_the_marked_diagnostics()
    {
        await AnalyzerVerifier<ClassNamedBadAnalyzer>.VerifyAsync("class [|Bad|] { } class Good { }");
    }

    [Fact]
    public async Task Analyzer_verifier_fails_on_a_missing_or_an_unexpected_diagnostic()
    {
        var missing = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ClassNamedBadAnalyzer>.VerifyAsync("class Bad { } class [|Good|] { }"));
        Assert.Contains("Expected but not reported:\n  TEST0001 /src/Test0.cs(1,21)-(1,25) `Good`", missing.Message);
        Assert.Contains("Reported but not expected:\n  TEST0001 /src/Test0.cs(1,7)-(1,10) `Bad`", missing.Message);
    }

    [Fact]
    public async Task Analyzer_verifier_fails_on_a_wrong_id_and_on_code_that_does_not_compile()
    {
        await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ClassNamedBadAnalyzer>.VerifyAsync("class {|TEST9999:Bad|} { }"));
        var broken = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ClassNamedBadAnalyzer>.VerifyAsync("class Bad { void M() { undefined(); } }"));
        Assert.Contains("does not compile", broken.Message);
    }

    [Fact]
    public async Task Analyzer_verifier_fails_when_an_analyzer_throws()
    {
        var thrown = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ThrowingAnalyzer>.VerifyAsync("class C { }"));
        Assert.Contains("An analyzer threw", thrown.Message);
    }

    [Fact]
    public async Task References_are_the_real_assemblies_of_the_frameworks_and_packages()
    {
        await AnalyzerVerifier<ClassNamedBadAnalyzer>.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.EntityFrameworkCore;
            using Dapper;
            using Npgsql;
            using Microsoft.Data.Sqlite;
            using Newtonsoft.Json;
            using Microsoft.IdentityModel.Tokens;
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            class Uses
            {
                void M(WebApplication app, DbContext db, NpgsqlConnection pg, SqliteConnection lite, TokenValidationParameters p, JwtBearerOptions o)
                {
                    pg.Query<int>("select 1");
                    lite.Execute("select 1");
                    db.Database.ExecuteSqlRaw("select 1");
                    JsonConvert.SerializeObject(p);
                }
            }
            """);
        Assert.DoesNotContain(TestReferences.Default, r => r.Display!.Contains("xunit", StringComparison.OrdinalIgnoreCase) || r.Display!.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_diff_shows_changed_lines_with_numbers()
    {
        var diff = TextDiff.Describe("a\nb\nc\n", "a\nB\nc\n");
        Assert.Contains("-    2 | b", diff);
        Assert.Contains("+    2 | B", diff);
    }

    [Fact]
    public void Snapshots_fail_on_a_changed_missing_or_extra_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aib-snapshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "A.g.cs"), "same\n");
            File.WriteAllText(Path.Combine(folder, "Stale.g.cs"), "old\n");
            var error = Assert.Throws<VerificationException>(() => Snapshots.Verify(folder, new Dictionary<string, string> { ["A.g.cs"] = "same\r\n", ["New.g.cs"] = "x" }));
            Assert.Contains("A.g.cs differs from its snapshot", error.Message);
            Assert.Contains("New.g.cs: no snapshot yet", error.Message);
            Assert.Contains("Stale.g.cs: snapshot exists but the generator no longer produces it", error.Message);

            File.Delete(Path.Combine(folder, "Stale.g.cs"));
            Snapshots.Verify(folder, new Dictionary<string, string> { ["A.g.cs"] = "same\n" });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Generator_verifier_rejects_a_model_that_holds_a_symbol()
    {
        var error = Assert.Throws<VerificationException>(() => GeneratorVerifier<SymbolHoldingGenerator>.Verify("class C { }"));
        Assert.Contains("holds a", error.Message);
    }

    [Fact]
    public void Generator_verifier_rejects_a_step_that_recomputes_after_an_unrelated_edit()
    {
        var error = Assert.Throws<VerificationException>(() => GeneratorVerifier<CompilationCombiningGenerator>.Verify("class C { }"));
        Assert.Contains("tracked steps were recomputed", error.Message);
    }

    [Fact]
    public void Generator_verifier_rejects_a_step_that_yields_a_value_type()
    {
        var error = Assert.Throws<VerificationException>(() => GeneratorVerifier<ValueTypeStepGenerator>.Verify("class C { }"));
        Assert.Contains("Step AiBackend.HasClasses yields a Boolean, a value type", error.Message);
    }

    [Fact]
    public void Generator_verifier_rejects_an_unnamed_combine_that_pairs_a_collected_list()
    {
        var error = Assert.Throws<VerificationException>(() => GeneratorVerifier<CollectedListCombiningGenerator>.Verify("class C { }"));
        Assert.Contains("Step (unnamed) yields a ValueTuple<ImmutableArray<String>, String>, a value type", error.Message);
    }

    [Fact]
    public void Generator_verifier_accepts_a_collected_list_selected_into_a_class_before_it_is_combined()
    {
        var output = GeneratorVerifier<CollectedListWrappingGenerator>.Verify("class C { } class D { }");
        Assert.Contains(output.SyntaxTrees, t => t.ToString().Contains("// C, D from TestProject"));
    }

    [Fact]
    public void Generator_verifier_rejects_output_that_does_not_compile()
    {
        var error = Assert.Throws<VerificationException>(() => GeneratorVerifier<BrokenOutputGenerator>.Verify("class C { }"));
        Assert.Contains("does not compile cleanly", error.Message);
    }

    /// <summary>Reports every class named Bad.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ClassNamedBadAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "Bad", "Class '{0}' is bad", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(c =>
            {
                if (c.Symbol.Name == "Bad")
                    c.ReportDiagnostic(Diagnostic.Create(Rule, c.Symbol.Locations[0], c.Symbol.Name));
            }, SymbolKind.NamedType);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0002", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("boom"), SymbolKind.NamedType);
        }
    }

    private sealed class SymbolHoldingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var symbols = context.SyntaxProvider
                .CreateSyntaxProvider(static (node, _) => node is ClassDeclarationSyntax, static (c, _) => c.SemanticModel.GetDeclaredSymbol(c.Node)!)
                .WithTrackingName("AiBackend.Symbols");
            context.RegisterSourceOutput(symbols, static (_, _) => { });
        }
    }

    private sealed class CompilationCombiningGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var count = context.CompilationProvider
                .Select(static (c, _) => c.SyntaxTrees.Count().ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithTrackingName("AiBackend.TreeCount");
            context.RegisterSourceOutput(count, static (_, _) => { });
        }
    }

    private sealed class ValueTypeStepGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var hasClasses = context.SyntaxProvider
                .CreateSyntaxProvider(static (node, _) => node is ClassDeclarationSyntax, static (_, _) => true)
                .WithTrackingName("AiBackend.HasClasses");
            context.RegisterSourceOutput(hasClasses, static (_, _) => { });
        }
    }

    /// <summary>Classes with one-letter names: the test code's, and none of the verifier's unrelated edits.</summary>
    private static IncrementalValuesProvider<string> SingleLetterClassNames(IncrementalGeneratorInitializationContext context) =>
        context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => node is ClassDeclarationSyntax { Identifier.Text.Length: 1 }, static (c, _) => ((ClassDeclarationSyntax)c.Node).Identifier.Text)
            .WithTrackingName("AiBackend.ClassNames");

    private sealed class CollectedListCombiningGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var names = SingleLetterClassNames(context);
            var assembly = context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "");
            context.RegisterSourceOutput(names.Collect().Combine(assembly), static (_, _) => { });
        }
    }

    private sealed class CollectedListWrappingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var names = SingleLetterClassNames(context);
            var assembly = context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "").WithTrackingName("AiBackend.AssemblyName");
            var all = names.Collect().Select(static (list, _) => string.Join(", ", list.OrderBy(n => n, StringComparer.Ordinal))).WithTrackingName("AiBackend.AllNames");
            context.RegisterSourceOutput(all.Combine(assembly), static (output, pair) => output.AddSource("Names.g.cs", $"// {pair.Left} from {pair.Right}\n"));
        }
    }

    private sealed class BrokenOutputGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            context.RegisterPostInitializationOutput(static c => c.AddSource("Broken.g.cs", "class Broken { int M() { } }"));
        }
    }
}
