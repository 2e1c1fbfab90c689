using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Client;
using AiBackend.AiFix.Prompt;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix.Verification;

/// <summary>
/// One member the model writes anew (a fix of a finding, or the body of a described stub): what is asked, how an answer
/// must look, where it goes, and what it must pass beyond compiling. <see cref="VerifiedRewrite"/> runs the shared part.
/// </summary>
internal abstract class MemberRewrite
{
    protected MemberRewrite(Document document, SyntaxNode root, MemberDeclarationSyntax member)
    {
        Document = document;
        Root = root;
        Member = member;
    }

    public Document Document { get; }

    public SyntaxNode Root { get; }

    /// <summary>The member as it is now: replaced by the answer, or (a partial definition) the one the answer follows.</summary>
    public MemberDeclarationSyntax Member { get; }

    /// <summary>"method", "property", "statement": how titles, prompts and reasons name the member.</summary>
    public abstract string KindName { get; }

    /// <summary>The member's name, or null for a top-level statement.</summary>
    public abstract string? Name { get; }

    /// <summary>The first request: secrets in what is sent are replaced through <paramref name="redactor"/>.</summary>
    public abstract List<ChatMessage> BuildPrompt(SecretRedactor redactor);

    /// <summary>How reasons name the model's code ("the fixed code does not compile").</summary>
    public virtual string CodeName => "the new code";

    /// <summary>The JSON-schema name the request asks for (servers show it in logs).</summary>
    public abstract string SchemaName { get; }

    /// <summary>The answer's code with anything the prompt added (markers) taken out again.</summary>
    public virtual string Clean(string code) => code;

    /// <summary>Parses the answer's code as this member's kind of syntax; null when it is not exactly one, without errors.</summary>
    public virtual MemberDeclarationSyntax? Parse(string code, CSharpParseOptions options)
    {
        var parsed = SyntaxFactory.ParseMemberDeclaration(code, 0, options, consumeFullText: true);
        return parsed is null || parsed.ContainsDiagnostics ? null : parsed;
    }

    /// <summary>The answer as it will be placed, or null with the reason it is not a replacement for this member.</summary>
    public abstract MemberDeclarationSyntax? Shape(MemberDeclarationSyntax parsed, out string? problem);

    /// <summary>The root with <paramref name="replacement"/> in place of (or after) <see cref="Member"/>.</summary>
    public virtual SyntaxNode Place(MemberDeclarationSyntax replacement) =>
        Root.ReplaceNode(Member, replacement.WithLeadingTrivia(Member.GetLeadingTrivia()).WithTrailingTrivia(Member.GetTrailingTrivia()));

    /// <summary>
    /// The project verification analyses, before and after: the project itself, or a copy with extra code that exercises
    /// the member (never applied).
    /// </summary>
    public virtual Task<Project> ForAnalysisAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(project);

    /// <summary>The checks after "compiles with no new error": null when the rewrite is accepted.</summary>
    public abstract Rejection? Check(AibAnalysis baseline, AibAnalysis after, SyntaxTree changedTree, SyntaxNode newMember);
}

/// <summary>Why an answer was refused, and the diagnostics (up to ten) the retry request carries.</summary>
internal sealed class Rejection
{
    public Rejection(string reason, IReadOnlyList<string>? details = null)
    {
        Reason = reason;
        Details = details ?? new string[0];
    }

    public string Reason { get; }

    public IReadOnlyList<string> Details { get; }
}
