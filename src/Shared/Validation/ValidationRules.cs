using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Shared.Validation;

/// <summary>One validation attribute on a property, as C# text: the attribute to copy and the instance to validate with.</summary>
internal sealed class ValidationRule
{
    public ValidationRule(string attribute, string creation)
    {
        Attribute = attribute;
        Creation = creation;
    }

    /// <summary><c>global::System.ComponentModel.DataAnnotations.MaxLength(200)</c>, for an attribute list.</summary>
    public string Attribute { get; }

    /// <summary><c>new global::System.ComponentModel.DataAnnotations.MaxLengthAttribute(200)</c>.</summary>
    public string Creation { get; }
}

/// <summary>Reads DataAnnotations validation attributes (anything derived from <c>ValidationAttribute</c>) off a property.</summary>
internal static class ValidationRules
{
    public const string ValidationAttribute = "System.ComponentModel.DataAnnotations.ValidationAttribute";

    public static List<ValidationRule> Read(IPropertySymbol property)
    {
        var rules = new List<ValidationRule>();
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass is not { } type || !SymbolNames.DerivesFrom(type, ValidationAttribute))
                continue;

            var name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var arguments = string.Join(", ", attribute.ConstructorArguments.Select(Render));
            var named = string.Join(", ", attribute.NamedArguments.Select(n => $"{n.Key} = {Render(n.Value)}"));
            var shortName = name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
            var attributeArguments = string.Join(", ", new[] { arguments, named }.Where(s => s.Length > 0));
            rules.Add(new ValidationRule(
                attributeArguments.Length == 0 ? shortName : $"{shortName}({attributeArguments})",
                $"new {name}({arguments})" + (named.Length == 0 ? "" : $" {{ {named} }}")));
        }

        // JSON binds any number to an enum ("status": 7): an enum member only takes the values it defines.
        if (EnumOf(property.Type) is { } enumType && !rules.Any(r => r.Creation.StartsWith("new " + EnumDataType + "Attribute(", System.StringComparison.Ordinal)))
        {
            var type = $"typeof({enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})";
            rules.Add(new ValidationRule($"{EnumDataType}({type})", $"new {EnumDataType}Attribute({type})"));
        }

        return rules;
    }

    private const string EnumDataType = "global::System.ComponentModel.DataAnnotations.EnumDataType";

    private static ITypeSymbol? EnumOf(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            type = nullable.TypeArguments[0];
        return type.TypeKind == TypeKind.Enum ? type : null;
    }

    public static bool HasAny(ITypeSymbol type) =>
        type.GetMembers().OfType<IPropertySymbol>().Any(p => !p.IsStatic && Read(p).Count > 0);

    // typeof(X) must stay fully qualified in generated code; params arrays render as 'new T[] { … }'.
    private static string Render(TypedConstant constant) => constant.Kind switch
    {
        TypedConstantKind.Type when constant.Value is ITypeSymbol type => $"typeof({type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})",
        TypedConstantKind.Array when constant.IsNull => "null",
        TypedConstantKind.Array => $"new {constant.Type!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)} {{ {string.Join(", ", constant.Values.Select(Render))} }}",
        TypedConstantKind.Enum => EnumValue(constant),
        _ => constant.ToCSharpString(),
    };

    private static string EnumValue(TypedConstant constant) =>
        $"({constant.Type!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}){System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
