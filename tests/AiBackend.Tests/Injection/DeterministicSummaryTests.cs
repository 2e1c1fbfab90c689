using AiBackend.Analyzers.Flow;
using AiBackend.Analyzers.Injection;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Tests.Injection;

/// <summary>
/// A method's summary must not depend on which body first asked for it: analysers run bodies concurrently, in no
/// fixed order, so a summary cut short by the first caller's depth or recursion would decide what every later caller
/// sees (a finding on real code came and went between runs of the same build).
/// </summary>
public class DeterministicSummaryTests
{
    // Handlers reach the same helpers at different depths and through both ends of a recursive cycle.
    private const string Code = InjectionTestCode.Usings + """
        public static class Files
        {
            // A chain longer than the depth limit: from ReadDeep the sink in Level6 is out of reach, from ReadShallow
            // (which starts at Level3) it is not.
            public static string Level1(string name) => Level2(name);
            public static string Level2(string name) => Level3(name);
            public static string Level3(string name) => Level4(name);
            public static string Level4(string name) => Level5(name);
            public static string Level5(string name) => Level6(name);
            public static string Level6(string name) => File.ReadAllText("/srv/" + name);

            // Mutual recursion: the sink is in Even only, Odd reaches it through Even.
            public static string Even(string path, int n) => n == 0 ? File.ReadAllText(path) : Odd(path, n - 1);
            public static string Odd(string path, int n) => n == 0 ? path : Even(path, n - 1);

            // Self-recursion.
            public static string Walk(string path, int n) => n == 0 ? File.ReadAllText(path) : Walk(Path.Combine(path, "x"), n - 1);
        }

        [ApiController]
        public sealed class FilesController : ControllerBase
        {
            [HttpGet("deep")] public string ReadDeep(string name) => Files.Level1(name);
            [HttpGet("shallow")] public string ReadShallow(string name) => Files.Level3(name);
            [HttpGet("even")] public string ReadEven(string path) => Files.Even(path, 3);
            [HttpGet("odd")] public string ReadOdd(string path) => Files.Odd(path, 3);
            [HttpGet("walk")] public string ReadWalk(string path) => Files.Walk(path, 3);

            // State kept in fields between the controller's own methods: one stores, another reads, a third chains.
            private string _name = "";
            private string _path = "";
            [HttpGet("stored")] public string ReadStored(string name) { _name = name; return Stage1(); }
            [HttpGet("resolved")] public string ReadResolved(string name) { Resolve(name); return ReadPath(); }
            private string Stage1() => Stage2();
            private string Stage2() => System.IO.File.ReadAllText("/srv/" + _name);
            private void Resolve(string name) { _name = name; StorePath(); }
            private void StorePath() => _path = "/srv/" + _name;
            private string ReadPath() => System.IO.File.ReadAllText(_path);
        }
        """;

    private static readonly string[] Handlers = ["ReadDeep", "ReadShallow", "ReadEven", "ReadOdd", "ReadWalk", "ReadStored", "ReadResolved"];

    [Fact]
    public async Task Findings_do_not_depend_on_the_order_bodies_are_analysed_in()
    {
        var compilation = await CompileAsync();
        var forward = Analyze(compilation, Handlers);
        var backward = Analyze(compilation, Handlers.Reverse().ToArray());

        Assert.Equal(forward.OrderBy(h => h), backward.OrderBy(h => h));
    }

    [Fact]
    public async Task Each_handler_reaches_the_sinks_within_the_depth_limit_whoever_asked_first()
    {
        var compilation = await CompileAsync();
        foreach (var first in Handlers)
        {
            var order = Handlers.Where(h => h != first).Prepend(first).ToArray();
            var findings = Analyze(compilation, order);

            // Level6 is 6 calls below ReadDeep, past the limit; 4 below ReadShallow.
            Assert.DoesNotContain(findings, f => f.StartsWith("ReadDeep:"));
            Assert.Contains("ReadShallow: name via Level3", findings);

            // Either end of the cycle reaches the sink in Even.
            Assert.Contains("ReadEven: path via Even", findings);
            Assert.Contains("ReadOdd: path via Odd", findings);
            Assert.Contains("ReadWalk: path via Walk", findings);

            // Fields set before a call are read by the callee's callees; fields set by callees come back.
            Assert.Contains("ReadStored: Stage1 via Stage1", findings);
            Assert.Contains("ReadResolved: ReadPath via ReadPath", findings);
        }
    }

    [Fact]
    public async Task Concurrent_engines_agree_with_a_sequential_one()
    {
        var compilation = await CompileAsync();
        var expected = Analyze(compilation, Handlers).OrderBy(h => h).ToList();

        // One engine shared by threads that start from different handlers, as the analyser driver does.
        var engine = NewEngine(compilation);
        var results = await Task.WhenAll(Enumerable.Range(0, Handlers.Length).Select(offset => Task.Run(() =>
            Handlers.Skip(offset).Concat(Handlers.Take(offset)).SelectMany(h => AnalyzeHandler(engine, compilation, h)).ToList())));

        foreach (var result in results)
            Assert.Equal(expected, result.OrderBy(h => h));
    }

    private static async Task<Compilation> CompileAsync()
    {
        var options = TestOptions.Default;
        return await TestProject.CompileAsync(TestProject.Create([Code], options), options);
    }

    private static TaintEngine NewEngine(Compilation compilation) =>
        new(compilation, InjectionPolicy.Create(new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string>()).GlobalOptions));

    /// <summary>Analyses the handlers in the given order with a fresh engine; one line per finding.</summary>
    private static List<string> Analyze(Compilation compilation, IEnumerable<string> handlers)
    {
        var engine = NewEngine(compilation);
        return handlers.SelectMany(h => AnalyzeHandler(engine, compilation, h)).ToList();
    }

    private static IEnumerable<string> AnalyzeHandler(TaintEngine engine, Compilation compilation, string handler)
    {
        var tree = compilation.SyntaxTrees.First();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == handler);
        var method = (IMethodSymbol)model.GetDeclaredSymbol(declaration)!;
        var graph = ControlFlowGraph.Create((IMethodBodyOperation)model.GetOperation(declaration)!);
        return engine.AnalyzeBody(graph, method, CancellationToken.None)
            .Select(h => $"{handler}: {h.Location.SourceTree!.GetText().ToString(h.Location.SourceSpan)} via {h.Via}")
            .ToList();
    }
}
