using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Bench;

/// <summary>
/// The NIST Juliet C# 1.3 injection subset (../shared/benchmarks/juliet-cs-1.3): compiles the suite in process against
/// System.Web stubs of our own, runs this package and its peers over it and scores each tool per CWE and per flow
/// variant by the suite's own labelling: a test case is detected when the CWE's rule class is reported inside one of
/// its bad methods, and misfired on when it is reported inside one of its good methods.
/// </summary>
public static class Juliet
{
    /// <summary>Each CWE of the subset, the rule of ours that covers it and the peers' matching IDs.</summary>
    private static readonly CweRule[] Cwes =
    {
        new(89, "SQL injection", "AIB1001", new[] { "SCS0002", "SCS0026", "SCS0035", "SCS0036" }, new[] { "CA3001", "CA2100" }),
        new(78, "OS command injection", "AIB1002", new[] { "SCS0001" }, new[] { "CA3006" }),
        new(23, "Relative path traversal", "AIB1003", new[] { "SCS0018" }, new[] { "CA3003" }),
        new(36, "Absolute path traversal", "AIB1003", new[] { "SCS0018" }, new[] { "CA3003" }),
        new(90, "LDAP injection", "AIB1006", new[] { "SCS0031" }, new[] { "CA3005" }),
        new(80, "XSS (page body)", "AIB1005", new[] { "SCS0029" }, new[] { "CA3002" }),
        new(81, "XSS (error message)", "AIB1005", new[] { "SCS0029" }, new[] { "CA3002" }),
        new(83, "XSS (attribute)", "AIB1005", new[] { "SCS0029" }, new[] { "CA3002" }),
        new(601, "Open redirect", "AIB1004", new[] { "SCS0027" }, new[] { "CA3007" }),
        new(643, "XPath injection", "AIB1011", new[] { "SCS0003" }, new[] { "CA3008" }),
    };

    /// <summary>The suite's flow-variant groups (README): what kind of flow the variants in each range exercise.</summary>
    private static readonly (int From, int To, string Name)[] FlowGroups =
    {
        (1, 22, "01–22 control flow in one method"),
        (31, 31, "31 local copies"),
        (41, 45, "41–45 across methods of one class"),
        (51, 54, "51–54 arguments across classes"),
        (61, 61, "61 return values from another class"),
        (66, 68, "66–68 arrays and fields across classes"),
        (71, 75, "71–75 objects, collections, serialisation"),
        (81, 81, "81 virtual dispatch"),
    };

    private const string SectionTitle = "## NIST Juliet C# 1.3";

    private const string Command = "dotnet run -c Release --project bench/AiBackend.Bench -- juliet --write";

    public static async Task RunAsync(string root, string suite, bool write)
    {
        var total = Stopwatch.StartNew();
        var compilation = Compile(suite, out var cases);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Console.WriteLine($"Juliet: {cases.Count} test cases in {compilation.SyntaxTrees.Count()} files, {errors.Count} compile errors ({total.Elapsed.TotalSeconds:F0} s)");
        foreach (var error in errors.Take(10))
            Console.WriteLine($"  {error}");

        var tools = new List<ToolResult>();
        var ours = AnalyzerSets.Injection();
        tools.Add(await RunToolAsync("AiBackendAnalyzers", compilation, ours, cases, rule => Cwes.Where(c => c.Ours == rule)));
        foreach (var peer in PeerAnalyzers.LoadAll())
        {
            var ids = Cwes.SelectMany(c => peer.Key == "SecurityCodeScan" ? c.SecurityCodeScan : c.NetAnalyzers).ToHashSet();
            tools.Add(await RunToolAsync(peer.DisplayName, compilation, peer.Analyzers, cases,
                rule => Cwes.Where(c => (peer.Key == "SecurityCodeScan" ? c.SecurityCodeScan : c.NetAnalyzers).Contains(rule)),
                ids.ToDictionary(id => id, _ => ReportDiagnostic.Warn)));
        }

        var output = Path.Combine(root, "artifacts", "juliet");
        Directory.CreateDirectory(output);
        var perCase = Path.Combine(output, "cases.tsv");
        await File.WriteAllLinesAsync(perCase, cases.Values.OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => $"{c.Id}\t{c.Cwe}\t{c.FlowVariant:00}\t" + string.Join('\t', tools.Select(t => (t.Detected.Contains(c.Id) ? "detected" : "missed") + (t.Misfired.Contains(c.Id) ? "+misfire in " + string.Join(',', t.MisfiredIn.Where(m => m.StartsWith(c.Id + ".", StringComparison.Ordinal)).Select(m => m[(c.Id.Length + 1)..])) : ""))))
            .Prepend("case\tcwe\tflow\t" + string.Join('\t', tools.Select(t => t.Name))));
        Console.WriteLine($"Per test case: {perCase}");

