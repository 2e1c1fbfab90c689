using System.Collections.Immutable;
using AiBackend.Analyzers.Auth;
using AiBackend.Analyzers.ErrorHandling;
using AiBackend.Analyzers.Flow;
using AiBackend.Analyzers.Injection;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Tests.Injection;

/// <summary>
/// After an edit, an IDE analyses a new compilation; the taint engine takes over the previous compilation's results
/// that read none of the edited files (<see cref="AnalysisGeneration"/>). Whatever it takes over, the findings must be
/// exactly those of an analysis from scratch, for edits anywhere: in the handler's file, inside a helper's body, and to
/// declarations other files bind against.
/// </summary>
public class AnalysisGenerationTests
{
    private const string Handlers = InjectionTestCode.Usings + """
        [ApiController]
        public sealed class FilesController : ControllerBase
        {
            [HttpGet("read")] public string Read(string name) => Files.ReadUnder(name);
            [HttpGet("find")] public string Find(string term) => Reports.Lookup(term);
            [HttpGet("safe")] public string Safe(string name) => Reports.Label(name);
            [HttpGet("fail")] public IActionResult Fail() { try { return Ok(Files.ReadUnder("x")); } catch (Exception e) { return BadRequest(e.Message); } }
        }
        """;

    private const string FileHelpers = InjectionTestCode.Usings + """
        public static class Files
        {
            public const string Root = "/srv/";
            public static string ReadUnder(string name) => Read(Combine(name));
            private static string Combine(string name) => Settings.FileNamesOnly ? Root + "report.txt" : Root + name;
            private static string Read(string path) => File.ReadAllText(path);
        }
        """;

    private const string ReportHelpers = InjectionTestCode.Usings + """
        public static class Settings
        {
            public const bool FileNamesOnly = false;
        }

        public static class Reports
        {
            public static string Lookup(string term) => Run("SELECT * FROM Reports WHERE Title = '" + term + "'");
            public static string Label(string name) => name.Length.ToString();
            private static readonly System.Data.IDbConnection Db = null!;
            private static string Run(string sql) => Dapper.SqlMapper.Query<string>(Db, sql).First();
        }
        """;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        [new InjectionAnalyzer(), new ExceptionDetailsAnalyzer(), new SensitiveDataExposedAnalyzer()];

