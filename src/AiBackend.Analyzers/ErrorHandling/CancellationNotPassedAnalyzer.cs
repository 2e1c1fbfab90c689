using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.ErrorHandling;

/// <summary>
/// AIB2007 (suggestion): a handler that has the request's cancellation token (a <c>CancellationToken</c> parameter, or
/// <c>RequestAborted</c> it already uses) calls async I/O that could take it, without it. An abandoned request then
/// keeps its database query or outgoing call running.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancellationNotPassedAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.CancellationNotPassed,
        title: "Cancellation not passed on",
        messageFormat: "'{0}' accepts a cancellation token: pass '{1}' so an abandoned request stops this work",
        RuleCategories.ErrorHandling,
        DiagnosticSeverity.Info,
        description: "When a client disconnects or times out, ASP.NET Core cancels the request's token. Async calls that do not receive it keep querying the database or calling other services for nobody.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationBlockAction(AnalyzeBlock);
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context)
    {
        foreach (var handler in HandlerGraph.In(context))
        {
            var operations = handler.Graph.Blocks
                .SelectMany(b => b.BranchValue is null ? b.Operations : b.Operations.Add(b.BranchValue))
                .SelectMany(o => o.DescendantsAndSelf())
                .ToList();
            if (TokenOf(handler, operations) is not { } token)
                continue;

            foreach (var invocation in operations.OfType<IInvocationOperation>())
            {
                if (MissingToken(invocation) is not { } parameterName)
                    continue;
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(DiagnosticProperties.Fix, DiagnosticProperties.PassToken)
                    .Add(DiagnosticProperties.Token, token)
                    .Add(DiagnosticProperties.TokenParameter, parameterName);
                context.ReportDiagnostic(Diagnostic.Create(Rule, NameLocation(invocation), properties, invocation.TargetMethod.Name, token));
            }
        }
    }

    /// <summary>The handler's token parameter, or the <c>RequestAborted</c> expression it already uses.</summary>
    private static string? TokenOf(HandlerGraph handler, List<IOperation> operations)
    {
        if (handler.Handler.Parameters.FirstOrDefault(p => IsToken(p.Type)) is { } parameter)
            return parameter.Name;
        return operations.OfType<IPropertyReferenceOperation>()
            .FirstOrDefault(p => p.Property.Name == "RequestAborted" && p.Instance is not null)?.Syntax.ToString();
    }

    /// <summary>
    /// The name of the token parameter the call leaves at its default, "" when a token-taking overload exists instead,
    /// null when the call is fine.
    /// </summary>
    private static string? MissingToken(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!IsAwaitable(method.ReturnType) || invocation.Arguments.Any(a => a.ArgumentKind == ArgumentKind.Explicit && IsToken(a.Value.Type)))
            return null;

        var defaulted = invocation.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.DefaultValue && a.Parameter is { } p && IsToken(p.Type));
        if (defaulted?.Parameter is { } tokenParameter)
            return tokenParameter.Name;
        if (invocation.Arguments.Any(a => a.ArgumentKind != ArgumentKind.Explicit))
            return null;
        return HasTokenOverload(method) ? "" : null;
    }

    /// <summary>An overload with the same parameters plus a trailing CancellationToken.</summary>
    private static bool HasTokenOverload(IMethodSymbol method)
    {
        var candidates = method.ContainingType?.GetMembers(method.Name).OfType<IMethodSymbol>() ?? Enumerable.Empty<IMethodSymbol>();
        var parameters = method.Parameters;
        return candidates.Any(c =>
            c.Parameters.Length == parameters.Length + 1
            && IsToken(c.Parameters[c.Parameters.Length - 1].Type)
            && c.IsStatic == method.IsStatic
            && parameters.Select((p, i) => SymbolEqualityComparer.Default.Equals(p.Type.OriginalDefinition, c.Parameters[i].Type.OriginalDefinition)).All(same => same));
    }

    private static bool IsToken(ITypeSymbol? type) => TypeNames.Is(type, "System.Threading.CancellationToken");

    private static bool IsAwaitable(ITypeSymbol type) =>
        type.Name is "Task" or "ValueTask" or "IAsyncEnumerable" && type.ContainingNamespace?.ToDisplayString() is "System.Threading.Tasks" or "System.Collections.Generic";

    private static Location NameLocation(IInvocationOperation invocation) =>
        invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
            ? member.Name.GetLocation()
            : invocation.Syntax.GetLocation();
}
