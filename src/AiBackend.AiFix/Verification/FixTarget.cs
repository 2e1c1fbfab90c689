using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix.Verification;

/// <summary>
/// The unit the model rewrites: the member that encloses the diagnostic (a method, constructor, property, field, …) or,
/// in a top-level program, the statement. Small enough to send, large enough for a real fix.
/// </summary>
internal sealed class FixTarget
{
    private FixTarget(MemberDeclarationSyntax member)
    {
        Member = member;
    }

    public MemberDeclarationSyntax Member { get; }

    public bool IsTopLevelStatement => Member is GlobalStatementSyntax;

    /// <summary>"method", "property", "statement": how the action title and prompt name it.</summary>
    public string KindName => Member switch
    {
        GlobalStatementSyntax => "statement",
        ConstructorDeclarationSyntax => "constructor",
        BaseMethodDeclarationSyntax => "method",
        BasePropertyDeclarationSyntax => "property",
        _ => "member",
    };

    /// <summary>The member's name, or null for a statement.</summary>
    public string? Name => NameOf(Member);

    public static FixTarget? Find(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Location.IsInSource || diagnostic.Location.SourceTree != root.SyntaxTree)
            return null;
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        // The nearest member; a type or namespace there means the finding is on a declaration itself (too large a unit).
        var member = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
        return member is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax or GlobalStatementSyntax
            ? new FixTarget(member)
            : null;
    }

    /// <summary>Whether <paramref name="proposal"/> is the same kind of member with the same name (the expected shape).</summary>
    public bool HasSameShape(MemberDeclarationSyntax proposal) =>
        proposal.RawKind == Member.RawKind && NameOf(proposal) == Name;

    private static string? NameOf(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        EventDeclarationSyntax @event => @event.Identifier.ValueText,
        OperatorDeclarationSyntax @operator => @operator.OperatorToken.ValueText,
        ConversionOperatorDeclarationSyntax conversion => conversion.Type.ToString(),
        BaseFieldDeclarationSyntax field => string.Join(",", field.Declaration.Variables.Select(v => v.Identifier.ValueText)),
        IndexerDeclarationSyntax => "this[]",
        DestructorDeclarationSyntax destructor => "~" + destructor.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Parses an answer as this target's kind of syntax; null when it is not exactly one such member.</summary>
    public MemberDeclarationSyntax? Parse(string code, CSharpParseOptions options)
    {
        MemberDeclarationSyntax? parsed;
        if (IsTopLevelStatement)
        {
            var statement = SyntaxFactory.ParseStatement(code, 0, options, consumeFullText: true);
            parsed = SyntaxFactory.GlobalStatement(statement);
        }
        else
        {
            parsed = SyntaxFactory.ParseMemberDeclaration(code, 0, options, consumeFullText: true);
        }

        return parsed is null || parsed.ContainsDiagnostics ? null : parsed;
    }
}
