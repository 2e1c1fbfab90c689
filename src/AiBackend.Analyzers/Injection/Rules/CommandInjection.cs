using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>AIB1002: request data decides the program or the command line of a started process.</summary>
internal static class CommandInjection
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.CommandInjection,
        "OS command injection",
        "Request data in a process's file name or argument string lets a client run other programs or smuggle extra arguments. Choose the program from constants and pass each argument through ProcessStartInfo.ArgumentList.");

    private const string ProcessStartInfo = "System.Diagnostics.ProcessStartInfo";

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.Command,
        "the command line",
        new[]
        {
            new MemberRule("System.Diagnostics.Process", "Start", parameters: new[] { "fileName", "arguments" }),
            new MemberRule(ProcessStartInfo, MemberRule.Constructor, parameters: new[] { "fileName", "arguments" }),
            new MemberRule(ProcessStartInfo, "FileName"),
            new MemberRule(ProcessStartInfo, "Arguments"),
        });
}
