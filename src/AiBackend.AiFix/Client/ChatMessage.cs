namespace AiBackend.AiFix.Client;

/// <summary>One chat-completions message: role <c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
internal sealed class ChatMessage
{
    public ChatMessage(string role, string content)
    {
        Role = role;
        Content = content;
    }

    public string Role { get; }

    public string Content { get; }

    public static ChatMessage System(string content) => new("system", content);

    public static ChatMessage User(string content) => new("user", content);

    public static ChatMessage Assistant(string content) => new("assistant", content);
}
