using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix.Implement;

/// <summary>
/// A method that says what it should do but does not do it yet: its body only throws <c>NotImplementedException</c>, or it
/// is a <c>partial</c> method with no implementation; and a doc comment or a <c>// TODO:</c> line describes it. Found
/// from syntax alone (one semantic look-up for partial methods), so the analyzer that reports it stays cheap.
/// </summary>
internal sealed class DescribedStub
{
    private DescribedStub(MethodDeclarationSyntax method, string description, SyntaxTrivia? todo, bool isPartialDefinition)
    {
        Method = method;
        Description = description;
        Todo = todo;
        IsPartialDefinition = isPartialDefinition;
    }

    public MethodDeclarationSyntax Method { get; }

    /// <summary>What the method should do, in the author's words (doc comment text, or the TODO line).</summary>
    public string Description { get; }

    /// <summary>The <c>// TODO:</c> comment that described it, removed once the method is implemented.</summary>
    public SyntaxTrivia? Todo { get; }

    /// <summary>A partial method's defining declaration: the implementation is added after it, not in its place.</summary>
    public bool IsPartialDefinition { get; }

    /// <summary>
    /// The stub, or null. <paramref name="hasImplementation"/> answers for a body-less partial method whether another
    /// declaration implements it (a semantic question the caller answers cheaply).
    /// </summary>
    public static DescribedStub? Find(MethodDeclarationSyntax method, Func<MethodDeclarationSyntax, bool> hasImplementation)
    {
        var isPartialDefinition = method.Body is null && method.ExpressionBody is null && method.Modifiers.Any(SyntaxKind.PartialKeyword);
        if (isPartialDefinition ? hasImplementation(method) : !ThrowsNotImplemented(method))
            return null;

        if (DocumentationText(method) is { Length: > 0 } documented)
            return new DescribedStub(method, documented, null, isPartialDefinition);
        return TodoComment(method) is { } todo
            ? new DescribedStub(method, TodoText(todo), todo, isPartialDefinition)
            : null;
    }

    /// <summary>The whole body is <c>throw new NotImplementedException(…)</c> (a statement or an expression body).</summary>
    private static bool ThrowsNotImplemented(MethodDeclarationSyntax method)
    {
        var thrown = method switch
        {
            { ExpressionBody.Expression: ThrowExpressionSyntax expression } => expression.Expression,
            { Body.Statements: { Count: 1 } statements } when statements[0] is ThrowStatementSyntax statement => statement.Expression,
            _ => null,
        };
        return thrown is ObjectCreationExpressionSyntax { Type: var type }
               && (type is IdentifierNameSyntax { Identifier.ValueText: "NotImplementedException" }
                   || type is QualifiedNameSyntax { Right.Identifier.ValueText: "NotImplementedException" }
                   || type is AliasQualifiedNameSyntax { Name.Identifier.ValueText: "NotImplementedException" });
    }

    private static readonly CSharpParseOptions DocumentationParsing = CSharpParseOptions.Default.WithDocumentationMode(DocumentationMode.Diagnose);

    /// <summary>
    /// The doc comment's text (summary, remarks, param and returns), tags removed, one line per element. Builds without
    /// a documentation file lex <c>///</c> lines as plain comments, so they are parsed here as documentation again.
    /// </summary>
    private static string? DocumentationText(MethodDeclarationSyntax method)
    {
        var lines = method.GetLeadingTrivia()
            .Where(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || t.IsKind(SyntaxKind.SingleLineCommentTrivia) && t.ToString().StartsWith("///", StringComparison.Ordinal))
            .SelectMany(t => t.ToFullString().Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("///", StringComparison.Ordinal))
            .ToList();
        if (lines.Count == 0)
            return null;

        var comment = SyntaxFactory.ParseMemberDeclaration(string.Join("\n", lines) + "\nvoid M() { }", 0, DocumentationParsing)?
            .GetLeadingTrivia()
            .Select(t => t.GetStructure())
            .OfType<DocumentationCommentTriviaSyntax>()
            .LastOrDefault();
        if (comment is null)
            return null;

        var elements = comment.Content.OfType<XmlElementSyntax>()
            .Select(element => (Name: element.StartTag.Name.LocalName.ValueText, Attribute: element.StartTag.Attributes.OfType<XmlNameAttributeSyntax>().FirstOrDefault()?.Identifier.Identifier.ValueText, Text: Text(element)))
            .Where(e => e.Text.Length > 0)
            .Select(e => e.Attribute is null ? $"{e.Name}: {e.Text}" : $"{e.Name} {e.Attribute}: {e.Text}")
            .ToList();
        return elements.Any(l => l.StartsWith("summary:", StringComparison.Ordinal) || l.StartsWith("returns:", StringComparison.Ordinal) || l.StartsWith("remarks:", StringComparison.Ordinal))
            ? string.Join("\n", elements)
            : null;

        static string Text(XmlElementSyntax element) => string.Join(" ", element.Content.ToString()
            .Split('\n')
            .Select(line => line.Trim().TrimStart('/').Trim())
            .Where(line => line.Length > 0));
    }

    /// <summary>A <c>// TODO:</c> line above the method or inside its body.</summary>
    private static SyntaxTrivia? TodoComment(MethodDeclarationSyntax method)
    {
        var inBody = method.Body?.DescendantTrivia() ?? method.ExpressionBody?.DescendantTrivia() ?? Enumerable.Empty<SyntaxTrivia>();
        foreach (var trivia in method.GetLeadingTrivia().Concat(inBody))
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && TodoText(trivia).Length > 0)
                return trivia;
        }

        return null;
    }

    private static string TodoText(SyntaxTrivia trivia)
    {
        var text = trivia.ToString().TrimStart('/').Trim();
        return text.StartsWith("TODO:", StringComparison.OrdinalIgnoreCase) ? text.Substring(5).Trim() : "";
    }
}