        var section = Render(cases, tools, errors.Count);
        Console.WriteLine(section);
        Console.WriteLine($"Total {total.Elapsed.TotalSeconds:F0} s");
        if (write)
        {
            WriteInto(Path.Combine(root, "docs", "benchmarks.md"), section);
            Console.WriteLine("Updated docs/benchmarks.md.");
        }
    }

    private static CSharpCompilation Compile(string suite, out Dictionary<string, TestCase> cases)
    {
        var testcases = Path.Combine(suite, "testcases");
        if (!Directory.Exists(testcases))
            throw new InvalidOperationException($"No Juliet suite at {suite} (expected {testcases}); pass --suite <dir>.");

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var stubs = CSharpCompilation.Create(JulietStubs.AssemblyName,
            new[] { CSharpSyntaxTree.ParseText(JulietStubs.Source, parse, "SystemWebStubs.cs") },
            AiBackend.Testing.TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = stubs.Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException("The System.Web stubs do not compile:\n" + string.Join('\n', emitted.Diagnostics));
        var stubReference = MetadataReference.CreateFromImage(image.ToArray());

        cases = new Dictionary<string, TestCase>(StringComparer.Ordinal);
        var files = Directory.GetFiles(testcases, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var id = TestCase.IdOf(file);
            if (id is not null && !cases.ContainsKey(id))
                cases[id] = new TestCase(id, TestCase.CweOf(file), TestCase.FlowVariantOf(id));
        }

        var trees = files.Concat(Directory.GetFiles(Path.Combine(suite, "testcasesupport"), "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f));
        return CSharpCompilation.Create("JulietTestcases", trees, AiBackend.Testing.TestReferences.Default.Append(stubReference),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["SYSLIB0011"] = ReportDiagnostic.Suppress }));
    }

    private static async Task<ToolResult> RunToolAsync(string name, CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers,
        Dictionary<string, TestCase> cases, Func<string, IEnumerable<CweRule>> cwesOf, Dictionary<string, ReportDiagnostic>? enable = null)
    {
        var watch = Stopwatch.StartNew();
        var configured = enable is null ? compilation : compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            compilation.Options.SpecificDiagnosticOptions.SetItems(enable)));
        var crashes = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => crashes.Enqueue($"{analyzer.GetType().Name}: {exception.GetType().Name} {exception.Message}"), concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await configured.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        var result = new ToolResult(name);
        foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource))
        {
            var cwes = cwesOf(diagnostic.Id).Select(c => c.Number).ToHashSet();
            if (cwes.Count == 0)
                continue;
            var id = TestCase.IdOf(diagnostic.Location.SourceTree!.FilePath);
            if (id is null || !cases.TryGetValue(id, out var testCase) || !cwes.Contains(testCase.Cwe))
            {
                result.Elsewhere++;
                continue;
            }

            var node = diagnostic.Location.SourceTree.GetRoot().FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            switch (RoleOf(node))
            {
                case Role.Bad:
                    result.Detected.Add(id);
                    break;
                case Role.Good:
                    result.Misfired.Add(id);
                    result.MisfiredIn.Add($"{id}.{MethodNameOf(node)}");
                    break;
                default:
                    result.Elsewhere++;
                    break;
            }
        }

        result.Seconds = watch.Elapsed.TotalSeconds;
        result.Crashes = crashes.Distinct().ToList();
        Console.WriteLine($"{name}: {result.Detected.Count} detected, {result.Misfired.Count} misfires, {result.Elsewhere} other findings, {result.Crashes.Count} analyzer exceptions, {result.Seconds:F0} s");
        foreach (var crash in result.Crashes.Take(5))
            Console.WriteLine($"  {crash}");
        return result;
    }

    private enum Role
    {
        None,
        Bad,
        Good,
    }

    /// <summary>
    /// The suite's labels: the enclosing method's name says bad or good; where it says neither (the <c>Action</c>
    /// overrides of the <c>_81</c> variant) the enclosing class's name does.
    /// </summary>
    private static Role RoleOf(SyntaxNode node)
    {
        var method = node.AncestorsAndSelf().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax);
        var methodName = method switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            LocalFunctionStatementSyntax f => f.Identifier.ValueText,
            _ => "",
        };
        if (NameRole(methodName) is var byMethod and not Role.None)
            return byMethod;

        var type = node.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        var suffix = type is null ? null : Regex.Match(type.Identifier.ValueText, @"_\d\d_([A-Za-z0-9]+)$");
        return suffix is { Success: true } ? NameRole(suffix.Groups[1].Value) : Role.None;
    }

    private static string MethodNameOf(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault() is { } method
            ? (method.Parent as TypeDeclarationSyntax)?.Identifier.ValueText is { } type && !type.StartsWith(method.Identifier.ValueText, StringComparison.Ordinal) && Regex.IsMatch(type, @"_\d\d_[A-Za-z0-9]+$")
                ? type[(type.LastIndexOf('_') + 1)..] + "." + method.Identifier.ValueText
                : method.Identifier.ValueText
            : "?";

    private static Role NameRole(string name) =>
        name.Contains("bad", StringComparison.OrdinalIgnoreCase) ? Role.Bad
        : name.Contains("good", StringComparison.OrdinalIgnoreCase) ? Role.Good
        : Role.None;

    private static string Render(Dictionary<string, TestCase> cases, List<ToolResult> tools, int compileErrors)
    {
        var text = new StringBuilder();
        text.AppendLine(SectionTitle).AppendLine();
        text.AppendLine("The injection subset of NIST's Juliet Test Suite for C# 1.3 (SARD; public domain), kept in");
        text.AppendLine("`../shared/benchmarks/juliet-cs-1.3`: ten CWEs whose tainted data comes from a classic ASP.NET request");
        text.AppendLine("(`req.Params.Get(\"name\")` or the first cookie's value). The suite is compiled in process, unchanged, against");
        text.AppendLine("System.Web stubs of our own (`bench/AiBackend.Bench/JulietStubs.cs`) and the real System.Data.SqlClient,");
        text.AppendLine("System.DirectoryServices and NLog packages; this package's injection analyzers and its peers");
        text.AppendLine("(SecurityCodeScan.VS2019 5.6.7; NetAnalyzers 11.0.100 with its off-by-default CA3001–CA3012 taint rules and");
        text.AppendLine("CA2100 set to warning) run over the same compilation. Scoring follows the suite's labels: a test case (one");
        text.AppendLine("file, or the `a`–`e` / `_81_*` parts of one) is **detected** when the CWE's rule class is reported inside one of");
        text.AppendLine("its bad methods, and **misfired** on when it is reported inside one of its good ones (good source with bad sink,");
        text.AppendLine("or bad source with a sanitised, parameterised or validated sink). Each cell is detected / misfires.");
        text.AppendLine();
        text.AppendLine("```bash").AppendLine(Command).AppendLine("```").AppendLine();
        text.AppendLine($"{cases.Count} test cases; {compileErrors} compile errors; analysis time: {string.Join(", ", tools.Select(t => $"{t.Name} {t.Seconds:F0} s"))}.");
        text.AppendLine();

        var header = "| " + string.Join(" | ", tools.Select(t => t.Name)) + " |";
        var rule = "| " + string.Join(" | ", tools.Select(_ => "---")) + " |";
        text.AppendLine("### Per CWE").AppendLine();
        text.AppendLine("| CWE | our rule | SCS / NetAnalyzers rules | test cases " + header);
        text.AppendLine("| --- | --- | --- | --- " + rule);
        foreach (var cwe in Cwes)
        {
            var inCwe = cases.Values.Where(c => c.Cwe == cwe.Number).Select(c => c.Id).ToHashSet();
            text.AppendLine($"| CWE-{cwe.Number} {cwe.Title} | {cwe.Ours} | {string.Join(", ", cwe.SecurityCodeScan)} / {string.Join(", ", cwe.NetAnalyzers)} | {inCwe.Count} | {string.Join(" | ", tools.Select(t => t.Cell(inCwe)))} |");
        }

        var all = cases.Keys.ToHashSet();
        text.AppendLine($"| **all** | | | {all.Count} | {string.Join(" | ", tools.Select(t => "**" + t.Cell(all) + "**"))} |");
        text.AppendLine();

        text.AppendLine("### Per flow variant").AppendLine();
        text.AppendLine("| flow variants | test cases " + header);
        text.AppendLine("| --- | --- " + rule);
        foreach (var (from, to, name) in FlowGroups)
        {
            var inGroup = cases.Values.Where(c => c.FlowVariant >= from && c.FlowVariant <= to).Select(c => c.Id).ToHashSet();
            text.AppendLine($"| {name} | {inGroup.Count} | {string.Join(" | ", tools.Select(t => t.Cell(inGroup)))} |");
        }

        text.AppendLine();
        text.AppendLine("Findings of a mapped rule outside any bad or good method of a matching test case (support code, or another");
        text.AppendLine($"CWE's rule): {string.Join(", ", tools.Select(t => $"{t.Name} {t.Elsewhere}"))}.");
        text.AppendLine();
        text.AppendLine("Reading the peers' columns: CA2100 reports every SQL command whose text is not a literal, request data or not,");
        text.AppendLine("so it also fires in the good methods that build SQL from a constant; SecurityCodeScan and NetAnalyzers do not treat");
        text.AppendLine("`SecurityElement.Escape` as an XPath sanitiser, so they fire in the suite's escaped XPath variants. Per test case");
        text.AppendLine("results of every tool are in `artifacts/juliet/cases.tsv` after a run.");
        text.AppendLine();
        text.AppendLine("Reading ours: the `GoodG2B` methods of the `_75` (serialisation) cases of CWE-89 and CWE-643 read the request");
        text.AppendLine("themselves (`/* POTENTIAL FLAW: Read data ... */ data = req.Params.Get(\"name\")`) and pass it to the unparameterised");
        text.AppendLine("sink: a labelling slip in the suite. They are counted as misfires all the same. CWE-81's sink,");
        text.AppendLine("`HttpResponse.StatusDescription`, is an XSS sink in classic ASP.NET only: IIS writes it into the HTML error page.");
        return text.ToString();
    }

    /// <summary>Replaces this section of the file (up to the next level-2 heading), or appends it.</summary>
    private static void WriteInto(string path, string section)
    {
        var text = File.ReadAllText(path);
        var start = text.IndexOf(SectionTitle, StringComparison.Ordinal);
        if (start < 0)
        {
            File.WriteAllText(path, text.TrimEnd() + "\n\n" + section);
            return;
        }

        var end = text.IndexOf("\n## ", start + SectionTitle.Length, StringComparison.Ordinal);
        File.WriteAllText(path, text[..start] + section + (end < 0 ? "" : "\n" + text[(end + 1)..]));
    }

    private sealed record CweRule(int Number, string Title, string Ours, string[] SecurityCodeScan, string[] NetAnalyzers);

    private sealed record TestCase(string Id, int Cwe, int FlowVariant)
    {
        /// <summary>The file name without its part: <c>_51a</c> → <c>_51</c>, <c>_81_goodG2B</c> → <c>_81</c>.</summary>
        public static string? IdOf(string path)
        {
            var match = Regex.Match(Path.GetFileName(path), @"^(CWE\d+_.*_\d\d)(?:[a-z]|_[A-Za-z0-9]+)?\.cs$");
            return match.Success ? match.Groups[1].Value : null;
        }

        public static int CweOf(string path) => int.Parse(Regex.Match(Path.GetFileName(path), @"^CWE(\d+)_").Groups[1].Value);

        public static int FlowVariantOf(string id) => int.Parse(id[^2..]);
    }

    private sealed class ToolResult(string name)
    {
        public string Name { get; } = name;

        public HashSet<string> Detected { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Misfired { get; } = new(StringComparer.Ordinal);

        /// <summary>Test case and good method of each misfire, for the per-case file.</summary>
        public SortedSet<string> MisfiredIn { get; } = new(StringComparer.Ordinal);

        public int Elsewhere { get; set; }

        public double Seconds { get; set; }

        public List<string> Crashes { get; set; } = new();

        public string Cell(HashSet<string> ids)
        {
            var detected = Detected.Count(ids.Contains);
            return $"{detected} ({100.0 * detected / Math.Max(1, ids.Count):F0} %) / {Misfired.Count(ids.Contains)}";
        }
    }
}
