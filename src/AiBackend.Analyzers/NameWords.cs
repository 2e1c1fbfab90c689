using System.Collections.Generic;
using System.Text;

namespace AiBackend.Analyzers;

/// <summary>
/// Names and routes read as words ("BusinessName" is business + name, "/signing-keys/{id}" is signing + keys), so that
/// a word list matches what a name says rather than letters that happen to line up ("ssn" in "BusinessName", "signin"
/// in "signing", "ping" in "shipping").
/// </summary>
internal static class NameWords
{
    /// <summary>The longest run of words a phrase may span ("access" + "token", "sign" + "in", "api" + "key").</summary>
    private const int MaxPhraseWords = 4;

    /// <summary>
    /// The lower-case words of an identifier, route or configuration key: split at anything that is not a letter or a
    /// digit, at lower-to-upper case changes ("apiKey"), before the last capital of an acronym ("APIKey" is api + key)
    /// and between letters and digits.
    /// </summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, current);
                continue;
            }

            if (current.Length > 0)
            {
                var previous = text[i - 1];
                var boundary = char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous))
                               || char.IsUpper(c) && char.IsUpper(previous) && i + 1 < text.Length && char.IsLower(text[i + 1])
                               || char.IsDigit(c) != char.IsDigit(previous);
                if (boundary)
                    Flush(words, current);
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(words, current);
        return words;
    }

    /// <summary>
    /// Where a phrase (given lower-case, separators ignored: "sign-in", "accesstoken") is spelled by consecutive words:
    /// the first and last word index, or (-1, -1).
    /// </summary>
    public static (int First, int Last) Find(IReadOnlyList<string> words, string phrase)
    {
        var key = Normalise(phrase);
        for (var first = 0; first < words.Count; first++)
        {
            var length = 0;
            for (var last = first; last < words.Count && last < first + MaxPhraseWords; last++)
            {
                var word = words[last];
                if (length + word.Length > key.Length || string.CompareOrdinal(key, length, word, 0, word.Length) != 0)
                    break;
                length += word.Length;
                if (length == key.Length)
                    return (first, last);
            }
        }

        return (-1, -1);
    }

    /// <summary>Whether consecutive words spell the phrase.</summary>
    public static bool Contains(IReadOnlyList<string> words, string phrase) => Find(words, phrase).First >= 0;

    private static string Normalise(string phrase)
    {
        var key = new StringBuilder(phrase.Length);
        foreach (var c in phrase)
        {
            if (char.IsLetterOrDigit(c))
                key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString();
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length == 0)
            return;
        words.Add(current.ToString());
        current.Clear();
    }
}
