using System.Linq;
using AiBackend.Generators.Common;

using static AiBackend.Generators.Common.CSharpText;

namespace AiBackend.Generators.Validation;

/// <summary>
/// Writes a <c>Validate</c> method that runs each member's DataAnnotations attributes directly (instances created once,
/// no reflection over the type) and returns the errors by JSON name, or null when the value is valid.
/// </summary>
internal static class ValidationEmitter
{
    private const string DataAnnotations = "global::System.ComponentModel.DataAnnotations.";

    public static void Emit(SourceWriter writer, ValidatorModel validator, string accessibility)
    {
        foreach (var member in validator.Members)
            writer.Line($"private static readonly {DataAnnotations}ValidationAttribute[] {RulesField(validator, member)} = {{ {string.Join(", ", member.Rules.Select(r => r.Creation))} }};");
        writer.Line();
        writer.Line($"/// <summary>Checks <paramref name=\"value\"/> against its validation attributes.</summary>");
        writer.Line("/// <param name=\"value\">The value to check.</param>");
        writer.Line("/// <returns>The errors by member (JSON names), or null when the value is valid.</returns>");
        writer.Open($"{accessibility} static global::System.Collections.Generic.Dictionary<string, string[]>? {validator.MethodName}({validator.TypeName} value)");
        writer.Line("global::System.Collections.Generic.Dictionary<string, string[]>? errors = null;");
        foreach (var member in validator.Members)
            writer.Line($"AddErrors(ref errors, value, {Literal(member.JsonName)}, {Literal(member.Name)}, value.{member.Name}, {RulesField(validator, member)});");
        writer.Line("return errors;");
        writer.Close();
    }

    /// <summary>The helper every validator calls; written once per generated class.</summary>
    public static void EmitHelper(SourceWriter writer)
    {
        writer.Line();
        writer.Open($"private static void AddErrors(ref global::System.Collections.Generic.Dictionary<string, string[]>? errors, object instance, string key, string member, object? memberValue, {DataAnnotations}ValidationAttribute[] rules)");
        writer.Line("global::System.Collections.Generic.List<string>? messages = null;");
        writer.Line($"var context = new {DataAnnotations}ValidationContext(instance, member, null, null) {{ MemberName = member }};");
        writer.Open("foreach (var rule in rules)");
        writer.Line("var result = rule.GetValidationResult(memberValue, context);");
        writer.Line("if (result is not null)");
        writer.Line("    (messages ??= new global::System.Collections.Generic.List<string>()).Add(result.ErrorMessage ?? $\"The {member} field is invalid.\");");
        writer.Close();
        writer.Line("if (messages is not null)");
        writer.Line("    (errors ??= new global::System.Collections.Generic.Dictionary<string, string[]>())[key] = messages.ToArray();");
        writer.Close();
    }

    private static string RulesField(ValidatorModel validator, ValidatedMemberModel member) => $"{validator.MethodName}{member.Name}Rules";
}
