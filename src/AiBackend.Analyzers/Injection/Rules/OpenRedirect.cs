using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>AIB1004: request data becomes a redirect target without a local-URL check.</summary>
internal static class OpenRedirect
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.OpenRedirect,
        "Open redirect",
        "Redirecting to a client-supplied URL sends users from your trusted domain to a phishing site. Use LocalRedirect, or check Url.IsLocalUrl first.");

    private static readonly string[] Url = { "url", "location", "uri" };

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.Redirect,
        "a redirect target",
        new[]
        {
            new MemberRule("Microsoft.AspNetCore.Http.Results", "Redirect", parameters: Url),
            new MemberRule("Microsoft.AspNetCore.Http.TypedResults", "Redirect", parameters: Url),
            new MemberRule("Microsoft.AspNetCore.Http.HttpResponse", "Redirect", derived: true, Url),
            new MemberRule("Microsoft.AspNetCore.Mvc.ControllerBase", "Redirect", derived: true, Url),
            new MemberRule("Microsoft.AspNetCore.Mvc.ControllerBase", "RedirectPermanent", derived: true, Url),
            new MemberRule("Microsoft.AspNetCore.Mvc.ControllerBase", "RedirectPreserveMethod", derived: true, Url),
            new MemberRule("Microsoft.AspNetCore.Mvc.ControllerBase", "RedirectPermanentPreserveMethod", derived: true, Url),
            new MemberRule("Microsoft.AspNetCore.Mvc.RedirectResult", MemberRule.Constructor, parameters: Url),
            new MemberRule("Microsoft.AspNetCore.Http.IHeaderDictionary", "Location", derived: true),
            // Classic ASP.NET.
            new MemberRule("System.Web.HttpResponse", "Redirect", parameters: Url),
            new MemberRule("System.Web.HttpResponse", "RedirectPermanent", parameters: Url),
            new MemberRule("System.Web.HttpResponse", "RedirectLocation"),
            new MemberRule("System.Web.HttpResponseBase", "Redirect", derived: true, Url),
            new MemberRule("System.Web.HttpResponseBase", "RedirectPermanent", derived: true, Url),
        },
        new[]
        {
            // A relative URI from the request's own URL to a server-built one: the request's path cannot move it
            // to another host (only the argument's host could, and a request's own Host is not redirect data).
            new MemberRule("System.Uri", "MakeRelativeUri"),
        },
        defusedByFixedHost: true);
}
