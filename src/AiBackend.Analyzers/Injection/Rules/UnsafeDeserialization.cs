using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>
/// AIB1008 (flow part): request data chooses the type a deserializer creates. The configuration part
/// (TypeNameHandling, BinaryFormatter) is <see cref="UnsafeDeserializerAnalyzer"/>.
/// </summary>
internal static class UnsafeDeserialization
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        RuleIds.UnsafeDeserialization,
        "Unsafe deserialization",
        "{0} reaches {1}{2}",
        RuleCategories.Injection,
        DiagnosticSeverity.Warning,
        "Letting the payload choose which .NET type to create (BinaryFormatter, TypeNameHandling other than None, a type name from the request) lets a client instantiate gadget types and run code. Deserialize to a fixed type.");

    private static readonly string[] TypeParameter = { "type", "returnType", "objectType" };

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.Deserialization,
        "the type a deserializer creates",
        new[]
        {
            new MemberRule("System.Text.Json.JsonSerializer", "Deserialize", parameters: TypeParameter),
            new MemberRule("System.Text.Json.JsonSerializer", "DeserializeAsync", parameters: TypeParameter),
            new MemberRule("Newtonsoft.Json.JsonConvert", "DeserializeObject", parameters: TypeParameter),
            new MemberRule("Newtonsoft.Json.JsonSerializer", "Deserialize", parameters: TypeParameter),
            new MemberRule("System.Xml.Serialization.XmlSerializer", MemberRule.Constructor, parameters: TypeParameter),
            new MemberRule("System.Runtime.Serialization.DataContractSerializer", MemberRule.Constructor, parameters: TypeParameter),
            new MemberRule("System.Runtime.Serialization.Json.DataContractJsonSerializer", MemberRule.Constructor, parameters: TypeParameter),
        });
}
