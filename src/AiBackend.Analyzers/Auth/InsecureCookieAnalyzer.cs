using System;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.Injection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3009: authentication, session and antiforgery cookies configured without <c>Secure</c> or <c>HttpOnly</c>, or with
/// <c>SameSite=None</c> but not <c>Secure</c>; and auth-looking cookies (session, token, jwt, refresh…) appended to the
/// response without both flags. Preference cookies that scripts must read are left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureCookieAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.InsecureCookie,
        title: "Insecure cookie",
        messageFormat: "{0}: {1}",
        RuleCategories.Auth,
        DiagnosticSeverity.Warning,
        description: "An auth cookie without Secure travels over plain HTTP where anyone on the network can copy it; without HttpOnly, any injected script can read it. SameSite=None cookies must be Secure or browsers drop them.");

    private static readonly string[] AuthCookieWords = { "session", "auth", "token", "jwt", "refresh", "sid", "identity", "remember", "access" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        context.RegisterOperationAction(AnalyzeAppend, OperationKind.Invocation);
    }

    /// <summary>Framework cookie settings: CookieBuilder (auth, session, antiforgery) and the cookie policy.</summary>
    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { ContainingType: { } type } property }
            || type.Name is not ("CookieBuilder" or "CookiePolicyOptions"))
            return;

        var value = assignment.Value.Syntax.ToString();
        string? problem = (type.Name, property.Name) switch
        {
            ("CookieBuilder" or "CookiePolicyOptions", "SecurePolicy" or "Secure") when value.EndsWith("None", StringComparison.Ordinal) || value.EndsWith("SameAsRequest", StringComparison.Ordinal)
                => "the cookie is also sent over plain HTTP",
            ("CookieBuilder", "HttpOnly") when assignment.Value.ConstantValue.Value is false
                => "scripts can read the cookie",
            ("CookiePolicyOptions", "HttpOnly") when value.EndsWith("None", StringComparison.Ordinal)
                => "scripts can read the cookies",
            _ => null,
        };
        if (problem is null)
            return;

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.SecureCookie);
        context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), properties, $"'{assignment.Syntax}'", problem));
    }

    /// <summary><c>Response.Cookies.Append("session", value, options)</c> for an auth-looking cookie.</summary>
    private static void AnalyzeAppend(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Append" || invocation.TargetMethod.ContainingType?.Name != "IResponseCookies")
            return;
        var name = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "key")?.Value.ConstantValue.Value as string;
        if (name is null || !AuthCookieWords.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0))
            return;

        var options = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "options")?.Value;
        if (options is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), $"Cookie '{name}'", "appended without options, so it is neither Secure nor HttpOnly"));
            return;
        }

        var secure = ObjectConfiguration.Find(options, "Secure")?.ToString();
        var httpOnly = ObjectConfiguration.Find(options, "HttpOnly")?.ToString();
        var sameSite = ObjectConfiguration.Find(options, "SameSite")?.ToString();
        var missing = new[] { secure == "true" ? null : "Secure", httpOnly == "true" ? null : "HttpOnly" }.Where(m => m is not null).ToList();
        if (missing.Count > 0)
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), $"Cookie '{name}'",
                $"set without {string.Join(" and ", missing)}" + (sameSite?.EndsWith("None", StringComparison.Ordinal) == true && secure != "true" ? " (SameSite=None requires Secure)" : "")));
    }
}
