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
    public HandlerGraph(ControlFlowGraph graph, IMethodSymbol handler)
    {
        Graph = graph;
        Handler = handler;
    }

    public ControlFlowGraph Graph { get; }

    /// <summary>The handler method or the lambda's symbol (its parameters and return type).</summary>
    public IMethodSymbol Handler { get; }

    /// <summary>Every handler graph in the bodies of one operation block (a member).</summary>
    public static IEnumerable<HandlerGraph> In(OperationBlockAnalysisContext context)
    {
        var owner = context.OwningSymbol as IMethodSymbol;
        foreach (var block in context.OperationBlocks)
        {
            if (block is not IBlockOperation || block.Parent is not (null or IMethodBodyOperation or IConstructorBodyOperation)
                && !(block is IMethodBodyOperation { Parent: null }))
                continue;

            var root = block.Parent ?? block;
            var isHandler = owner is not null && Handlers.IsHandlerMethod(owner, out _);
            var lambdas = new HashSet<IMethodSymbol>(
                root.Descendants().OfType<IAnonymousFunctionOperation>().Where(Handlers.IsRegisteredHandler).Select(l => l.Symbol),
                SymbolEqualityComparer.Default);
            if (!isHandler && lambdas.Count == 0)
                continue;

            var graph = context.GetControlFlowGraph(block);
            if (isHandler)
                yield return new HandlerGraph(graph, owner!);
            foreach (var nested in Lambdas(graph, lambdas, context))
                yield return nested;
        }
    }

    private static IEnumerable<HandlerGraph> Lambdas(ControlFlowGraph graph, HashSet<IMethodSymbol> registered, OperationBlockAnalysisContext context)
    {
        foreach (var lambda in graph.Blocks.SelectMany(b => b.Operations.Concat(b.BranchValue is null ? Enumerable.Empty<IOperation>() : new[] { b.BranchValue }))
                     .SelectMany(o => o.DescendantsAndSelf()).OfType<IFlowAnonymousFunctionOperation>())
        {
            var inner = graph.GetAnonymousFunctionControlFlowGraph(lambda, context.CancellationToken);
            if (registered.Contains(lambda.Symbol))
                yield return new HandlerGraph(inner, lambda.Symbol);
            foreach (var nested in Lambdas(inner, registered, context))
                yield return nested;
        }
    }
}
