using System.Text.RegularExpressions;

namespace AiBackend.Testing.Corpus;

/// <summary>
/// A folder of C# files whose lines carry labels in trailing comments: <c>// expect: AIB1001</c> marks a line that
/// must be reported for that rule, <c>// safe: AIB1001</c> a look-alike that must not be. Unlabeled lines must stay
/// clean too; the <c>safe</c> labels exist so that look-alikes are counted as cases.
/// </summary>
public sealed partial class LabeledCorpus
{
    private LabeledCorpus(IReadOnlyList<CorpusFile> files) => Files = files;

    public IReadOnlyList<CorpusFile> Files { get; }

    public IEnumerable<CorpusLabel> Labels => Files.SelectMany(f => f.Labels);

    /// <summary>Loads every <c>*.cs</c> file under <paramref name="folder"/>, in a stable order.</summary>
    public static LabeledCorpus Load(string folder)
    {
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => CorpusFile.Parse(Path.GetRelativePath(folder, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();
        return new LabeledCorpus(files);
    }

    /// <summary>The corpus shipped in the test project's output (copied from <c>tests/AiBackend.Tests/Corpus</c>).</summary>
    public static LabeledCorpus LoadFromOutput(string name) =>
        Load(Path.Combine(AppContext.BaseDirectory, "Corpus", name));
}

public sealed partial class CorpusFile
{
    private CorpusFile(string name, string text, IReadOnlyList<CorpusLabel> labels)
    {
        Name = name;
        Text = text;
        Labels = labels;
    }

    public string Name { get; }

    public string Text { get; }

    public IReadOnlyList<CorpusLabel> Labels { get; }

    public static CorpusFile Parse(string name, string text)
    {
        var labels = new List<CorpusLabel>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in LabelPattern().Matches(lines[i]))
            {
                var expected = match.Groups["kind"].Value == "expect";
                foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    labels.Add(new CorpusLabel(name, i + 1, id, expected));
            }
        }

        return new CorpusFile(name, text, labels);
    }

    [GeneratedRegex(@"//\s*(?<kind>expect|safe):\s*(?<ids>AIB\d{4}(\s*,\s*AIB\d{4})*)")]
    private static partial Regex LabelPattern();
}

/// <summary>One labeled line: 1-based <see cref="Line"/> of <see cref="File"/>.</summary>
public sealed record CorpusLabel(string File, int Line, string RuleId, bool Expected);
