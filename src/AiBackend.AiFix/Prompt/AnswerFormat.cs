using System.Collections.Generic;
using System.Linq;
using System.Text;
using AiBackend.AiFix.Client;

namespace AiBackend.AiFix.Prompt;

/// <summary>What every request asks back (one member as JSON), and the retry message that says what was wrong.</summary>
internal static class AnswerFormat
{
    /// <summary>The structured answer: the member, namespaces to import, and a one-line explanation.</summary>
    public const string Schema =
        "{\"type\":\"object\",\"properties\":{" +
        "\"member\":{\"type\":\"string\",\"description\":\"The complete replacement for the member, as C# code.\"}," +
        "\"usings\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"Namespaces the new code needs that the file does not import yet.\"}," +
        "\"explanation\":{\"type\":\"string\"}}," +
        "\"required\":[\"member\",\"usings\",\"explanation\"],\"additionalProperties\":false}";

    /// <summary>The rule about placeholders the redactor put in place of secret-looking literals.</summary>
    public const string RedactedLiterals = "String literals written as \"AIB_REDACTED_<n>\" stand for values withheld from you: keep each exactly where it is.";

    public const string Instruction = "Answer with JSON only: {\"member\": \"<C# code>\", \"usings\": [\"Namespace\"], \"explanation\": \"<one sentence>\"}.";

    /// <summary>The message that asks once more, with what was wrong with the previous answer.</summary>
    public static ChatMessage Feedback(string reason, IReadOnlyList<string> details)
    {
        var text = new StringBuilder("That answer was rejected: ").Append(reason).AppendLine(".");
        foreach (var detail in details.Take(10))
            text.Append("- ").AppendLine(detail);
        text.Append("Answer again with the corrected member, in the same JSON shape.");
        return ChatMessage.User(text.ToString());
    }
}
