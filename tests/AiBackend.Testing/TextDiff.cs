using System.Text;

namespace AiBackend.Testing;

/// <summary>A readable line diff for failure messages ("-" expected, "+" actual), with visible line endings.</summary>
public static class TextDiff
{
    private const int Context = 3;

    public static string Describe(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        if (a.Length * (long)b.Length > 4_000_000)
            return FirstDifference(a, b);

        // Longest common subsequence table, then walk it into an edit script.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        for (var j = b.Length - 1; j >= 0; j--)
            lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var lines = new List<(char Kind, int Line, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { lines.Add((' ', x + 1, a[x])); x++; y++; }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y])) { lines.Add(('+', y + 1, b[y])); y++; }
            else { lines.Add(('-', x + 1, a[x])); x++; }
        }

        var output = new StringBuilder();
        var lastPrinted = -1;
        for (var k = 0; k < lines.Count; k++)
        {
            var near = lines.Skip(Math.Max(0, k - Context)).Take(2 * Context + 1).Any(l => l.Kind != ' ');
            if (!near)
                continue;
            if (lastPrinted >= 0 && k > lastPrinted + 1)
                output.Append("  ...\n");
            var (kind, line, text) = lines[k];
            output.Append(kind).Append(' ').Append(line.ToString().PadLeft(4)).Append(" | ").Append(Visible(text)).Append('\n');
            lastPrinted = k;
        }

        return output.ToString();
    }

    private static string FirstDifference(string[] a, string[] b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
            i++;
        return $"first difference at line {i + 1}:\n- {(i < a.Length ? Visible(a[i]) : "<end>")}\n+ {(i < b.Length ? Visible(b[i]) : "<end>")}";
    }

    private static string Visible(string line) => line.Replace("\r", "\\r").Replace("\t", "\\t");
}
