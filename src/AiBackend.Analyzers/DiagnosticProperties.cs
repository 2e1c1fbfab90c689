namespace AiBackend.Analyzers;

/// <summary>
/// Keys and values analyzers put in <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> to tell a code fix
/// what is safe to do. Linked into the code-fix assembly.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>Which mechanical fix applies; absent when none is safe.</summary>
    public const string Fix = "Fix";

    /// <summary>A literal <c>false</c> that can be replaced by <c>true</c>.</summary>
    public const string TurnOn = "TurnOn";

    /// <summary>A <c>TypeNameHandling</c> value that can be replaced by <c>TypeNameHandling.None</c>.</summary>
    public const string TypeNameHandlingNone = "TypeNameHandlingNone";
}
