using System;
using System.Linq;
using Microsoft.CodeAnalysis;
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
            new MemberRule("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions", "WriteAsync", parameters: new[] { "text" }, condition: ResponseIsHtml),
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

    /// <summary>The enclosing member sets the response's content type to an HTML constant.</summary>
    private static bool ResponseIsHtml(IOperation call)
    {
        var scope = ObjectConfiguration.Scope(call.Syntax);
        return scope is not null && scope.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a =>
            a.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContentType" }
            && a.Right is LiteralExpressionSyntax literal
            && literal.Token.ValueText.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
