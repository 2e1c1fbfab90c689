using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiBackend.Shared;

/// <summary>Every type an assembly declares, nested ones included, from its symbols (no syntax walk).</summary>
internal static class SourceTypes
{
    public static IEnumerable<INamedTypeSymbol> Of(IAssemblySymbol assembly, CancellationToken cancellationToken)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    pending.Push(type);
                    yield return type;
                }
            }
        }
    }
}
