namespace AiBackend.Testing;

/// <summary>Thrown when a verification fails; the message says what differed.</summary>
public sealed class VerificationException(string message) : Exception(message);
