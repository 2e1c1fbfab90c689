using Microsoft.CodeAnalysis;

namespace AiBackend.Testing;

/// <summary>Formats diagnostics for failure messages: ID, 1-based position, the text they cover, and the message.</summary>
public static class DiagnosticText
{
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var text = diagnostic.Location.SourceTree?.GetText().ToString(diagnostic.Location.SourceSpan) ?? "";
        return $"{diagnostic.Id} {Position(span)} `{text}`: {diagnostic.GetMessage()}";
    }

    public static string List(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => "  " + Describe(d)));

    public static string Position(FileLinePositionSpan span) =>
        $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";
}
