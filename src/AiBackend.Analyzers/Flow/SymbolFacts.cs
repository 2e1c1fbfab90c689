using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// A small forward analysis over a control-flow graph whose state is a set of symbols (e.g. "responses whose status
/// was checked", "lookups that may be null"). Must-facts join by intersection, may-facts by union. Operations are
/// visited children first, in evaluation order; nested lambdas are separate graphs and are not entered.
/// </summary>
internal static class SymbolFacts
{
    private const int MaxPasses = 12;

    public delegate void Visit(IOperation operation, HashSet<ISymbol> facts);

    public delegate void Branch(IOperation condition, HashSet<ISymbol> whenTrue, HashSet<ISymbol> whenFalse);

    public static void Run(ControlFlowGraph graph, bool must, Visit visit, Branch? branch = null)
    {
        var blocks = graph.Blocks;
        var inStates = new HashSet<ISymbol>?[blocks.Length];
        inStates[0] = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var changed = false;
            foreach (var block in blocks)
            {
                var input = inStates[block.Ordinal];
                if (input is null)
                {
                    // Catch and finally blocks have no explicit predecessors: start them with nothing known.
                    if (block.Predecessors.Length > 0 || block.Kind == BasicBlockKind.Exit)
                        continue;
                    input = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                }

                var state = new HashSet<ISymbol>(input, SymbolEqualityComparer.Default);
                foreach (var operation in block.Operations)
                    PostOrder(operation, state, visit);
                if (block.BranchValue is not null)
                    PostOrder(block.BranchValue, state, visit);

                if (block.ConditionalSuccessor?.Destination is { } conditional && block.BranchValue is not null)
                {
                    var whenTrue = new HashSet<ISymbol>(state, SymbolEqualityComparer.Default);
                    var whenFalse = new HashSet<ISymbol>(state, SymbolEqualityComparer.Default);
                    branch?.Invoke(block.BranchValue, whenTrue, whenFalse);
                    var jumpIsTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                    changed |= FlowTo(inStates, conditional, jumpIsTrue ? whenTrue : whenFalse, must);
                    if (block.FallThroughSuccessor?.Destination is { } fallThrough)
                        changed |= FlowTo(inStates, fallThrough, jumpIsTrue ? whenFalse : whenTrue, must);
                }
                else if (block.FallThroughSuccessor?.Destination is { } next)
                {
                    changed |= FlowTo(inStates, next, state, must);
                }
            }

            if (!changed)
                break;
        }
    }

    private static bool FlowTo(HashSet<ISymbol>?[] inStates, BasicBlock destination, HashSet<ISymbol> state, bool must)
    {
        var existing = inStates[destination.Ordinal];
        if (existing is null)
        {
            inStates[destination.Ordinal] = new HashSet<ISymbol>(state, SymbolEqualityComparer.Default);
            return true;
        }

        var before = existing.Count;
        if (must)
            existing.IntersectWith(state);
        else
            existing.UnionWith(state);
        return existing.Count != before;
    }

    private static void PostOrder(IOperation operation, HashSet<ISymbol> state, Visit visit)
    {
        if (operation is IFlowAnonymousFunctionOperation)
            return;
        foreach (var child in operation.ChildOperations)
            PostOrder(child, state, visit);
        visit(operation, state);
    }

    /// <summary>The local or parameter an operation reads, looking through conversions.</summary>
    public static ISymbol? SymbolOf(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
    }

    public static Location LocationOf(IOperation operation) => operation.Syntax.GetLocation();

    public static readonly Func<ISymbol, ISymbol, bool> Same = SymbolEqualityComparer.Default.Equals;
}
