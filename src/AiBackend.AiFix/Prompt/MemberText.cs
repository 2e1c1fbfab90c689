using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.AiFix.Prompt;

/// <summary>A member's text as it is sent: secrets replaced by placeholders, optionally a span marked, dedented.</summary>
internal static class MemberText
{
    /// <summary>
    /// The text of <paramref name="member"/> with placeholders for secrets and, when given, <paramref name="startMarker"/>
    /// and <paramref name="endMarker"/> around <paramref name="marked"/>; edited right to left.
    /// </summary>
    public static string Of(SyntaxNode member, SecretRedactor redactor, TextSpan? marked = null, string? startMarker = null, string? endMarker = null)
    {
        var start = member.SpanStart;
        var edits = redactor.Plan(member).Select(r => (Start: r.Span.Start, Length: r.Span.Length, Text: r.Placeholder)).ToList();
        // Markers go around the span, unless an edge falls inside a redacted literal (it would be replaced away).
        if (marked is { } span && member.Span.Contains(span)
            && !edits.Any(e => e.Start < span.Start && span.Start < e.Start + e.Length || e.Start < span.End && span.End < e.Start + e.Length))
        {
            edits.Add((span.Start, 0, startMarker!));
            edits.Add((span.End, 0, endMarker!));
        }

        var text = new StringBuilder(member.ToString());
        // Right to left; at one position the replacement goes first so an insertion lands before it.
        foreach (var edit in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.Length))
            text.Remove(edit.Start - start, edit.Length).Insert(edit.Start - start, edit.Text);
        return Dedent(text.ToString(), member.GetLocation().GetLineSpan().StartLinePosition.Character, member);
    }

    /// <summary>
    /// Removes the member's own indentation from its following lines, so the model sees it as it would be written at
    /// column 0 (the formatter re-indents the answer). Skipped when a string spans lines: its content must not change.
    /// </summary>
    private static string Dedent(string text, int column, SyntaxNode member)
    {
        if (column == 0 || member.DescendantTokens().Any(t => t.Span.Length > 0 && t.Text.IndexOf('\n') >= 0))
            return text;
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var remove = 0;
            while (remove < column && remove < lines[i].Length && lines[i][remove] is ' ' or '\t')
                remove++;
            lines[i] = lines[i].Substring(remove);
        }

        return string.Join("\n", lines);
    }
}
