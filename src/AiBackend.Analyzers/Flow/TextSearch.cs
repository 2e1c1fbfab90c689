using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Where a word occurs in a file's text, read through a small buffer: the caller index searches every file for each
/// name it looks up, and copying each file into a string per search (or keeping the copies) would cost as much memory
/// as the project's source.
/// </summary>
internal static class TextSearch
{
    private const int ChunkLength = 16 * 1024;

    [ThreadStatic]
    private static char[]? _buffer;

    /// <summary>The positions where <paramref name="word"/> starts in <paramref name="text"/>, in order (ordinal).</summary>
    public static List<int> IndexesOf(SourceText text, string word) => IndexesOf(text, word, ChunkLength);

    /// <summary>The same, through chunks of the given length (at least the word's): small ones in tests.</summary>
    internal static List<int> IndexesOf(SourceText text, string word, int chunkLength)
    {
        var found = new List<int>();
        if (word.Length == 0 || word.Length > chunkLength)
            return found;
        var buffer = chunkLength == ChunkLength ? _buffer ??= new char[ChunkLength] : new char[chunkLength];

        // Consecutive chunks overlap by one character less than the word, so a word across a boundary is whole in
        // the second; a start is taken from a chunk only before the overlap, except in the last chunk.
        var step = chunkLength - (word.Length - 1);
        for (var start = 0; start < text.Length; start += step)
        {
            var count = Math.Min(chunkLength, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            var last = start + count >= text.Length;
            var limit = last ? count - word.Length : Math.Min(step - 1, count - word.Length);
            for (var at = Array.IndexOf(buffer, word[0], 0, Math.Max(0, limit + 1)); at >= 0; at = at < limit ? Array.IndexOf(buffer, word[0], at + 1, limit - at) : -1)
            {
                if (Matches(buffer, at, word))
                    found.Add(start + at);
            }

            if (last)
                break;
        }

        return found;
    }

    /// <summary>Whether the text holds the word anywhere.</summary>
    public static bool Contains(SourceText text, string word) => IndexesOf(text, word).Count > 0;

    private static bool Matches(char[] buffer, int at, string word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if (buffer[at + i] != word[i])
                return false;
        }

        return true;
    }
}
