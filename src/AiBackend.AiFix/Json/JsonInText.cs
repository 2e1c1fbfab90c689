using System;
using System.Collections.Generic;

namespace AiBackend.AiFix.Json;

/// <summary>
/// Finds the JSON object in a model's answer when the server could not enforce a schema: the whole answer, a fenced
/// block (<c>```json … ```</c>), or the first parsable object inside prose.
/// </summary>
internal static class JsonInText
{
    /// <summary>The first JSON object in <paramref name="answer"/> that has <paramref name="requiredProperty"/>.</summary>
    public static JsonValue? FindObject(string answer, string requiredProperty)
    {
        if (JsonReader.TryParse(answer.Trim(), out var whole, out _) && Has(whole, requiredProperty))
            return whole;

        foreach (var fenced in FencedBlocks(answer))
        {
            if (JsonReader.TryParse(fenced.Trim(), out var block, out _) && Has(block, requiredProperty))
                return block;
        }

        for (var start = answer.IndexOf('{'); start >= 0; start = answer.IndexOf('{', start + 1))
        {
            if (JsonReader.TryParsePrefix(answer, start, out var embedded, out _) && Has(embedded, requiredProperty))
                return embedded;
        }

        return null;
    }

    /// <summary>The contents of each <c>```</c> fenced block, without the info string (<c>json</c>, <c>csharp</c>).</summary>
    public static IEnumerable<(string Info, string Body)> FencedBlocksWithInfo(string answer)
    {
        var position = 0;
        while (true)
        {
            var open = answer.IndexOf("```", position, StringComparison.Ordinal);
            if (open < 0)
                yield break;
            var lineEnd = answer.IndexOf('\n', open);
            if (lineEnd < 0)
                yield break;
            var close = answer.IndexOf("```", lineEnd, StringComparison.Ordinal);
            if (close < 0)
                yield break;
            yield return (answer.Substring(open + 3, lineEnd - open - 3).Trim(), answer.Substring(lineEnd + 1, close - lineEnd - 1));
            position = close + 3;
        }
    }

    private static IEnumerable<string> FencedBlocks(string answer)
    {
        foreach (var (_, body) in FencedBlocksWithInfo(answer))
            yield return body;
    }

    private static bool Has(JsonValue value, string property) => value.Kind == JsonKind.Object && value[property] is not null;
}
