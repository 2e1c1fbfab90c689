using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.AiFix.Implement;

/// <summary>
/// New code is checked as if its arguments came from a request, whoever calls it today: verification analyses a copy of
/// the project (never applied) with one more class that calls the method with values from a source the injection rules
/// are told about through the standard option (<c>aibackend.taint.sources</c>, in a global config that outranks the
/// project's and keeps its sources). So SQL built from an argument is reported in the new method even before any
/// endpoint calls it. Methods the probe cannot call (private, generic) are checked against their real callers only.
/// </summary>
internal static class UntrustedArgumentsProbe
{
    private const string ProbeType = "AiBackendImplementProbe";
    private const string SourceOption = "aibackend.taint.sources";

    // The probe's source as a message names it: "(line 5)", or with the probe's file when the sink is in the method.
    private static readonly Regex SourceInMessage = new($"'{ProbeType}\\.Untrusted' \\((?:{ProbeType}\\.cs )?line \\d+\\)", RegexOptions.CultureInvariant, System.TimeSpan.FromSeconds(1));

    // The probe's call at the head of a path (through 'Probe.Run' → 'Repository.Search' → …): only the steps after it mean something.
    private static readonly Regex ProbeOnlyStep = new($" through '{ProbeType}\\.Run' → '[^']*'(?! →)", RegexOptions.CultureInvariant, System.TimeSpan.FromSeconds(1));
    private static readonly Regex ProbeStep = new($"'{ProbeType}\\.Run' → ", RegexOptions.CultureInvariant, System.TimeSpan.FromSeconds(1));

    public static Project Add(Project project, IMethodSymbol method)
    {
        if (Call(method) is not { } call)
            return project;

        var directory = Path.GetDirectoryName(project.FilePath ?? "") is { Length: > 0 } folder ? folder : Path.GetTempPath();
        var sources = project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(SourceOption, out var existing) && existing.Trim().Length > 0
            ? existing + ", " + ProbeType + ".Untrusted"
            : ProbeType + ".Untrusted";
        var config = $"is_global = true\nglobal_level = 10000\n{SourceOption} = {sources}\n";
        project = project.AddAnalyzerConfigDocument(ProbeType + ".globalconfig", SourceText.From(config), filePath: Path.Combine(directory, ProbeType + ".globalconfig")).Project;

        return project.AddDocument(ProbeType + ".cs", SourceText.From(call), filePath: Path.Combine(directory, ProbeType + ".cs")).Project;
    }

    /// <summary>Whether a finding is in the probe: the method's own code reaches a sink with what a caller passes.</summary>
    public static bool IsIn(Diagnostic diagnostic) =>
        Path.GetFileName(diagnostic.Location.SourceTree?.FilePath) == ProbeType + ".cs";

    /// <summary>Whether a finding's message names the probe's source (reported in the method's own code, at its sink).</summary>
    public static bool Mentions(Diagnostic diagnostic) => SourceInMessage.IsMatch(diagnostic.GetMessage());

    /// <summary>A diagnostic message with the probe's source named as what it stands for, and the probe's call left out of the path.</summary>
    public static string Explain(string message) =>
        ProbeStep.Replace(ProbeOnlyStep.Replace(SourceInMessage.Replace(message, "an argument from a caller"), ""), "");

    /// <summary>The probe class's source, or null when it could not call the method.</summary>
    private static string? Call(IMethodSymbol method)
    {
        if (method.IsGenericMethod || !Callable(method) || method.Parameters.Any(p => p.Type.IsRefLikeType || p.Type is IPointerTypeSymbol))
            return null;
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType || !Callable(type) || type.IsFileLocal)
                return null;
        }

        var format = SymbolDisplayFormat.FullyQualifiedFormat;
        var code = new StringBuilder();
        code.AppendLine("internal static class " + ProbeType).AppendLine("{");
        code.AppendLine("    internal static T Untrusted<T>() => default!;");
        var receiver = method.IsStatic ? method.ContainingType.ToDisplayString(format) : "target";
        code.Append("    internal static void Run(").Append(method.IsStatic ? "" : method.ContainingType.ToDisplayString(format) + " target").AppendLine(")").AppendLine("    {");
        var arguments = method.Parameters.Select((p, i) =>
        {
            var type = p.Type.ToDisplayString(format);
            if (p.RefKind is RefKind.Ref)
            {
                code.AppendLine($"        var argument{i} = Untrusted<{type}>();");
                return $"ref argument{i}";
            }

            return p.RefKind is RefKind.Out ? "out _" : $"Untrusted<{type}>()";
        }).ToList();
        code.Append("        ").Append(method.ReturnsVoid ? "" : "_ = ").Append(receiver).Append('.').Append(method.Name).Append('(').Append(string.Join(", ", arguments)).AppendLine(");");
        code.AppendLine("    }").AppendLine("}");
        return code.ToString();
    }

    private static bool Callable(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;
}
