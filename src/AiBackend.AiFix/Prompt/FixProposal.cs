using System;
using System.Collections.Generic;
using System.Linq;
using AiBackend.AiFix.Json;

namespace AiBackend.AiFix.Prompt;

/// <summary>What the model proposes: the replacement member and any namespaces it needs imported.</summary>
internal sealed class FixProposal
{
    private FixProposal(string member, IReadOnlyList<string> usings)
    {
        Member = member;
        Usings = usings;
    }

    public string Member { get; }

    public IReadOnlyList<string> Usings { get; }

    /// <summary>
    /// Reads the answer tolerantly: JSON (whole, fenced or inside prose) with a <c>member</c> string, or, from servers
    /// without structured output, a lone C# code block. Null with the reason when neither is there.
    /// </summary>
    public static FixProposal? Parse(string answer, out string? problem)
    {
        problem = null;
        if (JsonInText.FindObject(answer, "member") is { } json)
        {
            if (json["member"]?.AsString() is not { } member || string.IsNullOrWhiteSpace(member))
            {
                problem = "the answer's 'member' is not a string of code";
                return null;
            }

            var usings = json["usings"] is { Kind: JsonKind.Array } list
                ? list.Items.Select(i => i.AsString()).Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => Normalize(u!)).ToList()
                : new List<string>();
            return new FixProposal(member, usings);
        }

        var code = JsonInText.FencedBlocksWithInfo(answer)
            .Where(b => b.Info.Length == 0 || b.Info.Equals("csharp", StringComparison.OrdinalIgnoreCase) || b.Info.Equals("cs", StringComparison.OrdinalIgnoreCase) || b.Info.Equals("c#", StringComparison.OrdinalIgnoreCase))
            .Select(b => b.Body)
            .ToList();
        if (code.Count == 1)
            return new FixProposal(code[0], Array.Empty<string>());

        problem = "the answer is neither JSON with a 'member' nor a single C# code block";
        return null;
    }

    // "using System.Data;" and "System.Data" both mean the namespace System.Data.
    private static string Normalize(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith("using ", StringComparison.Ordinal))
            trimmed = trimmed.Substring(6);
        return trimmed.TrimEnd(';').Trim();
    }
}
