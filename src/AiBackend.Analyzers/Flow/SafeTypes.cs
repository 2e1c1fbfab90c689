using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>Types whose values cannot carry an injection payload: numbers, booleans, enums, Guids, dates, versions.</summary>
internal static class SafeTypes
{
    public static bool IsSafe(ITypeSymbol? type)
    {
        if (type is null)
            return false;
        if (type.TypeKind == TypeKind.Enum)
            return true;

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_DateTime:
            case SpecialType.System_Void:
                return true;
        }

        if (type is IArrayTypeSymbol array)
            return IsSafe(array.ElementType);
        if (type is not INamedTypeSymbol named)
            return false;

        // A sequence of numbers is as harmless as a number (ids.Split(',').Select(int.Parse)).
        if (named.IsGenericType && IsCollection(named) && named.TypeArguments.All(IsSafe))
            return true;

        if (named.IsGenericType && named.TypeArguments.Length == 1)
        {
            var definition = named.OriginalDefinition;
            if (definition.SpecialType == SpecialType.System_Nullable_T || IsTaskOf(definition))
                return IsSafe(named.TypeArguments[0]);
        }

        if (named.ContainingNamespace is null)
            return false;
        var ns = named.ContainingNamespace.ToDisplayString();
        return (ns, named.Name, named.Arity) switch
        {
            ("System", "Guid", 0) => true,
            // Version.Parse accepts digits and dots only.
            ("System", "Version", 0) => true,
            ("System", "DateTimeOffset", 0) => true,
            ("System", "TimeSpan", 0) => true,
            ("System", "DateOnly", 0) => true,
            ("System", "TimeOnly", 0) => true,
            ("System", "Half", 0) => true,
            ("System", "Int128", 0) => true,
            ("System", "UInt128", 0) => true,
            ("System.Threading", "CancellationToken", 0) => true,
            ("System.Threading.Tasks", "Task", 0) => true,
            ("System.Threading.Tasks", "ValueTask", 0) => true,
            _ => false,
        };
    }

    private static bool IsCollection(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        return ns.StartsWith("System.Collections", System.StringComparison.Ordinal) || ns == "System.Linq";
    }

    private static bool IsTaskOf(INamedTypeSymbol definition) =>
        definition.Name is "Task" or "ValueTask" && definition.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
}
