using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.AiFix.Prompt;

/// <summary>
/// Replaces string literals that look like secrets with numbered placeholders before code leaves the machine, and puts
/// the originals back into the model's answer, so a fix never loses the value and the model never sees it.
/// </summary>
internal sealed class SecretRedactor
{
    private const string PlaceholderPrefix = "AIB_REDACTED_";

    private static readonly string[] KeyPrefixes = { "sk-", "sk_live_", "sk_test_", "rk_live_", "ghp_", "gho_", "ghs_", "github_pat_", "xoxb-", "xoxp-", "AKIA", "ASIA", "AIza", "-----BEGIN" };
    private static readonly string[] ConnectionSecrets = { "password=", "pwd=", "accountkey=", "sharedaccesskey=", "client_secret=", "secret=" };
    private static readonly string[] SecretNames = { "password", "passwd", "pwd", "secret", "apikey", "api_key", "token", "privatekey", "signingkey", "connectionstring", "credential", "securitykey", "accesskey" };
    private static readonly string[] Placeholders = { "changeme", "your", "example", "placeholder", "xxx", "<", "{", "${" };
    private static readonly Regex QuotedInMessage = new("'([^']{6,})'", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // Placeholder text (as it appears in code sent) → the original token text.
    private readonly List<KeyValuePair<string, string>> _replacements = new();

    public int Count => _replacements.Count;

    /// <summary>
    /// The secret-looking literals in <paramref name="node"/>, each with the placeholder to send instead; every one is
    /// remembered for <see cref="Restore"/>.
    /// </summary>
    public IReadOnlyList<(TextSpan Span, string Placeholder)> Plan(SyntaxNode node)
    {
        var plan = new List<(TextSpan, string)>();
        foreach (var token in node.DescendantTokens().Where(IsSecretLiteral))
        {
            var number = _replacements.Count + 1;
            var placeholder = token.IsKind(SyntaxKind.InterpolatedStringTextToken) ? PlaceholderPrefix + number : "\"" + PlaceholderPrefix + number + "\"";
            _replacements.Add(new KeyValuePair<string, string>(placeholder, token.Text));
            plan.Add((token.Span, placeholder));
        }

        return plan;
    }

    /// <summary>Redacts quoted values in free text (a diagnostic message) that look like keys.</summary>
    public static string RedactMessage(string message) =>
        QuotedInMessage.Replace(message, m => LooksLikeKey(m.Groups[1].Value) ? "'[redacted]'" : m.Value);

    /// <summary>The answer with every placeholder turned back into the original literal.</summary>
    public string Restore(string answer)
    {
        // Quoted placeholders first, longest numbers first, so AIB_REDACTED_1 never eats AIB_REDACTED_12.
        foreach (var pair in _replacements.OrderByDescending(p => p.Key.Length))
            answer = answer.Replace(pair.Key, pair.Value);
        return answer;
    }

    private static bool IsSecretLiteral(SyntaxToken token)
    {
        if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.InterpolatedStringTextToken)
            && !token.IsKind(SyntaxKind.Utf8StringLiteralToken) && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)
            && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
            return false;

        var value = token.ValueText;
        if (value.Length < 6 || IsPlaceholder(value))
            return false;
        return value.Split(' ', '\t', '\n').Any(LooksLikeKey) || ConnectionSecrets.Any(s => value.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0) || (!value.Contains(" ") && NamedLikeSecret(token));
    }

    /// <summary>Known key formats, or a long random-looking string (base64/hex keys, tokens).</summary>
    private static bool LooksLikeKey(string value)
    {
        if (KeyPrefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal) && value.Length >= p.Length + 8))
            return true;
        if (value.StartsWith("eyJ", StringComparison.Ordinal) && value.Count(c => c == '.') == 2)
            return true; // a JWT
        return value.Length >= 24 && !value.Any(char.IsWhiteSpace) && value.Any(char.IsDigit) && value.Any(char.IsLetter)
               && !value.Contains("/") && !value.Contains("://") && Entropy(value) >= 3.8;
    }

    /// <summary>The literal is assigned to, declared as, or passed to something named like a secret.</summary>
    private static bool NamedLikeSecret(SyntaxToken token)
    {
        foreach (var ancestor in token.Parent!.AncestorsAndSelf().Take(6))
        {
            var name = ancestor switch
            {
                VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText,
                AssignmentExpressionSyntax assignment => LastName(assignment.Left),
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                ArgumentSyntax { NameColon: { } nameColon } => nameColon.Name.Identifier.ValueText,
                ObjectCreationExpressionSyntax creation => LastName(creation.Type),
                InvocationExpressionSyntax invocation => LastName(invocation.Expression),
                _ => null,
            };
            if (name is not null && SecretNames.Any(s => name.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0))
                return true;
            if (ancestor is StatementSyntax or MemberDeclarationSyntax)
                return false;
        }

        return false;
    }

    private static string? LastName(SyntaxNode node) => node switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        ElementAccessExpressionSyntax element => LastName(element.Expression),
        _ => null,
    };

    private static bool IsPlaceholder(string value) =>
        Placeholders.Any(p => value.IndexOf(p, StringComparison.OrdinalIgnoreCase) >= 0);

    private static double Entropy(string value)
    {
        var entropy = 0.0;
        foreach (var group in value.GroupBy(c => c))
        {
            var p = (double)group.Count() / value.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy;
    }
}
