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
        // A type's nested types only: GetMembers() would build a symbol for every field, property and method of
        // every type in the assembly, the largest part of this walk's cost in a fresh compilation.
        var members = container is INamespaceSymbol ns ? ns.GetMembers() : ((INamedTypeSymbol)container).GetTypeMembers().CastArray<INamespaceOrTypeSymbol>();
        foreach (var member in members)
        {
            if (member is INamespaceSymbol inner)
            {
                Collect(inner, found, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                found.Add(type);
                Collect(type, found, cancellationToken);
            }
        }
    }
}
