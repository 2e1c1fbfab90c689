namespace AiBackend.AiFix.Client;

/// <summary>The model's answer text, or why there is none (said so the user can act on it).</summary>
internal sealed class ChatResult
{
    private ChatResult(string? content, string? failure)
    {
        Content = content;
        Failure = failure;
    }

    public string? Content { get; }

    public string? Failure { get; }

    public bool Succeeded => Content is not null;

    public static ChatResult Answer(string content) => new(content, null);

    public static ChatResult Failed(string reason) => new(null, reason);
}
