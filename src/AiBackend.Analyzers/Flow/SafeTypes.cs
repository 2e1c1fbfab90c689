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

        // The name first: this runs for most values the engine tracks, and most are named otherwise.
        return named.Arity == 0 && named.Name switch
        {
            "Guid" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly" or "Half" or "Int128" or "UInt128" => TypeNames.IsNamespace(named.ContainingNamespace, "System"),
            // Version.Parse accepts digits and dots only.
            "Version" => TypeNames.IsNamespace(named.ContainingNamespace, "System"),
            "CancellationToken" => TypeNames.IsNamespace(named.ContainingNamespace, "System.Threading"),
            "Task" or "ValueTask" => TypeNames.IsNamespace(named.ContainingNamespace, "System.Threading.Tasks"),
            _ => false,
        };
    }

    private static bool IsCollection(INamedTypeSymbol type) =>
        TypeNames.IsNamespaceOrInside(type.ContainingNamespace, "System.Collections") || TypeNames.IsNamespace(type.ContainingNamespace, "System.Linq");

    private static bool IsTaskOf(INamedTypeSymbol definition) =>
        definition.Name is "Task" or "ValueTask" && TypeNames.IsNamespace(definition.ContainingNamespace, "System.Threading.Tasks");
}
