extern alias AiFix;

using AiFix::AiBackend.AiFix.Prompt;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Tests.AiFix;

public class SecretRedactorTests
{
    private static (string Redacted, SecretRedactor Redactor) Redact(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code).GetRoot();
        var redactor = new SecretRedactor();
        var text = code;
        foreach (var (span, placeholder) in redactor.Plan(root).OrderByDescending(p => p.Span.Start))
            text = text.Remove(span.Start, span.Length).Insert(span.Start, placeholder);
        return (text, redactor);
    }

    [Theory]
    [InlineData("var key = \"sk-proj-Abc123Def456Ghi789\";")]
    [InlineData("var t = \"ghp_16C7e42F292c6912E7710c838347Ae178B4a\";")]
    [InlineData("var aws = \"AKIAIOSFODNN7EXAMPLQ\";")]
    [InlineData("var jwt = \"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl\";")]
    [InlineData("var cs = \"Server=db;User Id=app;Password=Hunter2!;\";")]
    [InlineData("options.ClientSecret = \"Qm9vbGVhbjEyMzQ\";")]
    [InlineData("var password = \"Tr0ub4dor&3\";")]
    [InlineData("var signing = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"a-very-long-signing-value-2024\"));")]
    [InlineData("var random = \"Zx8Kq2Lm9Vb4Nc7Wd1Fg6Hj3Pt5Rs0Yu\";")]
    [InlineData("var s = $\"Bearer {user} sk-proj-Abc123Def456Ghi789\";")]
    public void Secret_looking_literals_are_replaced(string statement)
    {
        var (redacted, redactor) = Redact("class C { void M() { " + statement + " } }");

        Assert.Equal(1, redactor.Count);
        Assert.Contains("AIB_REDACTED_1", redacted);
    }

    [Theory]
    [InlineData("var sql = \"SELECT * FROM Users WHERE Name = @name\";")]
    [InlineData("var url = \"https://example.com/api/v1/users/profile\";")]
    [InlineData("var password = \"changeme\";")]
    [InlineData("var key = config[\"Jwt:Key\"];")]
    [InlineData("var message = \"The password must have 12 characters\";")]
    [InlineData("var path = \"/var/lib/app/data/uploads/2024\";")]
    public void Ordinary_strings_are_sent_as_they_are(string statement)
    {
        var (redacted, redactor) = Redact("class C { void M() { " + statement + " } }");

        Assert.Equal(0, redactor.Count);
        Assert.Contains(statement, redacted);
    }

    [Fact]
    public void Restore_puts_every_original_back_even_past_ten_placeholders()
    {
        var statements = string.Concat(Enumerable.Range(1, 12).Select(i => $"var password{i} = \"Secret-Value-{i:00}x\"; "));
        var (redacted, redactor) = Redact("class C { void M() { " + statements + " } }");

        Assert.Equal(12, redactor.Count);
        Assert.DoesNotContain("Secret-Value", redacted);
        Assert.Equal("class C { void M() { " + statements + " } }", redactor.Restore(redacted));
    }

    [Fact]
    public void Messages_lose_quoted_keys_but_keep_names()
    {
        Assert.Equal("Secret '[redacted]' is hard-coded in 'SigningKey'",
            SecretRedactor.RedactMessage("Secret 'sk-proj-Abc123Def456Ghi789' is hard-coded in 'SigningKey'"));
    }
}
