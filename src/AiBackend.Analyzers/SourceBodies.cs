using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers;

/// <summary>
/// The operation tree of a method declared once in this compilation's source (a callee to summarise, a mediator
/// handler to inspect), from its tree's semantic model; for the taint engine also in the source of a referenced
/// project that is itself a compilation (an IDE's project reference), which then reads like this one's.
/// </summary>
internal static class SourceBodies
{
    /// <summary>
    /// False for methods not declared once in this compilation (metadata, partial, another project's source unless
    /// <paramref name="includeReferencedCompilations"/>); otherwise true, with the declaration's operation (null for
    /// one without a body of its own, such as a positional record's primary constructor).
    /// </summary>
    public static bool TryGet(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken, out IOperation? body, bool includeReferencedCompilations = false)
    {
        body = null;
        if (method.DeclaringSyntaxReferences.Length != 1)
            return false;
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
        {
            // A project reference in an IDE: the assembly is the other compilation's own (a retargeted one is not).
            if (!includeReferencedCompilations || method.ContainingAssembly is not ISourceAssemblySymbol { Compilation: var referenced }
                || !referenced.ContainsSyntaxTree(syntax.SyntaxTree))
                return false;
            compilation = referenced;
        }

        // The body lives in another tree's semantic model than the one being analysed.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
        body = compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
#pragma warning restore RS1030
        return true;
    }
}
