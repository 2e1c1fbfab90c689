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

    private const string Instructions =
        "You fix one finding of the AiBackendAnalyzers Roslyn analyzers in C# code (an ASP.NET Core backend).\n" +
        "Rules:\n" +
        "- Return the complete replacement for the member you are given, and only that member: keep its name, parameters, attributes and everything unrelated to the finding.\n" +
        "- Fix the finding the way the rule's documentation recommends; do not suppress it (no #pragma, no [SuppressMessage]) and do not add placeholder or TODO code.\n" +
        "- Use only APIs the project already references. List any namespace your code needs that the file does not import in 'usings'.\n" +
        "- " + AnswerFormat.RedactedLiterals + "\n" +
        "- Remove the /*AIB>*/ and /*<AIB*/ markers.\n" +
        "- " + AnswerFormat.Instruction;

    public const string StartMarker = "/*AIB>*/";
    public const string EndMarker = "/*<AIB*/";

    /// <summary>The file's using directives, as the prompt lists them.</summary>
    public static string? Usings(SyntaxNode root)
    {
        var usings = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>().Select(u => u.ToString()).ToList();
        return usings.Count == 0 ? null : string.Join(" ", usings);
    }

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
        if (Usings(root) is { } usings)
            user.Append("The file's usings: ").AppendLine(usings);
        user.Append("The finding is the code between ").Append(StartMarker).Append(" and ").Append(EndMarker).Append(" in this ").Append(target.KindName).AppendLine(":");
        user.AppendLine("```csharp").AppendLine(MemberText.Of(target.Member, redactor, diagnostic.Location.SourceSpan, StartMarker, EndMarker)).AppendLine("```");

        return new List<ChatMessage> { ChatMessage.System(Instructions), ChatMessage.User(user.ToString()) };
    }
}
