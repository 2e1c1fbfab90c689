using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>AIB1005: request data is written into HTML without encoding.</summary>
internal static class CrossSiteScripting
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.CrossSiteScripting,
        "Cross-site scripting",
        "Request data written as raw HTML runs as script in other users' browsers. Encode it (HtmlEncoder.Default.Encode), let Razor encode it, or return JSON or text/plain.");

    private static readonly string[] Content = { "content" };

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.Html,
        "raw HTML output",
        new[]
        {
            new MemberRule("Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper", "Raw", derived: true),
            new MemberRule("Microsoft.AspNetCore.Html.HtmlString", MemberRule.Constructor),
            new MemberRule("Microsoft.AspNetCore.Http.Results", "Content", parameters: Content, condition: HasHtmlContentType),
            new MemberRule("Microsoft.AspNetCore.Http.Results", "Text", parameters: Content, condition: HasHtmlContentType),
            new MemberRule("Microsoft.AspNetCore.Http.TypedResults", "Content", parameters: Content, condition: HasHtmlContentType),
            new MemberRule("Microsoft.AspNetCore.Http.TypedResults", "Text", parameters: Content, condition: HasHtmlContentType),
            new MemberRule("Microsoft.AspNetCore.Mvc.ControllerBase", "Content", derived: true, Content, HasHtmlContentType),
            new MemberRule("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions", "WriteAsync", parameters: new[] { "text" }, condition: ResponseMayBeHtml),
            // Classic ASP.NET: the response is text/html unless the page says otherwise.
            new MemberRule("System.Web.HttpResponse", "Write"),
            new MemberRule("System.Web.HttpResponseBase", "Write", derived: true),
            // Classic ASP.NET on IIS writes the status description into the HTML error page it sends (CWE-81).
            // ASP.NET Core has no such page: its reason phrase is never markup.
            new MemberRule("System.Web.HttpResponse", "StatusDescription"),
            new MemberRule("System.Web.HttpResponseBase", "StatusDescription", derived: true),
        },
        sanitizers: new[]
        {
            new MemberRule("System.Text.Encodings.Web.TextEncoder", "Encode", derived: true),
            new MemberRule("System.Net.WebUtility", "HtmlEncode"),
            new MemberRule("System.Web.HttpUtility", "HtmlEncode"),
            new MemberRule("System.Web.HttpUtility", "HtmlAttributeEncode"),
            new MemberRule("System.Uri", "EscapeDataString"),
        });

    /// <summary>A content-type argument that is a constant naming HTML.</summary>
    private static bool HasHtmlContentType(IOperation call) =>
        call is IInvocationOperation invocation
        && invocation.Arguments.Any(a => a.Parameter?.Name == "contentType"
            && a.Value.ConstantValue is { HasValue: true, Value: string type }
            && type.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>
    /// The enclosing member sets the response's content type to an HTML constant; or it sets none and the text can
    /// start with markup. A body sent without a <c>Content-Type</c> is sniffed by browsers, and one that starts with a
    /// tag renders as HTML; text that starts with words ("You sent: …") does not. A body the member declares as
    /// anything else (JSON, text/plain, a computed type) is not HTML.
    /// </summary>
    private static bool ResponseMayBeHtml(IOperation call)
    {
        var scope = ObjectConfiguration.Scope(call.Syntax);
        if (scope is null)
            return false;
        foreach (var node in scope.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContentType" } } assignment:
                    return assignment.Right is LiteralExpressionSyntax literal && literal.Token.ValueText.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0;
                // Response.Headers["Content-Type"] = …, Headers.Append("Content-Type", …), Headers.Add(HeaderNames.ContentType, …)
                case ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } keys } when NamesContentType(keys[0].Expression):
                case InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } arguments } when NamesContentType(arguments[0].Expression):
                    return false;
            }
        }

        return call is IInvocationOperation invocation
            && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "text") is { } text
            && MayStartWithMarkup(text.Value.Syntax, scope);
    }

    /// <summary>
    /// Whether the text can begin with a tag: its first piece is constant text that does (after white space), or is
    /// not constant at all (a client's value can begin with one).
    /// </summary>
    private static bool MayStartWithMarkup(SyntaxNode text, SyntaxNode? scope)
    {
        switch (text)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return MayStartWithMarkup(parenthesized.Expression, scope);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return MayStartWithMarkup(binary.Left, scope);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return StartsWithTag(literal.Token.ValueText);
            case InterpolatedStringExpressionSyntax interpolated:
                return interpolated.Contents.FirstOrDefault() is not InterpolatedStringTextSyntax first || StartsWithTag(first.TextToken.ValueText);
            // var message = "Invalid: " + q; await Response.WriteAsync(message); a local assigned once, where it is declared.
            case IdentifierNameSyntax identifier when scope is not null
                && LocalInitializer(scope, identifier.Identifier.ValueText) is { } initial:
                return MayStartWithMarkup(initial, scope: null);
            default:
                return true;
        }
    }

    private static ExpressionSyntax? LocalInitializer(SyntaxNode scope, string name)
    {
        ExpressionSyntax? initial = null;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is VariableDeclaratorSyntax declarator && declarator.Identifier.ValueText == name)
                initial = initial is null ? declarator.Initializer?.Value : null;
            else if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } && target.Identifier.ValueText == name)
                return null;
        }

        return initial;
    }

    private static bool StartsWithTag(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.Length == 0 || trimmed[0] == '<';
    }

    private static bool NamesContentType(ExpressionSyntax key) => key switch
    {
        LiteralExpressionSyntax literal => string.Equals(literal.Token.ValueText, "Content-Type", StringComparison.OrdinalIgnoreCase),
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContentType" } => true,
        _ => false,
    };
}
