using System;

namespace AiBackend.Shared.Endpoints;

/// <summary>What ASP.NET Core accepts as an HTTP method, and which <c>Map*</c> helper maps it.</summary>
internal static class HttpMethodName
{
    /// <summary>True when <paramref name="method"/> is an RFC 9110 token (the grammar of a method name).</summary>
    public static bool IsValid(string? method)
    {
        if (string.IsNullOrEmpty(method))
            return false;

        foreach (var c in method!)
        {
            var ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
            if (!ok)
                return false;
        }

        return true;
    }

    /// <summary>Upper-cases the standard methods (matching is case-insensitive); leaves extension methods alone.</summary>
    public static string Normalize(string method)
    {
        var upper = method.ToUpperInvariant();
        return IsStandard(upper) ? upper : method;
    }

    /// <summary>The <c>EndpointRouteBuilderExtensions</c> helper for a normalized method, or null for <c>MapMethods</c>.</summary>
    public static string? MapHelperName(string normalizedMethod) => normalizedMethod switch
    {
        "GET" => "MapGet",
        "POST" => "MapPost",
        "PUT" => "MapPut",
        "DELETE" => "MapDelete",
        "PATCH" => "MapPatch",
        _ => null,
    };

    /// <summary>
    /// True for RFC 9110's methods, PATCH, the extension methods in IANA's HTTP Method Registry (WebDAV's PROPFIND,
    /// MKCOL, LOCK…, and QUERY) and the caches' PURGE. Any other token routes, but no client, proxy or OpenAPI tool
    /// expects it: <c>"FETCH"</c> is almost always a typo or a made-up name for GET.
    /// </summary>
    public static bool IsKnown(string method)
    {
        var upper = method.ToUpperInvariant();
        return IsStandard(upper) || Array.IndexOf(Registered, upper) >= 0;
    }

    private static readonly string[] Registered =
    {
        "ACL", "BASELINE-CONTROL", "BIND", "CHECKIN", "CHECKOUT", "COPY", "LABEL", "LINK", "LOCK", "MERGE", "MKACTIVITY",
        "MKCALENDAR", "MKCOL", "MKREDIRECTREF", "MKWORKSPACE", "MOVE", "ORDERPATCH", "PRI", "PROPFIND", "PROPPATCH",
        "QUERY", "REBIND", "REPORT", "SEARCH", "UNBIND", "UNCHECKOUT", "UNLINK", "UNLOCK", "UPDATE", "UPDATEREDIRECTREF",
        "VERSION-CONTROL", "PURGE",
    };

    private static bool IsStandard(string upper) => upper is
        "GET" or "POST" or "PUT" or "DELETE" or "PATCH" or "HEAD" or "OPTIONS" or "TRACE" or "CONNECT";
}
