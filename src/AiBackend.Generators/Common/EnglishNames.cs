using System;
using System.Collections.Generic;
using System.Text;

namespace AiBackend.Generators.Common;

/// <summary>
/// Type names as English for operation names and summaries: <c>WorkItem</c> is listed by <c>ListWorkItems</c>, "Lists
/// work items", and created as "a work item". Only the last word is pluralised, by the regular rules and a few
/// irregular nouns; a name the rules get wrong can still be given by hand through the OpenAPI conventions.
/// </summary>
internal static class EnglishNames
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Person"] = "People", ["Child"] = "Children", ["Man"] = "Men", ["Woman"] = "Women", ["Mouse"] = "Mice",
        ["Goose"] = "Geese", ["Tooth"] = "Teeth", ["Foot"] = "Feet", ["Datum"] = "Data", ["Criterion"] = "Criteria",
        ["Index"] = "Indexes", ["Series"] = "Series", ["Species"] = "Species", ["News"] = "News", ["Info"] = "Info",
        ["Data"] = "Data", ["Metadata"] = "Metadata", ["Equipment"] = "Equipment", ["Staff"] = "Staff",
    };

    /// <summary><c>WorkItem</c> → <c>WorkItems</c>, <c>Category</c> → <c>Categories</c>, <c>Person</c> → <c>People</c>.</summary>
    public static string Plural(string pascal)
    {
        var words = Split(pascal);
        if (words.Count == 0)
            return pascal;
        var last = words[words.Count - 1];
        var prefix = pascal.Substring(0, pascal.Length - last.Length);
        return prefix + PluralWord(last);
    }

    /// <summary><c>WorkItem</c> → "work item"; acronyms keep their case (<c>HttpLog</c> → "http log", <c>SKU</c> → "SKU").</summary>
    public static string Words(string pascal)
    {
        var text = new StringBuilder();
        foreach (var word in Split(pascal))
        {
            if (text.Length > 0)
                text.Append(' ');
            text.Append(IsAcronym(word) ? word : word.ToLowerInvariant());
        }

        return text.Length == 0 ? pascal : text.ToString();
    }

    /// <summary>"a work item", "an order", "a user", "an SKU"… by the sound of the first word, as far as spelling tells it.</summary>
    public static string WithArticle(string words)
    {
        if (words.Length == 0)
            return words;
        var lower = words.ToLowerInvariant();
        bool an;
        if (words.Length > 1 && char.IsUpper(words[0]) && char.IsUpper(words[1]))
            an = "AEFHILMNORSX".IndexOf(words[0]) >= 0; // letters said with a leading vowel: "an SKU", "an FAQ"
        else if (lower.StartsWith("uni", StringComparison.Ordinal) || lower.StartsWith("use", StringComparison.Ordinal) || lower.StartsWith("usu", StringComparison.Ordinal)
                 || lower.StartsWith("uti", StringComparison.Ordinal) || lower.StartsWith("eu", StringComparison.Ordinal) || lower.StartsWith("one", StringComparison.Ordinal))
            an = false;
        else
            an = lower.StartsWith("hour", StringComparison.Ordinal) || lower.StartsWith("honest", StringComparison.Ordinal) || "aeiou".IndexOf(lower[0]) >= 0;
        return (an ? "an " : "a ") + words;
    }

    private static string PluralWord(string word)
    {
        if (Irregular.TryGetValue(word, out var irregular))
            return IsAcronym(word) ? irregular.ToUpperInvariant() : char.IsUpper(word[0]) ? irregular : irregular.ToLowerInvariant();
        if (IsAcronym(word))
            return word + "s";
        var lower = word.ToLowerInvariant();
        if (lower.EndsWith("y", StringComparison.Ordinal) && lower.Length > 1 && "aeiou".IndexOf(lower[lower.Length - 2]) < 0)
            return word.Substring(0, word.Length - 1) + "ies";
        if (lower.EndsWith("s", StringComparison.Ordinal) || lower.EndsWith("x", StringComparison.Ordinal) || lower.EndsWith("z", StringComparison.Ordinal)
            || lower.EndsWith("ch", StringComparison.Ordinal) || lower.EndsWith("sh", StringComparison.Ordinal))
            return word + "es";
        return word + "s";
    }

    private static bool IsAcronym(string word) => word.Length > 1 && word.ToUpperInvariant() == word && char.IsLetter(word[0]);

    /// <summary>PascalCase words: a new word at each capital after a lower-case letter or digit, and before the last capital of an acronym.</summary>
    private static List<string> Split(string pascal)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var previous = pascal[i - 1];
            var boundary = c == '_'
                || (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous)))
                || (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < pascal.Length && char.IsLower(pascal[i + 1]));
            if (!boundary)
                continue;
            if (i > start)
                words.Add(pascal.Substring(start, i - start).Trim('_'));
            start = c == '_' ? i + 1 : i;
        }

        if (start < pascal.Length)
            words.Add(pascal.Substring(start).Trim('_'));
        words.RemoveAll(w => w.Length == 0);
        return words;
    }
}
