using AiBackend.Shared.Endpoints;

namespace AiBackend.Tests.Endpoints;

public class RouteTemplateTests
{
    [Theory]
    [InlineData("/", new string[0])]
    [InlineData("", new string[0])]
    [InlineData("todos", new string[0])]
    [InlineData("/api/todos/", new string[0])]
    [InlineData("~/api/{id}", new[] { "id" })]
    [InlineData("/api/{id:int:min(1)}/items/{itemId?}", new[] { "id", "itemId" })]
    [InlineData("/files/{**path}", new[] { "path" })]
    [InlineData("/{name=home}.{ext?}", new[] { "name", "ext" })]
    [InlineData("/{{literal}}/{code:regex(^[a-z]{{2}}$)}", new[] { "code" })]
    [InlineData("/{id:int?}/{x:regex(^a?b$)}x", new[] { "id", "x" })]
    public void Valid_templates_give_their_parameters(string template, string[] parameters)
    {
        var parsed = RouteTemplate.Parse(template);
        Assert.Null(parsed.Error);
        Assert.Equal(parameters, parsed.ParameterNames);
    }

    [Theory]
    [InlineData(null, "the route template is null")]
    [InlineData("/a//b", "the separator '/' cannot appear twice in a row")]
    [InlineData("/a?b", "a route template cannot contain '?' outside a parameter")]
    [InlineData("/{a?}/b?c", "a route template cannot contain '?' outside a parameter")]
    [InlineData("/a/{id", "'{' has no matching '}' (write '{{' for a literal brace)")]
    [InlineData("/a/id}", "'}' has no matching '{' (write '}}' for a literal brace)")]
    [InlineData("/a/{}", "a route parameter needs a name")]
    [InlineData("/a/{:int}", "a route parameter needs a name")]
    [InlineData("/a/{id}/{Id}", "route parameter 'Id' appears more than once")]
    [InlineData("/a/{a}{b}", "two parameters cannot be adjacent in one segment without a literal between them")]
    [InlineData("/{*path}/more", "catch-all parameter 'path' must be the whole last segment")]
    [InlineData("/x{*path}", "catch-all parameter 'path' must be the whole last segment")]
    [InlineData("/{na me}", "route parameter name 'na me' contains ' '")]
    [InlineData("/{a?}b", "optional parameter 'a' must be at the end of its segment")]
    [InlineData("/{name?}.{ext}", "optional parameter 'name' must be at the end of its segment")]
    public void Invalid_templates_say_why(string? template, string error)
    {
        Assert.Equal(error, RouteTemplate.Parse(template).Error);
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("PURGE", true)]
    [InlineData("M-SEARCH", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("GE T", false)]
    [InlineData("GET\n", false)]
    public void Http_method_tokens(string? method, bool valid)
    {
        Assert.Equal(valid, HttpMethodName.IsValid(method));
    }

    [Fact]
    public void Standard_methods_are_normalized_and_mapped_to_their_helper()
    {
        Assert.Equal("GET", HttpMethodName.Normalize("get"));
        Assert.Equal("purge", HttpMethodName.Normalize("purge"));
        Assert.Equal("MapPatch", HttpMethodName.MapHelperName("PATCH"));
        Assert.Null(HttpMethodName.MapHelperName("HEAD"));
    }
}
