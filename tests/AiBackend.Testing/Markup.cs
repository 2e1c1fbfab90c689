using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Testing;

/// <summary>An expected diagnostic: an ID (null for <c>[|…|]</c>, meaning "the rule under test") and a span.</summary>
public sealed record ExpectedDiagnostic(string? Id, TextSpan Span);

/// <summary>
/// Parses test markup: <c>{|AIB3002:text|}</c> expects diagnostic AIB3002 on <c>text</c>; <c>[|text|]</c> expects
/// the single diagnostic the analyzer under test supports. Spans may nest.
/// </summary>
public static class Markup
{
    public static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string? Id, int Start, char Closer)>();

        for (var i = 0; i < markup.Length; i++)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, source.Length, ']'));
                i++;
            }
            else if (Starts(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                    throw new VerificationException($"Markup '{{|' at offset {i} has no ':' after the diagnostic ID.");
                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length, '}'));
                i = colon;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                if (open.Count == 0 || open.Peek().Closer != markup[i + 1])
                    throw new VerificationException($"Markup '|{markup[i + 1]}' at offset {i} closes nothing.");
                var (id, start, _) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length)));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }

        if (open.Count > 0)
            throw new VerificationException($"Markup span opened at source offset {open.Peek().Start} is never closed.");

        return (source.ToString(), expected.OrderBy(e => e.Span.Start).ThenBy(e => e.Id).ToList());
    }

    private static bool Starts(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
