using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>
/// AIB1009: request data is parsed by an XML reader configured to process DTDs and resolve external entities.
/// .NET's defaults are safe; only a parser whose configuration in the same member turns that on is a sink.
/// </summary>
internal static class XmlExternalEntities
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.XmlExternalEntities,
        "XML external entities",
        "An XML parser that processes DTDs with a resolver lets a client's document read local files or call internal URLs through external entities. Keep the defaults: DtdProcessing.Prohibit and no XmlResolver.");

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.Xml,
        "an XML parser that resolves external entities",
        new[]
        {
            new MemberRule("System.Xml.XmlDocument", "Load", derived: true, condition: ReceiverResolvesEntities),
            new MemberRule("System.Xml.XmlDocument", "LoadXml", derived: true, condition: ReceiverResolvesEntities),
            new MemberRule("System.Xml.XmlReader", "Create", parameters: new[] { "input", "inputUri" }, condition: SettingsProcessDtds),
        });

    /// <summary><c>doc.XmlResolver = new XmlUrlResolver()</c> (or any non-null resolver) on the receiver.</summary>
    private static bool ReceiverResolvesEntities(IOperation call) =>
        call is IInvocationOperation { Instance: { } receiver }
        && ObjectConfiguration.Find(receiver, "XmlResolver") is { } resolver
        && !ObjectConfiguration.IsNull(resolver);

    /// <summary>Settings with <c>DtdProcessing = DtdProcessing.Parse</c> and a resolver not set to null.</summary>
    private static bool SettingsProcessDtds(IOperation call)
    {
        if (call is not IInvocationOperation invocation)
            return false;
        var settings = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "settings")?.Value;
        if (settings is null || settings is IDefaultValueOperation)
            return false;
        var dtd = ObjectConfiguration.Find(settings, "DtdProcessing");
        if (dtd is null || !dtd.ToString().EndsWith("Parse", System.StringComparison.Ordinal))
            return false;
        var resolver = ObjectConfiguration.Find(settings, "XmlResolver");
        return resolver is null || !ObjectConfiguration.IsNull(resolver);
    }
}
