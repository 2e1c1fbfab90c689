namespace AiBackend.Analyzers;

/// <summary>
/// Keys and values analyzers put in <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> to tell a code fix
/// what is safe to do. Linked into the code-fix assembly.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>Which mechanical fix applies; absent when none is safe.</summary>
    public const string Fix = "Fix";

    /// <summary>A literal <c>false</c> that can be replaced by <c>true</c>.</summary>
    public const string TurnOn = "TurnOn";

    /// <summary>A <c>TypeNameHandling</c> value that can be replaced by <c>TypeNameHandling.None</c>.</summary>
    public const string TypeNameHandlingNone = "TypeNameHandlingNone";

    /// <summary>SQL text built at this sink from pieces that can become parameters.</summary>
    public const string Parameterize = "Parameterize";

    /// <summary>A redirect at this sink that has a local-only counterpart.</summary>
    public const string LocalRedirect = "LocalRedirect";

    /// <summary>A path at this sink whose client part can be reduced to a file name.</summary>
    public const string FileNameOnly = "FileNameOnly";

    /// <summary>A backtracking-prone regex at this sink that can be given a match timeout.</summary>
    public const string AddRegexTimeout = "AddRegexTimeout";

    /// <summary>Exception details at this argument that a generic message can replace.</summary>
    public const string GenericMessage = "GenericMessage";

    /// <summary>An un-awaited task in an async method or lambda: <c>await</c> can be added.</summary>
    public const string AddAwait = "AddAwait";

    /// <summary>A lookup whose declaration can be followed by a not-found check.</summary>
    public const string AddNotFoundCheck = "AddNotFoundCheck";

    /// <summary>A response read whose statement can be preceded by EnsureSuccessStatusCode().</summary>
    public const string EnsureSuccess = "EnsureSuccess";

    /// <summary>An async call that can be given the request's cancellation token (in <c>Token</c>).</summary>
    public const string PassToken = "PassToken";

    /// <summary>A minimal-API endpoint that can get <c>.RequireAuthorization()</c>.</summary>
    public const string RequireAuthorization = "RequireAuthorization";

    /// <summary>A controller action that can get <c>[Authorize]</c>.</summary>
    public const string AddAuthorize = "AddAuthorize";

    /// <summary>A literal secret that configuration can replace (key in <see cref="ConfigurationKey"/>).</summary>
    public const string MoveToConfiguration = "MoveToConfiguration";

    /// <summary>The configuration key a moved secret is read from.</summary>
    public const string ConfigurationKey = "ConfigurationKey";

    /// <summary>A PBKDF2 iteration count literal that can be raised to <see cref="Iterations"/>.</summary>
    public const string RaiseIterations = "RaiseIterations";

    /// <summary>The iteration floor, for <see cref="RaiseIterations"/>.</summary>
    public const string Iterations = "Iterations";

    /// <summary>A System.Random call that RandomNumberGenerator can replace.</summary>
    public const string UseRandomNumberGenerator = "UseRandomNumberGenerator";

    /// <summary>A comparison that CryptographicOperations.FixedTimeEquals can replace.</summary>
    public const string FixedTimeEquals = "FixedTimeEquals";

    /// <summary>A middleware call to move before the one named in <see cref="MoveBefore"/>.</summary>
    public const string MoveBefore = "MoveBefore";

    /// <summary>A cookie setting whose literal can be made secure.</summary>
    public const string SecureCookie = "SecureCookie";

    /// <summary>The token expression to pass, for <see cref="PassToken"/>.</summary>
    public const string Token = "Token";

    /// <summary>The parameter name to pass it as, when the call has an optional token parameter.</summary>
    public const string TokenParameter = "TokenParameter";

    /// <summary>A resource member that is a navigation (an entity or a collection of them): <c>[Expand]</c> can nest it.</summary>
    public const string Expandable = "Expandable";
}
