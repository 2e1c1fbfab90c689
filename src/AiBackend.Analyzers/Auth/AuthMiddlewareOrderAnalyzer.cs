using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3007: the request pipeline runs middleware in the order it is added, and some orders silently break
/// authorization: <c>UseAuthorization</c> before <c>UseAuthentication</c> (no user yet), <c>UseAuthorization</c> before
/// <c>UseRouting</c> or either of them after <c>UseEndpoints</c> (no endpoint metadata), <c>UseCors</c> after them (preflights
/// rejected), <c>UseAntiforgery</c> before them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AuthMiddlewareOrderAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.AuthMiddlewareOrder,
        title: "Auth middleware out of order",
        messageFormat: "'{0}' must come before '{1}': {2}",
        RuleCategories.Auth,
        DiagnosticSeverity.Warning,
        description: "Middleware runs in the order it is added. Authorization placed before authentication sees an anonymous user; authorization outside the routing/endpoints bracket cannot see the endpoint's [Authorize] metadata; CORS after them rejects preflight requests.");

    // (must come first, must come later, why)
    private static readonly (string First, string Later, string Why)[] Orders =
    {
        // UseAuthentication before UseRouting is fine: authentication needs no endpoint, only authorization reads its metadata.
        ("UseAuthentication", "UseAuthorization", "authorization would run before the user is known"),
        ("UseRouting", "UseAuthorization", "authorization would run before the endpoint and its [Authorize] metadata are selected"),
        ("UseAuthorization", "UseEndpoints", "endpoints would run without authorization"),
        ("UseAuthentication", "UseEndpoints", "endpoints would run without authentication"),
        ("UseCors", "UseAuthorization", "CORS preflight requests would be rejected by authorization"),
        ("UseAuthentication", "UseAntiforgery", "antiforgery validation needs the authenticated user"),
        ("UseAuthorization", "UseAntiforgery", "antiforgery validation must follow authorization"),
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationBlockAction(Analyze);
    }

    private static void Analyze(OperationBlockAnalysisContext context)
    {
        var calls = new Dictionary<string, IInvocationOperation>();
        foreach (var block in context.OperationBlocks)
        {
            foreach (var invocation in block.Descendants().OfType<IInvocationOperation>())
            {
                var name = invocation.TargetMethod.Name;
                if (name.StartsWith("Use", System.StringComparison.Ordinal) && IsApplicationBuilder(invocation) && !calls.ContainsKey(name))
                    calls[name] = invocation;
            }
        }

        // One diagnostic per misplaced pair's later call: fixing it may settle the rest.
        var reportedLater = new HashSet<string>();
        foreach (var (first, later, why) in Orders)
        {
            if (calls.TryGetValue(first, out var firstCall) && calls.TryGetValue(later, out var laterCall)
                && firstCall.Syntax.SpanStart > laterCall.Syntax.SpanStart && reportedLater.Add(later))
            {
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(DiagnosticProperties.Fix, DiagnosticProperties.MoveBefore)
                    .Add(DiagnosticProperties.MoveBefore, later);
                context.ReportDiagnostic(Diagnostic.Create(Rule, firstCall.Syntax.GetLocation(), properties, first, later, why));
            }
        }
    }

    private static bool IsApplicationBuilder(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance?.Type ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.Type : null);
        return receiver is not null && (receiver.Name == "IApplicationBuilder" || receiver.AllInterfaces.Any(i => i.Name == "IApplicationBuilder"));
    }
}
