using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Tests.Injection;

/// <summary>The caller index's text search reads files through a buffer: a word across two chunks must still be found once.</summary>
public class TextSearchTests
{
    [Theory]
    [InlineData("GetAll", 6)]
    [InlineData("GetAll", 7)]
    [InlineData("GetAll", 11)]
    [InlineData("a", 1)]
    [InlineData("aa", 3)]
    public void Finds_every_start_a_string_search_finds_whatever_the_chunk_length(string word, int chunkLength)
    {
        var content = "x.GetAll(); GetAllItems(); // GetAll\nGetAll aaa a GetAl lGetAll";
        var expected = new List<int>();
        for (var at = content.IndexOf(word, StringComparison.Ordinal); at >= 0; at = content.IndexOf(word, at + 1, StringComparison.Ordinal))
            expected.Add(at);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, TextSearch.IndexesOf(SourceText.From(content), word, chunkLength));
    }

    [Fact]
    public void Finds_nothing_in_empty_text_or_for_a_missing_word()
    {
        Assert.Empty(TextSearch.IndexesOf(SourceText.From(""), "GetAll", 8));
        Assert.Empty(TextSearch.IndexesOf(SourceText.From("GetAl"), "GetAll", 8));
        Assert.False(TextSearch.Contains(SourceText.From("no escapes here"), "\\u"));
        Assert.True(TextSearch.Contains(SourceText.From("Store.\\u0047etAll()"), "\\u"));
    }
}
