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

    public static bool Is(ITypeSymbol? type, string fullName) => type is INamedTypeSymbol named && FullName(named) == fullName;

    public static bool DerivesFrom(ITypeSymbol? type, string fullName)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (FullName(current) == fullName)
                return true;
        }

        return false;
    }
}
