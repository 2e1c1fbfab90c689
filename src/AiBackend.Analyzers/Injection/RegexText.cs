using System.Collections.Generic;

namespace AiBackend.Analyzers.Injection;

/// <summary>Reading a .NET regex pattern's structure (groups, alternation, quantifiers) without parsing it whole.</summary>
internal static class RegexText
{
    /// <summary>
    /// Each character of <paramref name="pattern"/> that can give it structure, with its index: escaped characters
    /// (<c>\(</c>) and the contents of character classes (<c>[|(]</c>) are skipped; a class's opening <c>[</c> is kept.
    /// </summary>
    public static IEnumerable<(int Index, char Character)> StructuralCharacters(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            inClass = c == '[';
            yield return (i, c);
        }
    }
}
