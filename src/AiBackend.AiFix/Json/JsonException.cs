using System;

namespace AiBackend.AiFix.Json;

/// <summary>Malformed JSON, with the character offset where reading stopped.</summary>
internal sealed class JsonException : Exception
{
    public JsonException(string message, int position)
        : base($"{message} at offset {position}")
    {
        Position = position;
    }

    public int Position { get; }
}
