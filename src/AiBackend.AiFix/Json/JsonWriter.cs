using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AiBackend.AiFix.Json;

/// <summary>
/// Writes compact JSON. Strings are escaped per RFC 8259, plus U+2028/U+2029 and lone surrogates (as <c>\uXXXX</c>) so
/// the output survives UTF-8 encoding and any JavaScript-based server unchanged.
/// </summary>
internal sealed class JsonWriter
{
    private readonly StringBuilder _builder = new();
    // One entry per open container: whether it already has a member/item (a comma goes before the next).
    private readonly Stack<bool> _hasContent = new();
    private bool _afterPropertyName;

    public JsonWriter StartObject() => Open('{');

    public JsonWriter EndObject() => Close('}');

    public JsonWriter StartArray() => Open('[');

    public JsonWriter EndArray() => Close(']');

    public JsonWriter Name(string name)
    {
        BeforeValue();
        AppendString(name);
        _builder.Append(':');
        _afterPropertyName = true;
        return this;
    }

    public JsonWriter String(string? value)
    {
        if (value is null)
            return Null();
        BeforeValue();
        AppendString(value);
        return this;
    }

    public JsonWriter Number(double value)
    {
        BeforeValue();
        _builder.Append(value.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    public JsonWriter Boolean(bool value)
    {
        BeforeValue();
        _builder.Append(value ? "true" : "false");
        return this;
    }

    public JsonWriter Null()
    {
        BeforeValue();
        _builder.Append("null");
        return this;
    }

    public JsonWriter Property(string name, string? value) => Name(name).String(value);

    /// <summary>Writes an already serialized value (a constant schema) as is.</summary>
    public JsonWriter Raw(string json)
    {
        BeforeValue();
        _builder.Append(json);
        return this;
    }

    public override string ToString() => _builder.ToString();

    private JsonWriter Open(char bracket)
    {
        BeforeValue();
        _builder.Append(bracket);
        _hasContent.Push(false);
        return this;
    }

    private JsonWriter Close(char bracket)
    {
        _hasContent.Pop();
        _builder.Append(bracket);
        return this;
    }

    private void BeforeValue()
    {
        if (_afterPropertyName)
        {
            _afterPropertyName = false;
            return;
        }

        if (_hasContent.Count == 0)
            return;
        if (_hasContent.Peek())
            _builder.Append(',');
        _hasContent.Pop();
        _hasContent.Push(true);
    }

    private void AppendString(string value)
    {
        _builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': _builder.Append("\\\""); break;
                case '\\': _builder.Append("\\\\"); break;
                case '\n': _builder.Append("\\n"); break;
                case '\r': _builder.Append("\\r"); break;
                case '\t': _builder.Append("\\t"); break;
                case '\b': _builder.Append("\\b"); break;
                case '\f': _builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || IsLoneSurrogate(value, i))
                        _builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        _builder.Append(c);
                    break;
            }
        }

        _builder.Append('"');
    }

    private static bool IsLoneSurrogate(string value, int i)
    {
        var c = value[i];
        if (char.IsHighSurrogate(c))
            return i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]);
        if (char.IsLowSurrogate(c))
            return i == 0 || !char.IsHighSurrogate(value[i - 1]);
        return false;
    }
}
