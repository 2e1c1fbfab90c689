namespace AiBackend.Analyzers;

/// <summary>
/// Every diagnostic ID, in one place. IDs are stable once shipped. Code fixes compile this file too
/// (linked), so they name the same constants without referencing the analyzer assembly.
/// </summary>
internal static class RuleIds
{
    /// <summary>SQL injection.</summary>
    public const string SqlInjection = "AIB1001";

    /// <summary>OS command injection.</summary>
    public const string CommandInjection = "AIB1002";

    /// <summary>Path traversal.</summary>
    public const string PathTraversal = "AIB1003";

    /// <summary>Open redirect.</summary>
    public const string OpenRedirect = "AIB1004";

    /// <summary>Cross-site scripting.</summary>
    public const string CrossSiteScripting = "AIB1005";

    /// <summary>LDAP injection.</summary>
    public const string LdapInjection = "AIB1006";

    /// <summary>Server-side request forgery.</summary>
    public const string ServerSideRequestForgery = "AIB1007";

    /// <summary>Unsafe deserialization.</summary>
    public const string UnsafeDeserialization = "AIB1008";

    /// <summary>XML external entities.</summary>
    public const string XmlExternalEntities = "AIB1009";

    /// <summary>Regular expression denial of service.</summary>
    public const string RegexDenialOfService = "AIB1010";

    /// <summary>XPath injection.</summary>
    public const string XPathInjection = "AIB1011";

    /// <summary>Exception swallowed.</summary>
    public const string ExceptionSwallowed = "AIB2001";

    /// <summary>Exception details sent to the client.</summary>
    public const string ExceptionDetailsExposed = "AIB2002";

    /// <summary>Fire-and-forget in a request.</summary>
    public const string FireAndForget = "AIB2003";

    /// <summary>Unchecked HTTP response.</summary>
    public const string UncheckedHttpResponse = "AIB2004";

    /// <summary>Missing not-found handling.</summary>
    public const string MissingNotFound = "AIB2005";

    /// <summary>No app-wide error handling.</summary>
    public const string NoAppWideErrorHandling = "AIB2006";

    /// <summary>Cancellation not passed on.</summary>
    public const string CancellationNotPassed = "AIB2007";

    /// <summary>Endpoint without an authorization decision.</summary>
    public const string EndpointWithoutAuthorization = "AIB3001";

    /// <summary>Token validation disabled.</summary>
    public const string TokenValidationDisabled = "AIB3002";

    /// <summary>Hard-coded secret.</summary>
    public const string HardcodedSecret = "AIB3003";

    /// <summary>Weak password hashing.</summary>
    public const string WeakPasswordHashing = "AIB3004";

    /// <summary>Insecure randomness for secrets.</summary>
    public const string InsecureRandomness = "AIB3005";

    /// <summary>Timing-unsafe secret comparison.</summary>
    public const string TimingUnsafeComparison = "AIB3006";

    /// <summary>Auth middleware out of order.</summary>
    public const string AuthMiddlewareOrder = "AIB3007";

    /// <summary>Permissive CORS with credentials.</summary>
    public const string PermissiveCors = "AIB3008";

    /// <summary>Insecure cookie.</summary>
    public const string InsecureCookie = "AIB3009";

    /// <summary>Missing ownership check.</summary>
    public const string MissingOwnershipCheck = "AIB3010";

    /// <summary>Sensitive data exposed.</summary>
    public const string SensitiveDataExposed = "AIB3011";

    /// <summary>Endpoint type must be partial.</summary>
    public const string EndpointTypeNotPartial = "AIB5001";

    /// <summary>Endpoint handler missing or ambiguous.</summary>
    public const string EndpointHandlerInvalid = "AIB5002";

    /// <summary>Endpoint HTTP method or route template invalid.</summary>
    public const string EndpointRouteInvalid = "AIB5003";

    /// <summary>Endpoint type shape not supported.</summary>
    public const string EndpointTypeUnsupported = "AIB5004";

    /// <summary>Route and handler parameters do not match.</summary>
    public const string EndpointRouteParameterMismatch = "AIB5005";

    /// <summary>Resource declaration is invalid.</summary>
    public const string ResourceInvalid = "AIB5006";

    /// <summary>Resource owner is invalid.</summary>
    public const string ResourceOwnerInvalid = "AIB5007";

    /// <summary>Resource DbContext not found.</summary>
    public const string ResourceDbContextNotFound = "AIB5008";

    /// <summary>Resource member not in the generated DTOs.</summary>
    public const string ResourceMemberNotMapped = "AIB5009";

    /// <summary>Generated endpoint tests cannot be generated.</summary>
    public const string EndpointTestsInvalid = "AIB5010";

    /// <summary>Two generated endpoints share a method and route.</summary>
    public const string GeneratedRouteDuplicate = "AIB5011";

    /// <summary>Endpoint HTTP method is not a known method.</summary>
    public const string EndpointMethodUnknown = "AIB5012";

    /// <summary>[Endpoint] or [Resource] in a project that does not reference ASP.NET Core.</summary>
    public const string GeneratorNeedsAspNetCore = "AIB5013";
}
