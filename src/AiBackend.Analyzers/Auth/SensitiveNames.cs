using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>What names say about a value: a password, a secret, a token; where a random or hashed value is going.</summary>
internal static class SensitiveNames
{
    private static readonly string[] PasswordWords = { "password", "passwd", "pwd", "passphrase" };

    private static readonly string[] SecretWords =
    {
        "token", "secret", "password", "salt", "nonce", "otp", "apikey", "api_key", "sessionid", "resetcode", "verificationcode",
        "confirmationcode", "logincode", "mfacode", "twofactor", "pincode", "privatekey", "signingkey", "secretkey", "encryptionkey",
    };

    private static readonly string[] NotSecretWords = { "jitter", "delay", "shuffle", "sample", "index", "retry", "backoff", "color", "type", "expir", "count", "length", "cancellation" };

    private static readonly string[] ComparedSecretWords = { "token", "signature", "hash", "hmac", "mac", "digest", "apikey", "secret", "otp" };

    public static bool IsPassword(string name) =>
        PasswordWords.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0)
        && name.IndexOf("hash", StringComparison.OrdinalIgnoreCase) < 0;

    public static bool IsSecretDestination(string name) =>
        SecretWords.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0)
        && !NotSecretWords.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0);

    public static bool IsComparedSecret(string name) =>
        ComparedSecretWords.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0)
        && !NotSecretWords.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>The name of the symbol an operation reads: a local, parameter, field, property or the method it calls.</summary>
    public static string? NameOf(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            IMemberReferenceOperation member => member.Member.Name,
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            _ => null,
        };
    }

    /// <summary>
    /// Whether any value the operation reads (or, for a local, its initializer reads) is named like a password. Only
    /// the value itself counts, not the object it is read from: <c>passwordResetRequest.Email</c> is an e-mail address.
    /// </summary>
    public static bool MentionsPassword(IOperation operation)
    {
        foreach (var part in operation.DescendantsAndSelf())
        {
            if (NameOf(part) is { } name && part is not IInvocationOperation && !IsReceiverOfMember(part) && IsPassword(name))
                return true;
            if (part is ILocalReferenceOperation { Local: var local }
                && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } declarator
                && declarator.DescendantTokens().Any(t => t.ValueText is { Length: > 0 } text && IsPassword(text) && t.Parent is not null && t.Parent != declarator
                    && !(t.Parent.Parent is MemberAccessExpressionSyntax access && access.Expression == t.Parent)))
                return true;
        }

        return false;
    }

    private static bool IsReceiverOfMember(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            operation = parent;
            parent = parent.Parent;
        }

        return parent is IMemberReferenceOperation member && member.Instance == operation;
    }
}