    /// <summary>Edits an IDE user makes, file by file: each must leave the findings those of a fresh analysis.</summary>
    public static TheoryData<int, string, string> Edits => new()
    {
        { 0, "=> Files.ReadUnder(name);", "=> Files.ReadUnder(name + \"\");" },
        { 0, "=> Reports.Lookup(term);", "=> Reports.Label(term);" },
        { 1, "=> File.ReadAllText(path);", "=> path;" },
        { 1, "=> Settings.FileNamesOnly ? Root + \"report.txt\" : Root + name;", "=> Path.GetFileName(name);" },
        { 1, "public const string Root = \"/srv/\";", "public const string Root = \"/data/\";" },
        { 2, "=> name.Length.ToString();", "=> Run(name);" },
        { 2, "private static string Run(string sql)", "internal static string Run(string sql)" },
        // A constant Files binds against: a declaration edit, after which nothing carries over.
        { 2, "FileNamesOnly = false", "FileNamesOnly = true" },
        { 2, "=> name.Length.ToString();", "=> name.Length.ToString() /* why */;" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task Findings_after_an_edit_are_those_of_a_fresh_analysis(int file, string before, string after)
    {
        var original = await CompileAsync();
        var first = await AnalyzeAsync(original);

        var edited = Edit(original, file, before, after);
        var takenOver = await AnalyzeAsync(edited);
        var fresh = await AnalyzeAsync(edited.WithAssemblyName(Unique()));

        Assert.Equal(Describe(fresh.Diagnostics), Describe(takenOver.Diagnostics));
        GC.KeepAlive(first.Analysis);
    }

    [Fact]
    public async Task An_edit_in_the_handlers_file_takes_over_the_helpers_summaries()
    {
        var original = await CompileAsync();
        var before = NewEngine(original);
        var expected = AnalyzeHandlers(before, original);
        Assert.Contains("Read: path", expected);
        Assert.Contains("Find: sql", expected);

        var edited = Edit(original, 0, "=> Reports.Label(name);", "=> Reports.Label(name.Trim());");
        var after = NewEngine(edited);
        Assert.Equal(expected, AnalyzeHandlers(after, edited));
        Assert.True(after.Generation!.TakenOver > 0, "no summary of the unchanged helper files was taken over");
        GC.KeepAlive(before);
    }

    [Fact]
    public async Task An_edit_inside_a_helper_is_seen_by_the_handler_that_calls_it()
    {
        var original = await CompileAsync();
        var before = NewEngine(original);
        Assert.Contains("Read: path", AnalyzeHandlers(before, original));

        // The sink goes: the handler's summary of Files (its own file unchanged) must not be taken over.
        var edited = Edit(original, 1, "=> File.ReadAllText(path);", "=> path;");
        var after = NewEngine(edited);
        var findings = AnalyzeHandlers(after, edited);
        Assert.DoesNotContain("Read: path", findings);
        Assert.Contains("Find: sql", findings);
        GC.KeepAlive(before);
    }

    [Fact]
    public async Task A_declaration_edit_takes_nothing_over()
    {
        var original = await CompileAsync();
        var before = NewEngine(original);
        AnalyzeHandlers(before, original);

        // A constant other files fold into their code: every file may bind differently now.
        var edited = Edit(original, 1, "public const string Root = \"/srv/\";", "public const string Root = \"/data/\";");
        var after = NewEngine(edited);
        AnalyzeHandlers(after, edited);
        Assert.Equal(0, after.Generation!.TakenOver);
        GC.KeepAlive(before);
    }

    [Fact]
    public void Only_member_bodies_may_differ_between_versions_whose_results_carry_over()
    {
        var code = "class C { const int N = 1; int F() { return N; } int P => 2; int Q { get { return 3; } } }";
        Assert.True(AnalysisGeneration.SameDeclarations(Parse(code), Parse(code.Replace("return N;", "return N + 1;"))));
        Assert.True(AnalysisGeneration.SameDeclarations(Parse(code), Parse(code.Replace("=> 2", "=> 4").Replace("return 3;", "return 5;"))));
        Assert.False(AnalysisGeneration.SameDeclarations(Parse(code), Parse(code.Replace("N = 1", "N = 2"))));
        Assert.False(AnalysisGeneration.SameDeclarations(Parse(code), Parse(code.Replace("int F()", "long F()"))));
        Assert.False(AnalysisGeneration.SameDeclarations(Parse(code), Parse(code.Replace("class C {", "class C { int G() => 0;"))));
    }

    [Fact]
    public void Tree_sets_overlap_where_they_share_a_file()
    {
        static TreeSet Of(params int[] ordinals)
        {
            var builder = new TreeSet.Builder();
            foreach (var ordinal in ordinals)
                builder.Add(ordinal);
            return builder.ToSet();
        }

        var few = Of(1, 70);
        Assert.True(few.Contains(70));
        Assert.False(few.Contains(2));
        Assert.True(few.Overlaps(Of(3, 70, 200)));
        Assert.False(few.Overlaps(Of(0, 2, 64, 200)));
        Assert.False(few.Overlaps(TreeSet.Empty));

        // A file of another compilation: no later compilation can vouch for it.
        Assert.True(Of(5, -1).IsUnbounded);
        Assert.True(TreeSet.Unbounded.Overlaps(TreeSet.Empty));

        var union = new TreeSet.Builder();
        union.UnionWith(few);
        union.UnionWith(Of(130));
        Assert.True(union.ToSet().Overlaps(Of(130)) && union.ToSet().Overlaps(Of(1)));
    }

    private static SyntaxTree Parse(string code) => CSharpSyntaxTree.ParseText(code);

    private static string Unique() => "Generations" + Guid.NewGuid().ToString("N");

    private static async Task<Compilation> CompileAsync()
    {
        var options = TestOptions.Default;
        var compilation = await TestProject.CompileAsync(TestProject.Create([Handlers, FileHelpers, ReportHelpers], options), options);
        // A project of its own: no other test's compilation is taken for this one's previous generation.
        return compilation.WithAssemblyName(Unique());
    }

    private static Compilation Edit(Compilation compilation, int file, string before, string after)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == TestProject.SourcePath(file));
        var text = tree.GetText().ToString();
        Assert.Contains(before, text);
        var edited = tree.WithChangedText(SourceText.From(text.Replace(before, after)));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static async Task<(CompilationWithAnalyzers Analysis, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(Compilation compilation)
    {
        var options = new AnalyzerOptions([], new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string>()));
        var analysis = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await analysis.GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return (analysis, diagnostics);
    }

    private static List<string> Describe(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()} [{string.Join(", ", d.AdditionalLocations.Select(l => l.GetLineSpan().ToString()))}]")
            .OrderBy(d => d, StringComparer.Ordinal).ToList();

    private static TaintEngine NewEngine(Compilation compilation) =>
        new(compilation, InjectionPolicy.Create(new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string>()).GlobalOptions));

    /// <summary>Each handler's findings as "handler: sink parameter", from its own body's analysis.</summary>
    private static List<string> AnalyzeHandlers(TaintEngine engine, Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == TestProject.SourcePath(0));
        var model = compilation.GetSemanticModel(tree);
        var findings = new List<string>();
        foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
        {
            var method = model.GetDeclaredSymbol(declaration)!;
            var body = (Microsoft.CodeAnalysis.Operations.IMethodBodyOperation)model.GetOperation(declaration)!;
            var graph = Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph.Create(body);
            foreach (var hit in engine.AnalyzeBody(graph, method, CancellationToken.None))
                findings.Add($"{method.Name}: {SinkParameter(hit)}");
        }

        return findings.Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList();
    }

    /// <summary>The helper parameter named at the sink (path or sql), which tells the two sinks apart.</summary>
    private static string SinkParameter(SinkHit hit) =>
        hit.SinkLocation.SourceTree!.GetText().ToString(hit.SinkLocation.SourceSpan).Contains("sql") ? "sql" : "path";
}
