// Runs AiBackendAnalyzers and its peers over the labeled corpora and prints the side-by-side scorecards as Markdown.
//   dotnet run --project tests/AiBackend.PeerScorecard            prints the tables
//   dotnet run --project tests/AiBackend.PeerScorecard -- --write also updates docs/scorecard.md and the README
using AiBackend.PeerScorecard;
using AiBackend.Testing.Corpus;
using Microsoft.CodeAnalysis;

var peers = Peer.LoadAll(Path.Combine(AppContext.BaseDirectory, "peers.txt")).ToList();
var tables = new Dictionary<string, string>();

foreach (var family in PeerRules.All)
{
    var corpus = LabeledCorpus.LoadFromOutput(family.Corpus);
    var compilations = await CorpusRunner.CompileAsync(corpus);
    var ours = family.Rules.ToHashSet();
    var tools = new List<(string Name, IReadOnlyList<Finding> Findings)>
    {
        ("AiBackendAnalyzers", await CorpusRunner.FindAsync(compilations, family.Ours(), id => ours.Contains(id) ? new[] { id } : Array.Empty<string>())),
    };

    foreach (var peer in peers)
    {
        var map = family.MapFor(peer.Key);
        var enable = map.Keys.ToDictionary(id => id, _ => ReportDiagnostic.Warn);
        var findings = await CorpusRunner.FindAsync(compilations, peer.Analyzers, id => map.TryGetValue(id, out var rule) ? new[] { rule } : Array.Empty<string>(), enable);
        tools.Add((peer.DisplayName, findings));
    }

    var table = ScorecardTable.Render(corpus, tools, family.Rules, family.Titles);
    tables[family.Name] = table;
    Console.WriteLine($"## {family.Name}\n\n{table}");
}

if (args.Contains("--write"))
{
    var root = RepositoryRoot();
    foreach (var path in new[] { Path.Combine(root, "docs", "scorecard.md"), Path.Combine(root, "README.md") })
        ScorecardTable.Write(path, tables);
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
