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
    /// Whether the type's <see cref="FullName"/> is <paramref name="fullName"/>, compared name by name from the type
    /// outwards without building it: the taint engine asks this of most values and calls, and building the name
    /// allocated a string each time.
    /// </summary>
    public static bool Is(ITypeSymbol? type, string fullName) => type is INamedTypeSymbol named && HasFullName(named, fullName);

    public static bool DerivesFrom(ITypeSymbol? type, string fullName)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (HasFullName(current, fullName))
                return true;
        }

        return false;
    }

    /// <summary>Whether the namespace is <paramref name="fullName"/> (<c>System.Threading.Tasks</c>), compared without building its name.</summary>
    public static bool IsNamespace(INamespaceSymbol? ns, string fullName)
    {
        var end = fullName.Length;
        return ns is not null && EndsWithNamespace(ns, fullName, ref end) && end == 0;
    }

    /// <summary>Whether the namespace is <paramref name="fullName"/> or inside it (<c>System.Collections.Generic</c> is inside <c>System.Collections</c>).</summary>
    public static bool IsNamespaceOrInside(INamespaceSymbol? ns, string fullName)
    {
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (IsNamespace(current, fullName))
                return true;
        }

        return false;
    }

    private static bool HasFullName(INamedTypeSymbol type, string fullName)
    {
        var end = fullName.Length;
        ISymbol symbol = type;
        while (true)
        {
            if (!TrimSegment(fullName, ref end, symbol.Name))
                return false;
            if (symbol.ContainingType is { } container)
            {
                symbol = container;
                if (!TrimDot(fullName, ref end))
                    return false;
                continue;
            }

            var ns = symbol.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
                return end == 0;
            return TrimDot(fullName, ref end) && EndsWithNamespace(ns, fullName, ref end) && end == 0;
        }
    }

    /// <summary>Trims the namespace's name, segment by segment, off the end of <c>fullName[..end]</c>.</summary>
    private static bool EndsWithNamespace(INamespaceSymbol ns, string fullName, ref int end)
    {
        for (var current = ns; ; current = current.ContainingNamespace)
        {
            if (current.IsGlobalNamespace)
                return true;
            if (!TrimSegment(fullName, ref end, current.Name))
                return false;
            if (current.ContainingNamespace is not { IsGlobalNamespace: false })
                return true;
            if (!TrimDot(fullName, ref end))
                return false;
        }
    }

    private static bool TrimSegment(string fullName, ref int end, string segment)
    {
        if (segment.Length > end || string.CompareOrdinal(fullName, end - segment.Length, segment, 0, segment.Length) != 0)
            return false;
        end -= segment.Length;
        return true;
    }

    private static bool TrimDot(string fullName, ref int end)
    {
        if (end == 0 || fullName[end - 1] != '.')
            return false;
        end--;
        return true;
    }
}
