using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AiBackend.AiFix.Json;

/// <summary>
/// A strict RFC 8259 reader (no comments, no trailing commas, no single quotes) with a nesting limit, so a hostile or
/// broken answer cannot overflow the stack. Leniency about what surrounds the JSON lives in <see cref="JsonInText"/>.
/// </summary>
internal sealed class JsonReader
{
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _position;

    private JsonReader(string text, int start)
    {
        _text = text;
        _position = start;
    }

    /// <summary>Parses a whole document: only whitespace may follow the value.</summary>
    public static JsonValue Parse(string text)
    {
        var reader = new JsonReader(text, 0);
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position != text.Length)
            throw new JsonException("Unexpected text after the JSON value", reader._position);
        return value;
    }

    public static bool TryParse(string text, out JsonValue value, out string? error)
    {
        try
        {
            value = Parse(text);
            error = null;
            return true;
        }
        catch (JsonException exception)
        {
            value = JsonValue.Null;
            error = exception.Message;
            return false;
        }
    }

    /// <summary>Parses one value starting at <paramref name="start"/> and returns where it ends (text may follow).</summary>
    public static bool TryParsePrefix(string text, int start, out JsonValue value, out int end)
    {
        var reader = new JsonReader(text, start);
        try
        {
            value = reader.ReadValue(0);
            end = reader._position;
            return true;
        }
        catch (JsonException)
        {
            value = JsonValue.Null;
            end = start;
            return false;
        }
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
            throw new JsonException($"Nesting deeper than {MaxDepth}", _position);

        SkipWhitespace();
        if (_position >= _text.Length)
            throw new JsonException("Unexpected end of JSON", _position);

        switch (_text[_position])
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                return JsonValue.FromString(ReadString());
            case 't':
                ExpectWord("true");
                return JsonValue.FromBoolean(true);
            case 'f':
                ExpectWord("false");
                return JsonValue.FromBoolean(false);
            case 'n':
                ExpectWord("null");
                return JsonValue.Null;
            default:
                return ReadNumber();
        }
    }

    private JsonValue ReadObject(int depth)
    {
        _position++; // {
        var properties = new List<KeyValuePair<string, JsonValue>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return JsonValue.FromProperties(properties);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
                throw new JsonException("Expected a property name", _position);
            var name = ReadString();
            SkipWhitespace();
            Expect(':');
            properties.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(depth + 1)));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            Expect('}');
            return JsonValue.FromProperties(properties);
        }
    }

    private JsonValue ReadArray(int depth)
    {
        _position++; // [
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return JsonValue.FromItems(items);
        }

        while (true)
        {
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            Expect(']');
            return JsonValue.FromItems(items);
        }
    }

    private string ReadString()
    {
        _position++; // opening quote
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
                throw new JsonException("Unterminated string", _position);

            var c = _text[_position++];
            if (c == '"')
                return builder.ToString();
            if (c < 0x20)
                throw new JsonException("Unescaped control character in a string", _position - 1);
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
                throw new JsonException("Unterminated escape", _position);
            var escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u': builder.Append(ReadHexCodeUnit()); break;
                default: throw new JsonException($"Invalid escape '\\{escape}'", _position - 1);
            }
        }
    }

    // \uXXXX is one UTF-16 code unit; surrogate pairs arrive as two escapes and are appended one after the other.
    private char ReadHexCodeUnit()
    {
        if (_position + 4 > _text.Length)
            throw new JsonException("Truncated \\u escape", _position);
        var hex = _text.Substring(_position, 4);
        if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            throw new JsonException($"Invalid \\u escape '{hex}'", _position);
        _position += 4;
        return (char)code;
    }

    private JsonValue ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
            _position++;
        if (Peek() == '0')
            _position++;
        else if (IsDigit(Peek()))
            SkipDigits();
        else
            throw new JsonException("Unexpected character", _position);

        if (Peek() == '.')
        {
            _position++;
            if (!IsDigit(Peek()))
                throw new JsonException("Expected a digit after the decimal point", _position);
            SkipDigits();
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
                _position++;
            if (!IsDigit(Peek()))
                throw new JsonException("Expected a digit in the exponent", _position);
            SkipDigits();
        }

        var source = _text.Substring(start, _position - start);
        return JsonValue.FromNumber(source, double.Parse(source, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private void SkipDigits()
    {
        while (IsDigit(Peek()))
            _position++;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private void ExpectWord(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
            throw new JsonException($"Expected '{word}'", _position);
        _position += word.Length;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
            throw new JsonException($"Expected '{c}'", _position);
        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
            _position++;
    }
}
