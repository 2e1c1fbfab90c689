using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiBackend.Shared;

/// <summary>
/// Every type an assembly declares, nested ones included, from its symbols (no syntax walk): each namespace's types in
/// declaration order, a type followed by its nested types.
/// </summary>
internal static class SourceTypes
{
    public static IEnumerable<INamedTypeSymbol> Of(IAssemblySymbol assembly, CancellationToken cancellationToken)
    {
        var found = new List<INamedTypeSymbol>();
        Collect(assembly.GlobalNamespace, found, cancellationToken);
        return found;
    }

    private static void Collect(INamespaceOrTypeSymbol container, List<INamedTypeSymbol> found, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                Collect(ns, found, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                found.Add(type);
                Collect(type, found, cancellationToken);
            }
        }
    }
}
