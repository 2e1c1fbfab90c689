using System;
using System.Globalization;
using System.Linq;
using AiBackend.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

using static AiBackend.Generators.Common.CSharpText;

namespace AiBackend.Generators.EndpointTests;

/// <summary>
/// Values for a request DTO's members that satisfy their DataAnnotations (length, range, e-mail, URL, allowed values…),
/// a second set that differs from the first (for updates), and one value that breaks a rule (for the 400 test).
/// </summary>
internal static class SampleValues
{
    private const string Annotations = "System.ComponentModel.DataAnnotations.";

    /// <summary>A valid C# expression for <paramref name="property"/>, or null when none can be derived (a regex, an unknown type).</summary>
    public static string? Valid(IPropertySymbol property, int variant)
    {
        var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : property.Type;
        if (Attribute(property, "AllowedValuesAttribute") is { } allowed && allowed.ConstructorArguments.FirstOrDefault() is { Kind: TypedConstantKind.Array, IsNull: false } values && values.Values.Length > 0)
            return values.Values[Math.Min(variant, values.Values.Length - 1)].ToCSharpString();
        if (Attribute(property, "RegularExpressionAttribute") is not null)
            return null;

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return Literal(Text(property, variant));
            case SpecialType.System_Boolean:
                return variant == 0 ? "true" : "false";
            case SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
                or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_SByte:
                return Number(property, variant, integral: true);
            case SpecialType.System_Decimal:
                return Number(property, variant, integral: false) + "m";
            case SpecialType.System_Double:
                return Number(property, variant, integral: false) + "d";
            case SpecialType.System_Single:
                return Number(property, variant, integral: false) + "f";
            case SpecialType.System_DateTime:
                return $"new global::System.DateTime(2030, 1, {variant + 1}, 0, 0, 0, global::System.DateTimeKind.Utc)";
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            var fields = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
            return fields.Count == 0 ? null : $"{type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}.{fields[Math.Min(variant, fields.Count - 1)].Name}";
        }

        return type.ToDisplayString() switch
        {
            "System.Guid" => variant == 0 ? "new global::System.Guid(\"6f9619ff-8b86-d011-b42d-00c04fc964ff\")" : "new global::System.Guid(\"0e984725-c51c-4bf4-9960-e1c80e27aba0\")",
            "System.DateTimeOffset" => $"new global::System.DateTimeOffset(2030, 1, {variant + 1}, 0, 0, 0, global::System.TimeSpan.Zero)",
            "System.DateOnly" => $"new global::System.DateOnly(2030, 1, {variant + 1})",
            "System.TimeOnly" => $"new global::System.TimeOnly({9 + variant}, 30)",
            "System.TimeSpan" => $"global::System.TimeSpan.FromMinutes({15 + variant})",
            _ => null,
        };
    }

    /// <summary>A value that breaks one of the member's rules, or null when it has none we can break safely.</summary>
    public static InvalidValueModel? Invalid(IPropertySymbol property)
    {
        var json = JsonNames.CamelCase(property.Name);
        var isString = property.Type.SpecialType == SpecialType.System_String;
        if (isString && Attribute(property, "RequiredAttribute") is { } required && !(required.NamedArguments.Any(n => n.Key == "AllowEmptyStrings" && n.Value.Value is true)))
            return new InvalidValueModel(property.Name, "\"\"", json, "is required");
        if (isString && MaxLength(property) is { } max and < 10_000)
            return new InvalidValueModel(property.Name, Literal(new string('x', max + 1)), json, $"is longer than {max}");
        if (isString && MinLength(property) is { } min and > 1)
            return new InvalidValueModel(property.Name, "\"x\"", json, $"is shorter than {min}");
        var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : property.Type;
        if (Attribute(property, "RangeAttribute") is { ConstructorArguments.Length: 2 } range && range.ConstructorArguments[1].Value is int top && top < int.MaxValue
            && type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64)
            return new InvalidValueModel(property.Name, (top + 1L).ToString(CultureInfo.InvariantCulture), json, $"is above {top}");
        return null;
    }

    /// <summary>
    /// A natural string key the create request carries: every item a test creates needs its own, so the expression
    /// calls the tests' <c>NextKey</c> with the length a valid sample has. Null when the format is constrained.
    /// </summary>
    public static string? UniqueKey(IPropertySymbol property) =>
        Attribute(property, "EmailAddressAttribute") is not null || Attribute(property, "UrlAttribute") is not null
        || Attribute(property, "PhoneAttribute") is not null || Attribute(property, "RegularExpressionAttribute") is not null
        || Attribute(property, "AllowedValuesAttribute") is not null
            ? null
            : $"NextKey({Text(property, 0).Length.ToString(CultureInfo.InvariantCulture)})";

    private static string Text(IPropertySymbol property, int variant)
    {
        if (Attribute(property, "EmailAddressAttribute") is not null)
            return variant == 0 ? "sample@example.com" : "updated@example.com";
        if (Attribute(property, "UrlAttribute") is not null)
            return variant == 0 ? "https://example.com/sample" : "https://example.com/updated";
        if (Attribute(property, "PhoneAttribute") is not null)
            return variant == 0 ? "+1 555 0100" : "+1 555 0101";

        var text = (variant == 0 ? "Sample " : "Updated ") + property.Name;
        var min = MinLength(property) ?? 0;
        if (text.Length < min)
            text = text.PadRight(min, 'x');
        if (MaxLength(property) is { } max && text.Length > max)
            text = text.Substring(0, max);
        return text;
    }

    private static string Number(IPropertySymbol property, int variant, bool integral)
    {
        if (Attribute(property, "RangeAttribute") is { ConstructorArguments.Length: >= 2 } range)
        {
            var low = Convert.ToDouble(range.ConstructorArguments[0].Value ?? 0, CultureInfo.InvariantCulture);
            var high = Convert.ToDouble(range.ConstructorArguments[1].Value ?? 0, CultureInfo.InvariantCulture);
            var value = Math.Min(high, low + variant);
            return integral ? ((long)Math.Ceiling(value)).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
        }

        return (1 + variant).ToString(CultureInfo.InvariantCulture);
    }

    private static int? MaxLength(IPropertySymbol property)
    {
        if (Attribute(property, "MaxLengthAttribute") is { ConstructorArguments.Length: 1 } maxLength && maxLength.ConstructorArguments[0].Value is int max && max > 0)
            return max;
        if (Attribute(property, "StringLengthAttribute") is { ConstructorArguments.Length: 1 } stringLength && stringLength.ConstructorArguments[0].Value is int length)
            return length;
        if (Attribute(property, "LengthAttribute") is { ConstructorArguments.Length: 2 } both && both.ConstructorArguments[1].Value is int upper)
            return upper;
        return null;
    }

    private static int? MinLength(IPropertySymbol property)
    {
        if (Attribute(property, "MinLengthAttribute") is { ConstructorArguments.Length: 1 } minLength && minLength.ConstructorArguments[0].Value is int min)
            return min;
        if (Attribute(property, "StringLengthAttribute") is { } stringLength && stringLength.NamedArguments.FirstOrDefault(n => n.Key == "MinimumLength").Value.Value is int minimum)
            return minimum;
        if (Attribute(property, "LengthAttribute") is { ConstructorArguments.Length: 2 } both && both.ConstructorArguments[0].Value is int lower)
            return lower;
        return null;
    }

    private static AttributeData? Attribute(IPropertySymbol property, string name) =>
        property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == Annotations + name);
}
