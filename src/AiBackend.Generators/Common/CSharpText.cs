using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Generators.Common;

/// <summary>Values written into generated C#: string literals, booleans, and text inside XML doc comments.</summary>
internal static class CSharpText
{
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Xml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
