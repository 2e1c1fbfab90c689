using System;
using System.Collections.Generic;

namespace AiBackend.Shared.Endpoints;

/// <summary>
/// Checks a route template against the grammar ASP.NET Core's route pattern parser enforces, so a bad
/// template is reported at compile time instead of throwing when the app starts.
/// </summary>
internal sealed class RouteTemplate
{
    private RouteTemplate(string? error, IReadOnlyList<string> parameterNames)
    {
        Error = error;
        ParameterNames = parameterNames;
    }

    /// <summary>Why the template is invalid, or null when it is valid.</summary>
    public string? Error { get; }

    /// <summary>The route parameter names in order of appearance (valid templates only).</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Joins a group prefix chain and a route as <c>MapGroup</c> does: one '/' between parts, none doubled.</summary>
    public static string Combine(IEnumerable<string> parts)
    {
        var result = "";
        foreach (var part in parts)
        {
            var trimmed = (part.StartsWith("~/", StringComparison.Ordinal) ? part.Substring(1) : part).Trim('/');
            if (trimmed.Length > 0)
                result += "/" + trimmed;
        }

        return result.Length == 0 ? "/" : result;
    }

    public static RouteTemplate Parse(string? template)
    {
        if (template is null)
            return Invalid("the route template is null");

        var text = template.StartsWith("~/", StringComparison.Ordinal) ? template.Substring(1) : template;
        if (HasQuestionMarkOutsideBraces(text))
            return Invalid("a route template cannot contain '?' outside a parameter");

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var segments = text.Split('/');
        for (var s = 0; s < segments.Length; s++)
        {
            var segment = segments[s];
            if (segment.Length == 0)
            {
                // A leading '/' and a single trailing '/' are allowed; '//' is not.
                if (s == 0 || s == segments.Length - 1)
                    continue;
                return Invalid("the separator '/' cannot appear twice in a row");
            }

            var error = ParseSegment(segment, isLastSegment: s == segments.Length - 1, names, seen);
            if (error is not null)
                return Invalid(error);
        }

        return new RouteTemplate(null, names);
    }

    private static string? ParseSegment(string segment, bool isLastSegment, List<string> names, HashSet<string> seen)
    {
        var previousWasParameter = false;
        var i = 0;
        while (i < segment.Length)
        {
            var c = segment[i];
            if (c == '{' && i + 1 < segment.Length && segment[i + 1] == '{' || c == '}' && i + 1 < segment.Length && segment[i + 1] == '}')
            {
                i += 2; // escaped literal brace
                previousWasParameter = false;
                continue;
            }

            if (c == '}')
                return "'}' has no matching '{' (write '}}' for a literal brace)";

            if (c != '{')
            {
                i++;
                previousWasParameter = false;
                continue;
            }

            if (previousWasParameter)
                return "two parameters cannot be adjacent in one segment without a literal between them";

            var end = FindParameterEnd(segment, i + 1);
            if (end < 0)
                return "'{' has no matching '}' (write '{{' for a literal brace)";

            var body = segment.Substring(i + 1, end - i - 1);
            var error = ParseParameter(body, isLastSegment, segment.Length == end - i + 1, names, seen);
            if (error is not null)
                return error;

            // As ASP.NET Core requires: '{a?}b' could never match without 'a', so an optional parameter ends its segment.
            if (body.EndsWith("?", StringComparison.Ordinal) && end + 1 < segment.Length)
                return $"optional parameter '{names[names.Count - 1]}' must be at the end of its segment";

            previousWasParameter = true;
            i = end + 1;
        }

        return null;
    }

    private static int FindParameterEnd(string segment, int start)
    {
        for (var i = start; i < segment.Length; i++)
        {
            if (segment[i] != '}')
                continue;
            if (i + 1 < segment.Length && segment[i + 1] == '}')
            {
                i++; // '}}' inside a constraint is an escaped brace
                continue;
            }

            return i;
        }

        return -1;
    }

    private static string? ParseParameter(string body, bool isLastSegment, bool isWholeSegment, List<string> names, HashSet<string> seen)
    {
        var catchAll = body.StartsWith("**", StringComparison.Ordinal) ? 2 : body.StartsWith("*", StringComparison.Ordinal) ? 1 : 0;
        var nameEnd = body.Length;
        for (var i = catchAll; i < body.Length; i++)
        {
            if (body[i] is ':' or '=' or '?')
            {
                nameEnd = i;
                break;
            }
        }

        var name = body.Substring(catchAll, nameEnd - catchAll);
        if (name.Length == 0)
            return "a route parameter needs a name";
        foreach (var c in name)
        {
            if (c is '{' or '}' or '/' or '*' or '.' || char.IsWhiteSpace(c))
                return $"route parameter name '{name}' contains '{c}'";
        }

        if (catchAll > 0 && !(isLastSegment && isWholeSegment))
            return $"catch-all parameter '{name}' must be the whole last segment";

        if (!seen.Add(name))
            return $"route parameter '{name}' appears more than once";

        names.Add(name);
        return null;
    }

    private static bool HasQuestionMarkOutsideBraces(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (c == '?' && depth <= 0) return true;
        }

        return false;
    }

    private static RouteTemplate Invalid(string error) => new(error, Array.Empty<string>());
}
