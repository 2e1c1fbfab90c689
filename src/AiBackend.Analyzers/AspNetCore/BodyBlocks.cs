using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.AspNetCore;

/// <summary>
/// The bodies of an operation block action worth a control-flow graph: method and constructor bodies and top-level
/// statements, not field initializers, parameter defaults or attribute arguments; each once, even when broken code
/// has both a block and an expression body.
/// </summary>
internal static class BodyBlocks
{
    /// <summary>Each body as the block to ask a graph for and the root whose operations it holds.</summary>
    public static IEnumerable<(IOperation Block, IOperation Root)> Of(OperationBlockAnalysisContext context)
    {
        IOperation? previous = null;
        foreach (var block in context.OperationBlocks)
        {
            // Top-level statements arrive as the synthesized Main's whole body.
            var isBody = block is IMethodBodyOperation { Parent: null }
                || block is IBlockOperation && block.Parent is null or IMethodBodyOperation or IConstructorBodyOperation;
            if (!isBody)
                continue;

            var root = block.Parent ?? block;
            if (ReferenceEquals(root, previous))
                continue;
            previous = root;
            yield return (block, root);
        }
    }
}
