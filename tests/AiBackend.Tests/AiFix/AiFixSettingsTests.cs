extern alias AiFix;

using AiFix::AiBackend.AiFix.Configuration;

namespace AiBackend.Tests.AiFix;

public class AiFixSettingsTests
{
    private static AiFixSettings? Load(Dictionary<string, string> variables, out string? problem) =>
        AiFixSettingsLoader.Load(name => variables.TryGetValue(name, out var value) ? value : null, out problem);

    [Fact]
    public void Nothing_set_means_not_configured()
    {
        Assert.Null(Load(new(), out var problem));
        Assert.Contains("not configured", problem);
    }

    [Fact]
    public void OpenAI_gets_bearer_auth_and_the_defaults()
    {
        var settings = Load(new() { ["AIBACKEND_AI_ENDPOINT"] = "https://api.openai.com/v1", ["AIBACKEND_AI_MODEL"] = "gpt-4o-mini", ["AIBACKEND_AI_KEY"] = "sk-x" }, out _)!;

        Assert.Equal(AiAuthHeader.Bearer, settings.AuthHeader);
        Assert.Equal("https://api.openai.com/v1/chat/completions", settings.ChatCompletionsUri.AbsoluteUri);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Timeout);
        Assert.True(settings.StructuredOutput);
        Assert.Equal(0, settings.FixAllMaxRequests);
    }

    [Fact]
    public void Azure_OpenAI_gets_the_api_key_header_unless_told_otherwise()
    {
        var azure = new Dictionary<string, string> { ["AIBACKEND_AI_ENDPOINT"] = "https://contoso.openai.azure.com/openai/v1/", ["AIBACKEND_AI_MODEL"] = "my-deployment" };
        Assert.Equal(AiAuthHeader.ApiKey, Load(azure, out _)!.AuthHeader);
        Assert.Equal("https://contoso.openai.azure.com/openai/v1/chat/completions", Load(azure, out _)!.ChatCompletionsUri.AbsoluteUri);

        azure["AIBACKEND_AI_AUTH"] = "bearer";
        Assert.Equal(AiAuthHeader.Bearer, Load(azure, out _)!.AuthHeader);
    }

    [Theory]
    [InlineData("http://localhost:11434/v1")]
    [InlineData("http://127.0.0.1:1234/v1")]
    [InlineData("http://[::1]:8080/v1")]
    public void Plain_http_is_allowed_to_this_machine(string endpoint) =>
        Assert.NotNull(Load(new() { ["AIBACKEND_AI_ENDPOINT"] = endpoint, ["AIBACKEND_AI_MODEL"] = "llama3.1" }, out _));

    [Theory]
    [InlineData("http://gpu-box.local:11434/v1", "plain http is only allowed to this machine")]
    [InlineData("http://10.0.0.5/v1", "plain http is only allowed to this machine")]
    [InlineData("ftp://example.com/v1", "is not http or https")]
    [InlineData("not a url", "is not a URL")]
    public void Anything_else_is_refused_with_the_reason(string endpoint, string reason)
    {
        Assert.Null(Load(new() { ["AIBACKEND_AI_ENDPOINT"] = endpoint, ["AIBACKEND_AI_MODEL"] = "m" }, out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void Half_a_configuration_or_bad_numbers_are_refused()
    {
        Assert.Contains("AIBACKEND_AI_MODEL is unset", Problem(new() { ["AIBACKEND_AI_ENDPOINT"] = "https://x.example/v1" }));
        Assert.Contains("AIBACKEND_AI_TIMEOUT_SECONDS", Problem(new() { ["AIBACKEND_AI_ENDPOINT"] = "https://x.example/v1", ["AIBACKEND_AI_MODEL"] = "m", ["AIBACKEND_AI_TIMEOUT_SECONDS"] = "soon" }));
        Assert.Contains("AIBACKEND_AI_AUTH", Problem(new() { ["AIBACKEND_AI_ENDPOINT"] = "https://x.example/v1", ["AIBACKEND_AI_MODEL"] = "m", ["AIBACKEND_AI_AUTH"] = "basic" }));
    }

    [Fact]
    public void The_user_settings_file_supplies_values_and_variables_win()
    {
        var file = AiFixSettingsLoader.FromJson("""{"endpoint": "https://api.openai.com/v1", "model": "gpt-4o", "timeoutSeconds": 30, "structuredOutput": false, "fixAllMaxRequests": 5}""");
        var settings = AiFixSettingsLoader.Load(name => name == "AIBACKEND_AI_MODEL" ? "gpt-4o-mini" : file(name), out _)!;

        Assert.Equal("gpt-4o-mini", settings.Model);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
        Assert.False(settings.StructuredOutput);
        Assert.Equal(5, settings.FixAllMaxRequests);
    }

    [Fact]
    public void A_missing_or_broken_settings_file_is_no_configuration()
    {
        Assert.Null(AiFixSettingsLoader.ReadSettingsFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json"))("AIBACKEND_AI_MODEL"));
        Assert.Null(AiFixSettingsLoader.FromJson("{ not json")("AIBACKEND_AI_MODEL"));
    }

    private static string? Problem(Dictionary<string, string> variables)
    {
        Load(variables, out var problem);
        return problem;
    }
}
