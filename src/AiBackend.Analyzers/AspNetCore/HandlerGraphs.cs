using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.AspNetCore;

/// <summary>A handler's control-flow graph: a handler method's body, or a lambda registered with <c>Map*</c>.</summary>
internal sealed class HandlerGraph
{
    public HandlerGraph(ControlFlowGraph graph, IMethodSymbol handler, string? route, IOperation? registration)
    {
        Graph = graph;
        Handler = handler;
        Route = route;
        Registration = registration;
    }

    /// <summary>The route template, when it is known (a constant pattern or route attributes).</summary>
    public string? Route { get; }

    /// <summary>The <c>Map*</c> call that registered a lambda handler; null for handler methods.</summary>
    public IOperation? Registration { get; }

    public ControlFlowGraph Graph { get; }

    /// <summary>The handler method or the lambda's symbol (its parameters and return type).</summary>
    public IMethodSymbol Handler { get; }

    /// <summary>Every handler graph in the bodies of one operation block (a member).</summary>
    public static IEnumerable<HandlerGraph> In(OperationBlockAnalysisContext context)
    {
        var owner = context.OwningSymbol as IMethodSymbol;
        foreach (var (block, root) in BodyBlocks.Of(context))
        {
            string? methodRoute = null;
            var isHandler = owner is not null && Handlers.IsHandlerMethod(owner, out methodRoute);
            var lambdas = new Dictionary<IMethodSymbol, IInvocationOperation>(SymbolEqualityComparer.Default);
            foreach (var lambda in root.Descendants().OfType<IAnonymousFunctionOperation>().Where(Handlers.IsRegisteredHandler))
                lambdas[lambda.Symbol] = RegistrationOf(lambda)!;
            if (!isHandler && lambdas.Count == 0)
                continue;

            var graph = context.GetControlFlowGraph(block);
            if (isHandler)
                yield return new HandlerGraph(graph, owner!, methodRoute, registration: null);
            foreach (var nested in Lambdas(graph, lambdas, context))
                yield return nested;
        }
    }

    private static IInvocationOperation? RegistrationOf(IAnonymousFunctionOperation lambda)
    {
        IOperation? current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation or IArgumentOperation)
            current = current.Parent;
        return current as IInvocationOperation;
    }

    private static IEnumerable<HandlerGraph> Lambdas(ControlFlowGraph graph, Dictionary<IMethodSymbol, IInvocationOperation> registered, OperationBlockAnalysisContext context)
    {
        foreach (var lambda in graph.Blocks.SelectMany(b => b.Operations.Concat(b.BranchValue is null ? Enumerable.Empty<IOperation>() : new[] { b.BranchValue }))
                     .SelectMany(o => o.DescendantsAndSelf()).OfType<IFlowAnonymousFunctionOperation>())
        {
            var inner = graph.GetAnonymousFunctionControlFlowGraph(lambda, context.CancellationToken);
            if (registered.TryGetValue(lambda.Symbol, out var registration))
            {
                Handlers.IsHandlerRegistration(registration, out var route);
                yield return new HandlerGraph(inner, lambda.Symbol, route, registration);
            }

            foreach (var nested in Lambdas(inner, registered, context))
                yield return nested;
        }
    }
}
