using AiBackend.Generators.Common;

namespace AiBackend.Generators.Validation;

/// <summary>One validation attribute: as an attribute to copy, and as the instance that validates.</summary>
internal sealed record ValidationRuleModel(string Attribute, string Creation);

/// <summary>A member to validate, with the JSON name errors are reported under.</summary>
internal sealed record ValidatedMemberModel(string Name, string JsonName, EquatableArray<ValidationRuleModel> Rules);

/// <summary>A type whose members are validated by generated code (no reflection at run time).</summary>
internal sealed record ValidatorModel(string TypeName, string MethodName, EquatableArray<ValidatedMemberModel> Members);
