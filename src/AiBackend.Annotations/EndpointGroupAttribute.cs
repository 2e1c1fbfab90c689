using System;

namespace AiBackend;

/// <summary>
/// Groups the <c>[Endpoint]</c> classes nested in this class under one route prefix, with shared OpenAPI tags and,
/// through <c>[Authorize]</c>/<c>[AllowAnonymous]</c> on this class, a shared authorization decision.
/// </summary>
/// <example>
/// <code>
/// [EndpointGroup("/api/reports", Tags = new[] { "Reports" })]
/// [Authorize("Reports")]
/// public static partial class Reports
/// {
///     [Endpoint("GET", "/{year:int}")]
///     public static partial class ForYear { public static Ok&lt;Report&gt; Handle(int year) =&gt; … }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EndpointGroupAttribute : Attribute
{
    /// <summary>Declares a group of endpoints under <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The route prefix, e.g. <c>"/api/reports"</c>.</param>
    public EndpointGroupAttribute(string prefix)
    {
        Prefix = prefix;
    }

    /// <summary>The route prefix of every endpoint in the group.</summary>
    public string Prefix { get; }

    /// <summary>OpenAPI tags for every endpoint in the group.</summary>
    public string[]? Tags { get; set; }
}
