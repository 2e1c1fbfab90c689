using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.ErrorHandling;

/// <summary>
/// AIB2003: work started and not awaited in code a request runs: a task whose result is dropped or discarded
/// (<c>SendAsync();</c>, <c>_ = SendAsync();</c>, <c>Task.Run(…);</c>) and <c>async void</c> methods and lambdas. Its
/// failure is never observed, and it may outlive the request's services (a disposed DbContext).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FireAndForgetAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.FireAndForget,
        title: "Fire-and-forget in a request",
        messageFormat: "{0} is not awaited in code that handles a request: its failure is never observed and it may outlive the request's services",
        RuleCategories.ErrorHandling,
        DiagnosticSeverity.Info, // a suggestion until precise on real code (docs/severity.md, docs/real-world.md)
        description: "Work a request starts without awaiting fails silently, races the response, and uses scoped services (DbContext, HttpContext) after the request has disposed them. Await it, or hand it to a background queue that owns its own scope.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var paths = new RequestPaths(start.Compilation, start.CancellationToken);
            start.RegisterOperationAction(c => AnalyzeStatement(c, paths), OperationKind.ExpressionStatement);
            start.RegisterOperationAction(c => AnalyzeLambda(c, paths), OperationKind.AnonymousFunction);
            start.RegisterSymbolAction(c => AnalyzeMethod(c, paths), SymbolKind.Method);
        });
    }

    private static void AnalyzeStatement(OperationAnalysisContext context, RequestPaths paths)
    {
        var statement = (IExpressionStatementOperation)context.Operation;
        var value = statement.Operation;
        var discarded = false;
        if (value is ISimpleAssignmentOperation { Target: IDiscardOperation } discard)
        {
            value = discard.Value;
            discarded = true;
        }

        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        if (value is not IInvocationOperation invocation || !IsTask(invocation.Type))
            return;
        if (!paths.Contains(statement, context.ContainingSymbol))
            return;

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.AddAwait);
        var what = discarded ? $"The discarded task of '{invocation.TargetMethod.Name}'" : $"The task returned by '{invocation.TargetMethod.Name}'";
        context.ReportDiagnostic(Diagnostic.Create(Rule, statement.Syntax.GetLocation(), CanAwait(statement) ? properties : null, what));
    }

    private static void AnalyzeLambda(OperationAnalysisContext context, RequestPaths paths)
    {
        var lambda = (IAnonymousFunctionOperation)context.Operation;
        if (!lambda.Symbol.IsAsync || !lambda.Symbol.ReturnsVoid || Handlers.IsRegisteredHandler(lambda) || !paths.Contains(lambda, context.ContainingSymbol))
            return;
        var location = lambda.Syntax is AnonymousFunctionExpressionSyntax { AsyncKeyword: var keyword } ? keyword.GetLocation() : lambda.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Rule, location, "This async void lambda"));
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, RequestPaths paths)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!method.IsAsync || !method.ReturnsVoid || IsEventHandler(method) || !paths.Contains(method))
            return;
        context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations[0], $"The async void method '{method.Name}'"));
    }

    private static bool IsTask(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Task" or "ValueTask" } named
        && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    /// <summary><c>void OnX(object sender, EventArgs e)</c>: async void is the only way to await in an event handler.</summary>
    private static bool IsEventHandler(IMethodSymbol method) =>
        method.Parameters.Length == 2 && TypeNames.DerivesFrom(method.Parameters[1].Type, "System.EventArgs");

    /// <summary>The enclosing method or lambda is async, so <c>await</c> can simply be added.</summary>
    private static bool CanAwait(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda)
                return lambda.Symbol.IsAsync;
            if (current is ILocalFunctionOperation local)
                return local.Symbol.IsAsync;
        }

        var member = operation.Syntax.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        return member?.Modifiers.Any(m => m.ValueText == "async") == true;
    }
}
