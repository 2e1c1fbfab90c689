using System.Linq;
using AiBackend.Generators.Common;
using AiBackend.Shared.Validation;
using Microsoft.CodeAnalysis;

namespace AiBackend.Generators.Validation;

internal static class ValidationParser
{
    public static EquatableArray<ValidationRuleModel> Rules(IPropertySymbol property) =>
        ValidationRules.Read(property).Select(r => new ValidationRuleModel(r.Attribute, r.Creation)).ToEquatableArray();

    /// <summary>A validator for every public instance property of <paramref name="type"/> that has validation attributes.</summary>
    public static ValidatorModel Validator(ITypeSymbol type, string methodName) => new(
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
        methodName,
        type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsStatic && p.DeclaredAccessibility == Accessibility.Public && p.GetMethod is not null)
            .Select(p => new ValidatedMemberModel(p.Name, JsonNames.CamelCase(p.Name), Rules(p)))
            .Where(m => m.Rules.Length > 0)
            .ToEquatableArray());
}
