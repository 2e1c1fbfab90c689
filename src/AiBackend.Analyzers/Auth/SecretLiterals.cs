using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// Finds the literal text behind a value (<c>"s3cr3t"</c>, <c>"s3cr3t"u8</c>, a constant, a local initialised with one,
/// <c>Encoding.UTF8.GetBytes("…")</c>, <c>config["Key"] ?? "fallback"</c>) and tells real secrets from placeholders.
/// </summary>
internal static class SecretLiterals
{
    private static readonly string[] Placeholders = { "changeme", "change-me", "your", "replace", "todo", "example", "placeholder", "dummy", "xxx", "***", "secret-here", "<", "{", "${", "%" };

    /// <summary>The literal operation the value is made of, when it is one.</summary>
    public static IOperation? Find(IOperation? value, int depth = 0)
    {
        if (value is null || depth > 4)
            return null;
        switch (value)
        {
            case IConversionOperation conversion:
                return Find(conversion.Operand, depth + 1);
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string } }:
            case IUtf8StringOperation: // "s3cr3t"u8
                return value;
            case IFieldReferenceOperation { Field: { IsConst: true } } or ILocalReferenceOperation { Local.IsConst: true } when value.ConstantValue.Value is string:
                return value;
            case IInterpolatedStringOperation when value.ConstantValue.Value is string:
                return value;
            case ICoalesceOperation coalesce:
                return Find(coalesce.WhenNull, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "GetBytes" or "FromBase64String" or "FromHexString" or "ToCharArray" or "ToArray" } conversionCall:
                return Find(conversionCall.Arguments.LastOrDefault()?.Value ?? conversionCall.Instance, depth + 1);
            case ILocalReferenceOperation local when local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: var initializer }
                                                     && local.SemanticModel?.GetOperation(initializer) is { } initial && IsAssignedOnce(local.Local, initializer):
                return Find(initial, depth + 1);
            default:
                return null;
        }
    }

    /// <summary>The text of what <see cref="Find"/> returned: a string constant, or a UTF-8 literal's text.</summary>
    public static string? TextOf(IOperation literal) =>
        literal is IUtf8StringOperation utf8 ? utf8.Value : literal.ConstantValue.Value as string;

    /// <summary>Real-looking secret text: not empty, not a placeholder, not a template or configuration reference.</summary>
    public static bool LooksReal(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 6)
            return false;
        return !Placeholders.Any(p => trimmed.IndexOf(p, StringComparison.OrdinalIgnoreCase) >= 0);
    }

    /// <summary>The password part of a connection string, when it has a real one.</summary>
    public static bool HasEmbeddedPassword(string connectionString)
    {
        foreach (var part in connectionString.Split(';'))
        {
            var pair = part.Split(new[] { '=' }, 2);
            if (pair.Length == 2 && pair[0].Trim().ToLowerInvariant() is "password" or "pwd" && pair[1].Trim().Length > 0
                && !Placeholders.Any(p => pair[1].IndexOf(p, StringComparison.OrdinalIgnoreCase) >= 0))
                return true;
        }

        return false;
    }

    private static bool IsAssignedOnce(ILocalSymbol local, SyntaxNode initializer)
    {
        var scope = initializer.FirstAncestorOrSelf<BlockSyntax>() as SyntaxNode ?? initializer.SyntaxTree.GetRoot();
        return !scope.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Any(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == local.Name);
    }
}
