using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>
/// AIB1002: request data decides the program or the command line of a started process, or is typed into a shell
/// through its standard input.
/// </summary>
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
            // A shell reads its standard input as commands; any other program reads it as data, so only a shell counts.
            new MemberRule("System.IO.TextWriter", "Write", derived: true, condition: WritesToShellInput),
            new MemberRule("System.IO.TextWriter", "WriteLine", derived: true, condition: WritesToShellInput),
            new MemberRule("System.IO.TextWriter", "WriteAsync", derived: true, condition: WritesToShellInput),
            new MemberRule("System.IO.TextWriter", "WriteLineAsync", derived: true, condition: WritesToShellInput),
        });

    private static readonly string[] Shells = { "cmd", "bash", "sh", "zsh", "dash", "ksh", "powershell", "pwsh" };

    /// <summary>
    /// The writer is a process's <c>StandardInput</c> (directly, or a local read from it), and the member that writes
    /// starts a shell: a constant program name of a known shell, as the file name of a <c>ProcessStartInfo</c> or of
    /// <c>Process.Start</c>.
    /// </summary>
    private static bool WritesToShellInput(IOperation call)
    {
        if (call is not IInvocationOperation { Instance: { } writer } || !IsStandardInput(writer))
            return false;
        var scope = Injection.ObjectConfiguration.Scope(call.Syntax);
        return scope is not null && scope.DescendantNodes().Any(NamesShellProgram);
    }

    private static bool IsStandardInput(IOperation writer)
    {
        while (writer is IConversionOperation { Operand: var operand })
            writer = operand;
        if (writer is IPropertyReferenceOperation { Property.Name: "StandardInput" } property)
            return TypeNames.FullName(property.Property.ContainingType) == "System.Diagnostics.Process";
        // var input = process.StandardInput;
        return writer is ILocalReferenceOperation { Local.DeclaringSyntaxReferences: { Length: 1 } references }
            && references[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StandardInput" } };
    }

    /// <summary><c>FileName = "bash"</c>, <c>new ProcessStartInfo("cmd.exe", …)</c> or <c>Process.Start("/bin/sh", …)</c>.</summary>
    private static bool NamesShellProgram(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax or MemberAccessExpressionSyntax, Right: LiteralExpressionSyntax literal } assignment
            => AssignedName(assignment.Left) == "FileName" && IsShell(literal),
        ObjectCreationExpressionSyntax { Type: var type, ArgumentList.Arguments: { Count: > 0 } arguments }
            => type.ToString().EndsWith("ProcessStartInfo", StringComparison.Ordinal) && IsShell(arguments[0].Expression),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var target, Name.Identifier.ValueText: "Start" }, ArgumentList.Arguments: { Count: > 0 } arguments }
            => target.ToString().EndsWith("Process", StringComparison.Ordinal) && IsShell(arguments[0].Expression),
        _ => false,
    };

    private static string? AssignedName(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool IsShell(ExpressionSyntax expression)
    {
        if (expression is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            return false;
        var program = literal.Token.ValueText.Replace('\\', '/');
        program = program.Substring(program.LastIndexOf('/') + 1);
        if (program.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
            program = program.Substring(0, program.Length - 4);
        return Shells.Contains(program, StringComparer.OrdinalIgnoreCase);
    }
}
