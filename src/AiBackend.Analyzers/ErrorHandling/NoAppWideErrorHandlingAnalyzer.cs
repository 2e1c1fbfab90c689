using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiBackend.Analyzers.Auth;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.ErrorHandling;

/// <summary>
/// AIB2006 (suggestion): a web app that never sets up error handling for production: no <c>Use*ExceptionHandler*</c>
/// outside a development branch, no <c>IExceptionHandler</c>, and no middleware of its own that catches around
/// <c>next</c>. Unhandled exceptions then end as bare 500s with no consistent problem response.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoAppWideErrorHandlingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.NoAppWideErrorHandling,
        title: "No app-wide error handling",
        messageFormat: "This web app has no exception handler for production: add app.UseExceptionHandler() with AddProblemDetails(), or an IExceptionHandler",
        RuleCategories.ErrorHandling,
        DiagnosticSeverity.Info,
        description: "Without an exception handler, an unhandled exception becomes an empty 500 (or the developer page's details if the environment is misconfigured). UseExceptionHandler with ProblemDetails gives every failure a consistent, detail-free response and one place to log it.",
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication") is null)
                return;

            Location? builder = null;
            var handled = 0;
            start.RegisterOperationAction(c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                var method = invocation.TargetMethod;
                if (method.Name is "CreateBuilder" or "CreateSlimBuilder" or "CreateEmptyBuilder" or "Create"
                    && TypeNames.Is(method.ContainingType, "Microsoft.AspNetCore.Builder.WebApplication"))
                {
                    Interlocked.CompareExchange(ref builder, invocation.Syntax.GetLocation(), null);
                }
                else if (HandlesErrors(invocation))
                {
                    Interlocked.Exchange(ref handled, 1);
                }
            }, OperationKind.Invocation);

            start.RegisterCompilationEndAction(end =>
            {
                if (builder is not null && handled == 0)
                    end.ReportDiagnostic(Diagnostic.Create(Rule, builder));
            });
        });
    }

    private static bool HandlesErrors(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            // UseExceptionHandler and the app-wide handlers of other frameworks and of the app's own extensions
            // (FastEndpoints' UseDefaultExceptionHandler, UseGlobalExceptionHandler...), wherever they are called: a
            // helper the Program calls counts, as its body is analyzed like any other.
            case var name when name.StartsWith("Use", System.StringComparison.Ordinal) && name.Contains("ExceptionHandler"):
                return !EnvironmentCheck.IsDevelopmentOnly(invocation.Syntax);
            case "AddExceptionHandler" or "UseProblemDetails":
                return true;
            case "UseMiddleware" when method.TypeArguments.Length == 1:
                return CatchesAroundNext(method.TypeArguments[0]);
            case "Use" when invocation.Arguments.Any(a => a.Value.Syntax is AnonymousFunctionExpressionSyntax lambda && HasCatch(lambda)):
                return true;
            default:
                return false;
        }
    }

    /// <summary>A middleware class whose Invoke/InvokeAsync wraps the rest of the pipeline in try/catch.</summary>
    private static bool CatchesAroundNext(ITypeSymbol middleware) =>
        middleware.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.Name is "Invoke" or "InvokeAsync")
            .SelectMany(m => m.DeclaringSyntaxReferences)
            .Any(r => HasCatch(r.GetSyntax()));

    private static bool HasCatch(SyntaxNode node) => node.DescendantNodes().OfType<CatchClauseSyntax>().Any();
}
