using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// <c>if (Regex.IsMatch(codec, "^[a-z0-9]{1,20}$"))</c>, or the same check through a <c>[GeneratedRegex]</c> method or a
/// static <c>new Regex(…)</c> field: where it passes, the value is made only of the pattern's characters, so it cannot
/// carry the kinds those characters cannot form (<see cref="ValidatedPattern.KindsExcluded(ValidatedPattern.CharacterSet)"/>).
/// Only patterns anchored at both ends count (IsMatch finds a match anywhere), without alternation at the top, and
/// without options that change what the anchors or the pattern mean (Multiline, IgnorePatternWhitespace).
/// </summary>
internal static class RegexGuard
{
    private const int Multiline = 2;
    private const int IgnorePatternWhitespace = 32;

    public static bool TryGet(IInvocationOperation call, out IOperation checkedValue, out ulong kinds)
    {
        checkedValue = null!;
        kinds = 0;
        if (call.TargetMethod is not { Name: "IsMatch", ContainingType: { Name: "Regex" } regexType }
            || regexType.ContainingNamespace?.ToDisplayString() != "System.Text.RegularExpressions"
            || call.Arguments.Length == 0)
            return false;

        var input = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "input");
        if (input is null || input.Value.Type?.SpecialType != SpecialType.System_String)
            return false;

        string? pattern;
        int options;
        if (call.Instance is null)
        {
            var patternArgument = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern");
            var optionsArgument = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "options");
            pattern = patternArgument?.Value.ConstantValue.Value as string;
            options = optionsArgument is null ? 0 : optionsArgument.Value.ConstantValue.Value is int constant ? constant : -1;
        }
        else if (!PatternOf(call.Instance, out pattern, out options))
        {
            return false;
        }

        if (pattern is null || options < 0 || (options & (Multiline | IgnorePatternWhitespace)) != 0
            || !AnchoredBody(pattern, out var body)
            || ValidatedPattern.CharacterSet.Of(body) is not { } characters)
            return false;

        // '$' also matches before one final newline. Nothing of the value can follow it, so it carries no payload of
        // its own; the kinds are what the pattern's characters exclude.
        kinds = ValidatedPattern.KindsExcluded(characters);
        checkedValue = input.Value;
        return kinds != 0;
    }

    /// <summary>The pattern of a regex instance: a [GeneratedRegex] method's, or a static field initialised with new Regex(constant).</summary>
    private static bool PatternOf(IOperation instance, out string? pattern, out int options)
    {
        pattern = null;
        options = 0;
        while (instance is IConversionOperation conversion)
            instance = conversion.Operand;
        switch (instance)
        {
            case IObjectCreationOperation creation:
                return FromArguments(creation.Arguments.Select(a => a.Value.ConstantValue.Value).ToArray(), out pattern, out options);
            case IInvocationOperation { TargetMethod: var method } when method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "GeneratedRegexAttribute") is { } generated:
                return FromArguments(generated.ConstructorArguments.Select(a => a.Value).ToArray(), out pattern, out options);
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field }:
                // The initializer's syntax only: a constant pattern and options named as RegexOptions members.
                if (field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: var arguments } }
                    && arguments.Count > 0 && arguments[0].Expression is LiteralExpressionSyntax literal && literal.Token.Value is string text)
                {
                    pattern = text;
                    options = arguments.Count > 1 ? OptionsOf(arguments[1].Expression) : 0;
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static bool FromArguments(object?[] values, out string? pattern, out int options)
    {
        pattern = values.Length > 0 ? values[0] as string : null;
        options = values.Length > 1 ? values[1] is int constant ? constant : -1 : 0;
        return pattern is not null;
    }

    /// <summary>RegexOptions.A | RegexOptions.B written out; -1 (unknown) for anything else.</summary>
    private static int OptionsOf(ExpressionSyntax expression) => expression switch
    {
        BinaryExpressionSyntax { OperatorToken.ValueText: "|" } or => OptionsOf(or.Left) is var left and >= 0 && OptionsOf(or.Right) is var right and >= 0 ? left | right : -1,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } when Enum.TryParse<System.Text.RegularExpressions.RegexOptions>(name, out var option) => (int)option,
        _ => -1,
    };

    /// <summary>
    /// "^body$" (or \A…\z): the body between the anchors, with no top-level alternation, which would leave one side
    /// unanchored ("^a|b$" matches any value containing "b" at its end).
    /// </summary>
    private static bool AnchoredBody(string pattern, out string body)
    {
        body = "";
        int start;
        if (pattern.StartsWith("^", StringComparison.Ordinal))
            start = 1;
        else if (pattern.StartsWith("\\A", StringComparison.Ordinal))
            start = 2;
        else
            return false;

        int end;
        if (pattern.EndsWith("\\z", StringComparison.Ordinal) && !EscapedAt(pattern, pattern.Length - 2))
        {
            end = pattern.Length - 2;
        }
        else if (pattern.EndsWith("$", StringComparison.Ordinal) && !EscapedAt(pattern, pattern.Length - 1))
        {
            end = pattern.Length - 1;
        }
        else
        {
            return false;
        }

        if (end < start)
            return false;
        body = pattern.Substring(start, end - start);
        return !HasTopLevelAlternation(body);
    }

    private static bool EscapedAt(string pattern, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && pattern[i] == '\\'; i--)
            backslashes++;
        return backslashes % 2 == 1;
    }

    private static bool HasTopLevelAlternation(string body)
    {
        var depth = 0;
        foreach (var (_, c) in RegexText.StructuralCharacters(body))
        {
            if (c == '(')
                depth++;
            else if (c == ')')
                depth--;
            else if (c == '|' && depth == 0)
                return true;
        }

        return false;
    }
}
