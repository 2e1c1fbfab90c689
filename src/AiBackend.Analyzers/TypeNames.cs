using AiBackend.Shared;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers;

/// <summary>Type identity by metadata name, for types the analyzers know but do not reference.</summary>
internal static class TypeNames
{
    /// <summary><c>Namespace.Outer.Inner</c>, without generic arguments.</summary>
    public static string FullName(INamedTypeSymbol type)
    {
        var name = type.Name;
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
            name = container.Name + "." + name;
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    /// <summary>A type of the base class library (<c>System</c>, <c>System.Text</c>, …).</summary>
    public static bool IsInSystemNamespace(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
            ns = ns.ContainingNamespace;
        return ns is { IsGlobalNamespace: false, Name: "System" };
    }

    /// <summary>
    /// Whether the type's <see cref="FullName"/> is <paramref name="fullName"/>, compared name by name without building
    /// it (<see cref="SymbolNames"/>): the taint engine asks this of most values and calls.
    /// </summary>
    public static bool Is(ITypeSymbol? type, string fullName) => type is INamedTypeSymbol named && SymbolNames.Is(named, fullName, withArity: false);

    public static bool DerivesFrom(ITypeSymbol? type, string fullName)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolNames.Is(current, fullName, withArity: false))
                return true;
        }

        return false;
    }

    /// <summary>Whether the namespace is <paramref name="fullName"/> (<c>System.Threading.Tasks</c>), compared without building its name.</summary>
    public static bool IsNamespace(INamespaceSymbol? ns, string fullName) => ns is { IsGlobalNamespace: false } && SymbolNames.Is(ns, fullName);

    /// <summary>Whether the namespace is <paramref name="fullName"/> or inside it (<c>System.Collections.Generic</c> is inside <c>System.Collections</c>).</summary>
    public static bool IsNamespaceOrInside(INamespaceSymbol? ns, string fullName)
    {
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (SymbolNames.Is(current, fullName))
                return true;
        }

        return false;
    }
}
