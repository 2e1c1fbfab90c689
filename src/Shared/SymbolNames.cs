using System;
using Microsoft.CodeAnalysis;

namespace AiBackend.Shared;

/// <summary>
/// Compares a symbol with a metadata name (<c>System.ComponentModel.DataAnnotations.KeyAttribute</c>,
/// <c>Microsoft.EntityFrameworkCore.DbSet`1</c>) segment by segment, without building its display string: generator
/// transforms re-run on every compilation change, so this runs for every attribute of every declaration on each keystroke.
/// </summary>
internal static class SymbolNames
{
    /// <param name="withArity">
    /// False to compare generic types by their plain names (<c>System.Nullable</c>), as the analyzers' type tables spell them.
    /// </param>
    public static bool Is(ISymbol? symbol, string fullName, bool withArity = true)
    {
        var end = fullName.Length;
        for (var current = symbol; current is not null; current = (ISymbol?)current.ContainingType ?? current.ContainingNamespace)
        {
            // end is -1 once every segment matched; the global namespace must come exactly then.
            if (current is INamespaceSymbol { IsGlobalNamespace: true })
                return end == -1;
            if (end <= 0)
                return false;

            var start = fullName.LastIndexOf('.', end - 1) + 1;
            var name = withArity ? current.MetadataName : current.Name;
            if (name.Length != end - start || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0)
                return false;
            end = start - 1;
        }

        return end == -1;
    }

    /// <summary>True when the namespace is <paramref name="name"/> or inside it.</summary>
    public static bool IsInNamespace(ITypeSymbol type, string name)
    {
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.ContainingNamespace is { IsGlobalNamespace: true } && string.Equals(ns.Name, name, StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> or one of its base types is <paramref name="fullName"/>.</summary>
    public static bool DerivesFrom(INamedTypeSymbol? type, string fullName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, fullName))
                return true;
        }

        return false;
    }
}
