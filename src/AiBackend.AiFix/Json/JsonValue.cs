using System;
using System.Collections.Generic;

namespace AiBackend.AiFix.Json;

internal enum JsonKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

/// <summary>A parsed JSON value: just enough of a document model to read chat-completions answers and settings.</summary>
internal sealed class JsonValue
{
    private static readonly IReadOnlyList<JsonValue> NoItems = Array.Empty<JsonValue>();
    private static readonly IReadOnlyList<KeyValuePair<string, JsonValue>> NoProperties = Array.Empty<KeyValuePair<string, JsonValue>>();

    private JsonValue(JsonKind kind, string? text = null, bool boolean = false, double number = 0,
        IReadOnlyList<JsonValue>? items = null, IReadOnlyList<KeyValuePair<string, JsonValue>>? properties = null)
    {
        Kind = kind;
        Text = text;
        Boolean = boolean;
        Number = number;
        Items = items ?? NoItems;
        Properties = properties ?? NoProperties;
    }

    public static JsonValue Null { get; } = new(JsonKind.Null);

    public JsonKind Kind { get; }

    /// <summary>The string's value, or a number's source text.</summary>
    public string? Text { get; }

    public bool Boolean { get; }

    public double Number { get; }

    public IReadOnlyList<JsonValue> Items { get; }

    /// <summary>Members in document order; a repeated name keeps every occurrence, lookups take the last (as most parsers do).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Properties { get; }

    /// <summary>The named member of an object, or null (also for non-objects).</summary>
    public JsonValue? this[string name]
    {
        get
        {
            for (var i = Properties.Count - 1; i >= 0; i--)
            {
                if (Properties[i].Key == name)
                    return Properties[i].Value;
            }

            return null;
        }
    }

    /// <summary>The string value, or null when this is not a string.</summary>
    public string? AsString() => Kind == JsonKind.String ? Text : null;

    public static JsonValue FromString(string value) => new(JsonKind.String, text: value);

    public static JsonValue FromBoolean(bool value) => new(JsonKind.Boolean, boolean: value);

    public static JsonValue FromNumber(string source, double value) => new(JsonKind.Number, text: source, number: value);

    public static JsonValue FromItems(IReadOnlyList<JsonValue> items) => new(JsonKind.Array, items: items);

    public static JsonValue FromProperties(IReadOnlyList<KeyValuePair<string, JsonValue>> properties) => new(JsonKind.Object, properties: properties);
}
