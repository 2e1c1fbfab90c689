// Runs AiBackendAnalyzers and its peers over the labeled corpus and prints the side-by-side scorecard as Markdown.
//   dotnet run --project tests/AiBackend.PeerScorecard            prints the table
//   dotnet run --project tests/AiBackend.PeerScorecard -- --write also updates docs/scorecard.md and the README
using System.Collections.Immutable;
using AiBackend.Analyzers.Injection;
using AiBackend.PeerScorecard;
using AiBackend.Testing.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

var corpus = LabeledCorpus.LoadFromOutput("Injection");
var (project, compilation) = await CorpusRunner.CompileAsync(corpus);

var tools = new List<(string Name, IReadOnlyList<Finding> Findings)>
{
    ("AiBackendAnalyzers", await CorpusRunner.FindAsync(
        corpus, project, compilation,
        ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer(), new UnsafeDeserializerAnalyzer()),
        id => PeerRules.Ours.Contains(id) ? new[] { id } : Array.Empty<string>())),
};

foreach (var peer in Peer.LoadAll(Path.Combine(AppContext.BaseDirectory, "peers.txt")))
{
    var enable = peer.RuleMap.Keys.ToDictionary(id => id, _ => ReportDiagnostic.Warn);
    var findings = await CorpusRunner.FindAsync(corpus, project, compilation, peer.Analyzers, id => peer.RuleMap.TryGetValue(id, out var rule) ? new[] { rule } : Array.Empty<string>(), enable);
    tools.Add((peer.DisplayName, findings));
}

var table = ScorecardTable.Render(corpus, tools, PeerRules.Ours, PeerRules.Titles);
Console.WriteLine(table);

if (args.Contains("--write"))
{
    var root = RepositoryRoot();
    ScorecardTable.WriteDocs(Path.Combine(root, "docs", "scorecard.md"), table);
    ScorecardTable.WriteReadme(Path.Combine(root, "README.md"), table);
    Console.WriteLine("Updated docs/scorecard.md and README.md.");
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "AiBackendAnalyzers.sln")))
            return dir.FullName;
    }

    throw new InvalidOperationException("Run from inside the repository.");
}
