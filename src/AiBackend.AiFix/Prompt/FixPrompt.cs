using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AiBackend.AiFix.Client;
using AiBackend.AiFix.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix.Prompt;

/// <summary>
/// The smallest useful context: the enclosing member (secrets redacted, the finding marked), the diagnostic, the rule's
/// documented description, and the file's usings. Nothing else from the project is sent.
/// </summary>
internal static class FixPrompt
{
    public const string SchemaName = "aibackend_fix";

    /// <summary>The structured answer: the replacement member, namespaces to import, and a one-line explanation.</summary>
    public const string AnswerSchema =
        "{\"type\":\"object\",\"properties\":{" +
        "\"member\":{\"type\":\"string\",\"description\":\"The complete replacement for the member, as C# code.\"}," +
        "\"usings\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"Namespaces the new code needs that the file does not import yet.\"}," +
        "\"explanation\":{\"type\":\"string\"}}," +
        "\"required\":[\"member\",\"usings\",\"explanation\"],\"additionalProperties\":false}";

    private const string Instructions =
        "You fix one finding of the AiBackendAnalyzers Roslyn analyzers in C# code (an ASP.NET Core backend).\n" +
        "Rules:\n" +
        "- Return the complete replacement for the member you are given, and only that member: keep its name, parameters, attributes and everything unrelated to the finding.\n" +
        "- Fix the finding the way the rule's documentation recommends; do not suppress it (no #pragma, no [SuppressMessage]) and do not add placeholder or TODO code.\n" +
        "- Use only APIs the project already references. List any namespace your code needs that the file does not import in 'usings'.\n" +
        "- String literals written as \"AIB_REDACTED_<n>\" stand for values withheld from you: keep each exactly where it is.\n" +
        "- Remove the /*AIB>*/ and /*<AIB*/ markers.\n" +
        "- Answer with JSON only: {\"member\": \"<C# code>\", \"usings\": [\"Namespace\"], \"explanation\": \"<one sentence>\"}.";

    public const string StartMarker = "/*AIB>*/";
    public const string EndMarker = "/*<AIB*/";

    public static List<ChatMessage> Build(FixTarget target, Diagnostic diagnostic, SyntaxNode root, SecretRedactor redactor)
    {
        var descriptor = diagnostic.Descriptor;
        var user = new StringBuilder();
        user.Append("Finding: ").Append(descriptor.Id).Append(' ').Append(descriptor.Title).Append(" (").Append(diagnostic.Severity.ToString().ToLowerInvariant()).AppendLine(")");
        user.Append("Message: ").AppendLine(SecretRedactor.RedactMessage(diagnostic.GetMessage()));
        var description = descriptor.Description.ToString();
        if (description.Length > 0)
            user.Append("Rule: ").AppendLine(description);
        if (!string.IsNullOrEmpty(descriptor.HelpLinkUri))
            user.Append("Documentation: ").AppendLine(descriptor.HelpLinkUri);
        user.Append("File: ").AppendLine(Path.GetFileName(diagnostic.Location.SourceTree?.FilePath ?? ""));
        var usings = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>().Select(u => u.ToString()).ToList();
        if (usings.Count > 0)
            user.Append("The file's usings: ").AppendLine(string.Join(" ", usings));
        user.Append("The finding is the code between ").Append(StartMarker).Append(" and ").Append(EndMarker).Append(" in this ").Append(target.KindName).AppendLine(":");
        user.AppendLine("```csharp").AppendLine(MemberText(target, diagnostic, redactor)).AppendLine("```");

        return new List<ChatMessage> { ChatMessage.System(Instructions), ChatMessage.User(user.ToString()) };
    }

    /// <summary>The message that asks once more, with what was wrong with the previous answer.</summary>
    public static ChatMessage Feedback(string reason, IReadOnlyList<string> details)
    {
        var text = new StringBuilder("That answer was rejected: ").Append(reason).AppendLine(".");
        foreach (var detail in details.Take(10))
            text.Append("- ").AppendLine(detail);
        text.Append("Answer again with the corrected member, in the same JSON shape.");
        return ChatMessage.User(text.ToString());
    }

    /// <summary>The member's text with markers around the finding and placeholders for secrets, edited right to left.</summary>
    private static string MemberText(FixTarget target, Diagnostic diagnostic, SecretRedactor redactor)
    {
        var member = target.Member;
        var start = member.SpanStart;
        var edits = redactor.Plan(member).Select(r => (Start: r.Span.Start, Length: r.Span.Length, Text: r.Placeholder)).ToList();
        var span = diagnostic.Location.SourceSpan;
        // Markers go around the finding, unless an edge falls inside a redacted literal (it would be replaced away).
        if (member.Span.Contains(span) && !edits.Any(e => e.Start < span.Start && span.Start < e.Start + e.Length || e.Start < span.End && span.End < e.Start + e.Length))
        {
            edits.Add((span.Start, 0, StartMarker));
            edits.Add((span.End, 0, EndMarker));
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
