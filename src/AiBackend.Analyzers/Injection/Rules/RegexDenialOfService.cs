using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>
/// AIB1010: request data is used as a regex pattern, or is matched without a timeout against a pattern whose
/// nested quantifiers backtrack exponentially.
/// </summary>
internal static class RegexDenialOfService
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.RegexDenialOfService,
        "Regular expression denial of service",
        "A client-supplied pattern, or client input matched against a pattern with nested quantifiers such as (a+)+, can keep a thread backtracking for minutes. Escape patterns (Regex.Escape), and give regexes on request data a match timeout or RegexOptions.NonBacktracking.");

    private const string Regex = "System.Text.RegularExpressions.Regex";
    private static readonly string[] StaticMethods = { "IsMatch", "Match", "Matches", "Replace", "Split", "Count", "EnumerateMatches" };

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.RegexPattern | InjectionKinds.RegexInput,
        "a regular expression",
        Sinks().ToArray(),
        sanitizers: new[] { new MemberRule(Regex, "Escape") });

    private static IEnumerable<MemberRule> Sinks()
    {
        yield return new MemberRule(Regex, MemberRule.Constructor, parameters: new[] { "pattern" }, kinds: InjectionKinds.RegexPattern);
        foreach (var method in StaticMethods)
        {
            yield return new MemberRule(Regex, method, parameters: new[] { "pattern" }, kinds: InjectionKinds.RegexPattern);
            yield return new MemberRule(Regex, method, parameters: new[] { "input" }, condition: MatchesBacktrackingPatternWithoutTimeout, kinds: InjectionKinds.RegexInput);
        }
    }

    private static bool MatchesBacktrackingPatternWithoutTimeout(IOperation call)
    {
        if (call is not IInvocationOperation invocation)
            return false;
        if (invocation.Arguments.Any(a => a.Parameter?.Name == "matchTimeout" && a.ArgumentKind == ArgumentKind.Explicit))
            return false;
        if (invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "options")?.Value.ConstantValue is { HasValue: true, Value: int options }
            && (options & NonBacktracking) != 0)
            return false;

        if (invocation.Instance is null)
        {
            var pattern = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value.ConstantValue;
            return pattern is { HasValue: true, Value: string text } && BacktrackingPattern.IsCatastrophic(text);
        }

        return ConstructedWithoutTimeout(invocation.Instance);
    }

    private const int NonBacktracking = 1024;

    /// <summary>A regex instance from <c>new Regex("(a+)+")</c> in the same member, without a timeout.</summary>
    private static bool ConstructedWithoutTimeout(IOperation receiver)
    {
        if (ObjectConfiguration.FindCreation(receiver)?.ArgumentList?.Arguments is not { Count: > 0 } arguments)
            return false;
        if (arguments.Count >= 3 || arguments.Any(a => a.NameColon?.Name.Identifier.ValueText == "matchTimeout")
            || arguments.Any(a => a.Expression.ToString().Contains("NonBacktracking")))
            return false;
        return arguments[0].Expression is LiteralExpressionSyntax { Token.Value: string text } && BacktrackingPattern.IsCatastrophic(text);
    }
}

/// <summary>Recognises the classic exponential-backtracking shape: a repeated group that itself contains a repetition.</summary>
internal static class BacktrackingPattern
{
    public static bool IsCatastrophic(string pattern)
    {
        // Per open group: whether a quantifier occurred inside it.
        var groups = new Stack<bool>();
        foreach (var (i, c) in RegexText.StructuralCharacters(pattern))
        {
            switch (c)
            {
                case '(':
                    groups.Push(false);
                    break;
                case ')':
                    if (groups.Count == 0)
                        return false;
                    var innerRepeats = groups.Pop();
                    var outerRepeats = i + 1 < pattern.Length && IsUnboundedQuantifier(pattern, i + 1);
                    if (innerRepeats && outerRepeats)
                        return true;
                    if (groups.Count > 0 && (innerRepeats || outerRepeats))
                        MarkRepeating(groups);
                    break;
                case '+':
                case '*':
                    if (groups.Count > 0)
                        MarkRepeating(groups);
                    break;
                case '{':
                    if (groups.Count > 0 && IsUnboundedQuantifier(pattern, i))
                        MarkRepeating(groups);
                    break;
            }
        }

        return false;
    }

    private static void MarkRepeating(Stack<bool> groups)
    {
        groups.Pop();
        groups.Push(true);
    }

    private static bool IsUnboundedQuantifier(string pattern, int index)
    {
        var c = pattern[index];
        if (c is '+' or '*')
            return true;
        if (c != '{')
            return false;
        var close = pattern.IndexOf('}', index);
        return close > index && pattern.Substring(index, close - index).EndsWith(",", StringComparison.Ordinal);
    }
}
