using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Shared.Documentation;

/// <summary>
/// The <c>&lt;summary&gt;</c> and <c>&lt;remarks&gt;</c> of a declaration's <c>///</c> comment, read from syntax trivia:
/// builds without <c>GenerateDocumentationFile</c> do not parse doc comments, and the OpenAPI text must not depend on it.
/// Split in two so generators can take the raw text in their (per-keystroke) transform and parse the XML only when it
/// changed.
/// </summary>
internal sealed class DocComment
{
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private DocComment(string? summary, string? remarks)
    {
        Summary = summary;
        Remarks = remarks;
    }

    public string? Summary { get; }

    public string? Remarks { get; }

    public static DocComment Read(SyntaxNode? declaration) => Parse(RawXml(declaration));

    /// <summary>The doc comment's XML text without the <c>///</c> markers, or null when there is none.</summary>
    public static string? RawXml(SyntaxNode? declaration)
    {
        if (declaration is null)
            return null;

        var xml = new StringBuilder();
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                xml.Append(StripMarkers(trivia.ToFullString()));
            else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString().StartsWith("///", StringComparison.Ordinal))
                xml.Append(trivia.ToString().Substring(3)).Append('\n'); // DocumentationMode.None lexes /// as a plain comment
        }

        return xml.Length == 0 ? null : xml.ToString();
    }

    public static DocComment Parse(string? rawXml)
    {
        if (rawXml is null)
            return new DocComment(null, null);

        try
        {
            var root = XElement.Parse("<doc>" + rawXml + "</doc>");
            return new DocComment(Text(root.Element("summary")), Text(root.Element("remarks")));
        }
        catch (System.Xml.XmlException)
        {
            return new DocComment(null, null); // malformed XML: the compiler's CS1570 says so when docs are on
        }
    }

    private static string StripMarkers(string text) =>
        string.Join("\n", text.Split('\n').Select(line =>
        {
            var trimmed = line.TrimStart();
            return trimmed.StartsWith("///", StringComparison.Ordinal) ? trimmed.Substring(3) : trimmed;
        }));

    // <see cref="T:X.Y"/> and <paramref name="p"/> read as their names; whitespace collapses to single spaces.
    private static string? Text(XElement? element)
    {
        if (element is null)
            return null;
        var text = new StringBuilder();
        foreach (var node in element.DescendantNodes())
        {
            if (node is XText t)
                text.Append(t.Value);
            else if (node is XElement { IsEmpty: true } e && (e.Attribute("cref") ?? e.Attribute("name") ?? e.Attribute("langword")) is { } reference)
                text.Append(reference.Value.Substring(reference.Value.IndexOf(':') + 1).Split('.').Last());
        }

        var collapsed = Whitespace.Replace(text.ToString(), " ").Trim();
        return collapsed.Length == 0 ? null : collapsed;
    }
}
