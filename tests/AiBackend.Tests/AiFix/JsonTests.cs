extern alias AiFix;

using AiFix::AiBackend.AiFix.Json;
using AiFix::AiBackend.AiFix.Prompt;

namespace AiBackend.Tests.AiFix;

public class JsonTests
{
    [Fact]
    public void Writer_escapes_quotes_backslashes_controls_and_line_separators()
    {
        var json = new JsonWriter().StartObject().Property("s", "a\"b\\c\n\r\t\b\f\u0001\u2028\u2029</script>").EndObject().ToString();

        Assert.Equal("{\"s\":\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u2028\\u2029</script>\"}", json);
        Assert.Equal("a\"b\\c\n\r\t\b\f\u0001\u2028\u2029</script>", System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("s").GetString());
    }

    [Fact]
    public void Writer_keeps_unicode_and_escapes_lone_surrogates()
    {
        var json = new JsonWriter().StartArray().String("héllo wörld 日本 🎉").String("bad\ud800x").EndArray().ToString();

        Assert.Equal("[\"héllo wörld 日本 🎉\",\"bad\\ud800x\"]", json);
    }

    [Fact]
    public void Writer_nests_objects_and_arrays_with_commas_in_the_right_places()
    {
        var json = new JsonWriter().StartObject()
            .Property("a", "1")
            .Name("b").StartArray().StartObject().Name("c").Number(1.5).EndObject().StartArray().EndArray().Null().Boolean(true).EndArray()
            .Name("d").Raw("{\"x\":[]}")
            .EndObject().ToString();

        Assert.Equal("{\"a\":\"1\",\"b\":[{\"c\":1.5},[],null,true],\"d\":{\"x\":[]}}", json);
    }

    [Fact]
    public void Reader_round_trips_what_the_writer_writes()
    {
        var original = "line1\nline2 \"quoted\" \\ tab\t 🎉 \u0000";
        var json = new JsonWriter().StartObject().Property("v", original).EndObject().ToString();

        Assert.Equal(original, JsonReader.Parse(json)["v"]!.AsString());
    }

    [Fact]
    public void Reader_reads_nested_values_numbers_and_unicode_escapes()
    {
        var value = JsonReader.Parse(" {\"a\": [1, -2.5e3, true, false, null, {\"b\": \"\\u00e9\\ud83c\\udf89\\/\"}], \"a2\": {} } ");

        var items = value["a"]!.Items;
        Assert.Equal(new[] { JsonKind.Number, JsonKind.Number, JsonKind.Boolean, JsonKind.Boolean, JsonKind.Null, JsonKind.Object }, items.Select(i => i.Kind));
        Assert.Equal(-2500, items[1].Number);
        Assert.Equal("é🎉/", items[5]["b"]!.AsString());
        Assert.Empty(value["a2"]!.Properties);
    }

    [Theory]
    [InlineData("{\"a\": 1,}", "Expected a property name")]
    [InlineData("{'a': 1}", "Expected a property name")]
    [InlineData("[1 2]", "Expected ']'")]
    [InlineData("\"unterminated", "Unterminated string")]
    [InlineData("\"bad \\x escape\"", "Invalid escape")]
    [InlineData("\"raw\nnewline\"", "Unescaped control character")]
    [InlineData("01", "Unexpected text after the JSON value")]
    [InlineData("{\"a\": 1} trailing", "Unexpected text after the JSON value")]
    [InlineData("nul", "Expected 'null'")]
    [InlineData("", "Unexpected end of JSON")]
    public void Reader_rejects_malformed_json_with_a_position(string text, string message)
    {
        var exception = Assert.Throws<JsonException>(() => JsonReader.Parse(text));
        Assert.Contains(message, exception.Message);
        Assert.Contains("at offset", exception.Message);
    }

    [Fact]
    public void Reader_refuses_absurd_nesting_instead_of_overflowing_the_stack()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        Assert.Contains("Nesting deeper than", Assert.Throws<JsonException>(() => JsonReader.Parse(deep)).Message);
    }

    [Fact]
    public void Objects_are_found_in_fences_and_prose()
    {
        Assert.Equal("x", JsonInText.FindObject("{\"member\":\"x\"}", "member")!["member"]!.AsString());
        Assert.Equal("y", JsonInText.FindObject("Here:\n```json\n{\"member\":\"y\"}\n```", "member")!["member"]!.AsString());
        Assert.Equal("z { }", JsonInText.FindObject("I think {braces} matter; answer: {\"member\": \"z { }\"} done", "member")!["member"]!.AsString());
        Assert.Null(JsonInText.FindObject("{\"other\": 1}", "member"));
        Assert.Null(JsonInText.FindObject("no json here", "member"));
    }

    [Fact]
    public void Proposals_accept_using_spellings_and_refuse_non_code()
    {
        var proposal = FixProposal.Parse("{\"member\": \"void M() { }\", \"usings\": [\"using System.Data;\", \"System.Linq\", \"\"]}", out _)!;
        Assert.Equal(new[] { "System.Data", "System.Linq" }, proposal.Usings);

        Assert.Null(FixProposal.Parse("{\"member\": 42}", out var problem));
        Assert.Equal("the answer's 'member' is not a string of code", problem);
        Assert.Null(FixProposal.Parse("```csharp\nvoid A() {}\n```\n```csharp\nvoid B() {}\n```", out problem));
        Assert.Equal("the answer is neither JSON with a 'member' nor a single C# code block", problem);
    }
}
