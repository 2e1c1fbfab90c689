using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiBackend.Shared.Resources;

/// <summary>
/// The DbContexts an assembly declares and the entity types of their <c>DbSet&lt;T&gt;</c> properties, found from its
/// symbols. The generator asks only when some <c>[Resource]</c> needs its context found, so an app without resources
/// pays nothing; the paired analyzer asks once per compilation, on the first resource.
/// </summary>
internal static class SourceDbContexts
{
    public static List<(INamedTypeSymbol Context, List<ITypeSymbol> Entities)> Find(IAssemblySymbol assembly, CancellationToken cancellationToken)
    {
        var found = new List<(INamedTypeSymbol, List<ITypeSymbol>)>();
        foreach (var type in SourceTypes.Of(assembly, cancellationToken))
        {
            var entities = ResourceDeclaration.DbSetEntities(type).Distinct(SymbolEqualityComparer.Default).Cast<ITypeSymbol>().ToList();
            if (entities.Count > 0)
                found.Add((type, entities));
        }

        return found;
    }
}
