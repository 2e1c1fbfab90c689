using System.Text;

namespace AiBackend.Generators.Common;

/// <summary>Writes indented C# with '\n' line endings, whatever the host OS, so output is byte-for-byte stable.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    public SourceWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Closes a block with <paramref name="closing"/> (<c>});</c> for a lambda argument).</summary>
    public SourceWriter Close(string closing = "}")
    {
        _indent--;
        return Line(closing);
    }

    public override string ToString() => _text.ToString();
}
