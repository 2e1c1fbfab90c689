using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Analyzers.ErrorHandling;

/// <summary>
/// AIB2001: a catch that neither logs, rethrows, wraps, records nor turns the failure into an error result or a
/// meaningful value. Deliberate cases stay quiet: a filter (<c>when</c>), cancellation, a comment that explains the
/// empty block, <c>Try*</c> methods returning <c>false</c>, and best-effort cleanup in <c>Dispose</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExceptionSwallowedAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.ExceptionSwallowed,
        title: "Exception swallowed",
        messageFormat: "This catch swallows {0}: it neither logs, rethrows nor returns an error",
        RuleCategories.ErrorHandling,
        DiagnosticSeverity.Warning,
        description: "A swallowed exception turns a failure into a silent wrong answer: the client gets a success, nobody sees the error, and the bug surfaces far away. Log it, rethrow it, or turn it into an error result.");

    private static readonly string[] ErrorResults =
    {
        "Problem", "ValidationProblem", "BadRequest", "NotFound", "Conflict", "StatusCode", "UnprocessableEntity",
        "Unauthorized", "Forbid", "InternalServerError", "ServiceUnavailable",
    };

    private static readonly string[] CleanupMethods = { "Dispose", "DisposeAsync", "Finalize", "Close" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeCatch, OperationKind.CatchClause);
    }

    private static void AnalyzeCatch(OperationAnalysisContext context)
    {
        var clause = (ICatchClauseOperation)context.Operation;
        if (clause.Syntax is not CatchClauseSyntax syntax || clause.Filter is not null || IsCancellation(clause.ExceptionType))
            return;
        if (context.ContainingSymbol is IMethodSymbol { Name: var name } && Array.IndexOf(CleanupMethods, name) >= 0)
            return;
        if (HasExplainingComment(syntax.Block) || Handles(clause, context.ContainingSymbol))
            return;

        var span = TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, (syntax.Declaration?.Span ?? syntax.CatchKeyword.Span).End);
        var what = clause.ExceptionType is { SpecialType: SpecialType.System_Object } || clause.ExceptionType.Name == "Exception"
            ? "every exception"
            : $"'{clause.ExceptionType.Name}'";
        context.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(syntax.SyntaxTree, span), what));
    }

    /// <summary>What counts as dealing with the failure.</summary>
    private static bool Handles(ICatchClauseOperation clause, ISymbol containingSymbol)
    {
        var handler = clause.Handler;
        var exception = (clause.ExceptionDeclarationOrExpression as IVariableDeclaratorOperation)?.Symbol;
        foreach (var operation in handler.Descendants())
        {
            switch (operation)
            {
                case IThrowOperation:
                    return true;
                case ILocalReferenceOperation local when exception is not null && SymbolEqualityComparer.Default.Equals(local.Local, exception):
                    return true;
                case IInvocationOperation invocation when IsLogging(invocation.TargetMethod) || IsErrorResult(invocation.TargetMethod.Name):
                    return true;
                case IObjectCreationOperation creation when creation.Type is { } type && IsErrorResultType(type):
                    return true;
                case IAssignmentOperation assignment when assignment.Target is not IDiscardOperation && RecordsSomething(assignment.Value):
                    return true;
                case IReturnOperation { ReturnedValue: { } value } when IsMeaningful(value, containingSymbol):
                    return true;
            }
        }

        return false;
    }

    /// <summary>ILogger, Serilog, NLog, log4net, Trace and Console.Error all count; Debug output does not (it is compiled out).</summary>
    private static bool IsLogging(IMethodSymbol method)
    {
        var type = method.ContainingType?.Name ?? "";
        if (type is "Debug")
            return false;
        return method.Name.StartsWith("Log", StringComparison.Ordinal)
            || type.IndexOf("Log", StringComparison.Ordinal) >= 0
            || type is "Trace" or "TraceSource" or "Activity" or "TelemetryClient"
            || method.Name is "TrackException" or "AddException" or "CaptureException" or "SetStatus"
            || type == "TextWriter" && method.Name.StartsWith("Write", StringComparison.Ordinal);
    }

    private static bool IsErrorResult(string name) => Array.IndexOf(ErrorResults, name) >= 0;

    private static bool IsErrorResultCall(IOperation value) =>
        value is IInvocationOperation invocation && IsErrorResult(invocation.TargetMethod.Name)
        || value is IObjectCreationOperation { Type: { } created } && IsErrorResultType(created);

    private static bool IsResult(ITypeSymbol type) =>
        type.Name is "IResult" or "IActionResult"
        || type.AllInterfaces.Any(i => i.Name is "IResult" or "IActionResult");

    private static bool IsErrorResultType(ITypeSymbol type) =>
        type.Name.EndsWith("Exception", StringComparison.Ordinal)
        || ErrorResults.Any(r => type.Name.StartsWith(r, StringComparison.Ordinal))
        || type.Name is "ProblemDetails" or "ValidationProblemDetails" or "ObjectResult";

    /// <summary>
    /// A returned value the caller can act on. <c>null</c> and <c>default</c> hide the failure, except where the method
    /// is a <c>Try*</c> method answering <c>false</c>.
    /// </summary>
    private static bool IsMeaningful(IOperation value, ISymbol containingSymbol)
    {
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        if (value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null })
            return false;

        // return Ok() / Results.NoContent(): the failure is reported to the client as a success.
        if (value.Type is { } type && IsResult(type) && !IsErrorResultCall(value))
            return false;
        if (value.ConstantValue is { HasValue: true, Value: false })
            return containingSymbol.Name.StartsWith("Try", StringComparison.Ordinal);
        return true;
    }

    /// <summary><c>failed = true</c>, <c>result = Result.Failure(…)</c> record the failure; <c>x = null</c> hides it.</summary>
    private static bool RecordsSomething(IOperation value)
    {
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        return value is not IDefaultValueOperation && value.ConstantValue is not { HasValue: true, Value: null };
    }

    private static bool IsCancellation(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name is "OperationCanceledException" or "TaskCanceledException")
                return true;
        }

        return false;
    }

    /// <summary>An empty block with a comment inside is a documented decision, not an oversight.</summary>
    private static bool HasExplainingComment(BlockSyntax block) =>
        block.Statements.Count == 0
        && block.DescendantTrivia().Concat(block.CloseBraceToken.LeadingTrivia)
            .Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia));
}
