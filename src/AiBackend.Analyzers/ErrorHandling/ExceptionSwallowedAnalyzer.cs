using System;
using System.Collections.Generic;
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
/// AIB2001: a catch that neither logs, rethrows, wraps, records, compensates nor turns the failure into an error result
/// or a meaningful value. Deliberate cases stay quiet: a filter (<c>when</c>), cancellation, a comment that explains
/// an empty block catching one specific exception type, checks (<c>Try*</c>, <c>Is*</c>, <c>Validate*</c>…) answering
/// <c>false</c>, retries with a back-off, and best-effort cleanup in <c>Dispose</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExceptionSwallowedAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.ExceptionSwallowed,
        title: "Exception swallowed",
        messageFormat: "This catch swallows {0}: it neither logs, rethrows nor returns an error",
        RuleCategories.ErrorHandling,
        DiagnosticSeverity.Info, // a suggestion until precise on real code (docs/severity.md, docs/real-world.md)
        description: "A swallowed exception turns a failure into a silent wrong answer: the client gets a success, nobody sees the error, and the bug surfaces far away. Log it, rethrow it, or turn it into an error result.");

    private static readonly string[] ErrorResults =
    {
        "Problem", "ValidationProblem", "BadRequest", "NotFound", "Conflict", "StatusCode", "UnprocessableEntity",
        "Unauthorized", "Forbid", "InternalServerError", "ServiceUnavailable",
    };

    private static readonly string[] CleanupMethods = { "Dispose", "DisposeAsync", "Finalize", "Close" };

    /// <summary>
    /// Words in a called method's name that say the failure is acted on: undoing the work (<c>transaction.Rollback()</c>,
    /// <c>ResetConnection()</c>), falling back (<c>FallbackAsync()</c>), marking it failed (<c>FailPlugin(…)</c>), or
    /// showing it (<c>ModelState.AddModelError(…)</c>, <c>ShowWarning(…)</c>). Matched case-sensitively, so only as the
    /// start of a PascalCase word: <c>Preset</c> or <c>Terrors</c> do not count.
    /// </summary>
    private static readonly string[] CompensatingWords =
    {
        "Rollback", "RollBack", "Reset", "Revert", "Undo", "Abort", "Cancel", "Compensate", "Fail", "Fallback",
        "Recover", "Retry", "Restore", "Reconnect", "Invalid", "Error", "Warn",
    };

    /// <summary>Prefixes of methods that answer a question: their <c>false</c> in a catch is the answer "no".</summary>
    private static readonly string[] CheckPrefixes = { "Try", "Is", "Can", "Could", "Has", "Should", "Validate", "Check", "Verify", "Contains", "Exists", "Supports", "Matches" };

    /// <summary>Suffixes of the same: <c>UserExists</c>, <c>TokenValid</c>.</summary>
    private static readonly string[] CheckSuffixes = { "Exists", "Valid" };

    /// <summary>Catching these is catching everything: a comment cannot explain failures nobody foresaw.</summary>
    private static readonly string[] CatchAllTypes = { "System.Exception", "System.SystemException", "System.ApplicationException" };

    /// <summary>Comment markers that admit the catch is unfinished rather than explain it.</summary>
    private static readonly string[] UnfinishedMarkers = { "TODO", "FIXME", "HACK" };

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
        if (Handles(clause, context.ContainingSymbol))
            return;
        if (!CatchesEverything(clause.ExceptionType)
            && (HasExplainingComment(syntax.Block) || IsLookupFallback(clause) || IsCarvedOutOfAHandledCatch(clause, context.ContainingSymbol)))
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
                case IInvocationOperation invocation when IsLogging(invocation.TargetMethod) || IsErrorResult(invocation.TargetMethod.Name)
                    || IsCompensating(invocation.TargetMethod.Name) || StopsTheProcess(invocation.TargetMethod) || IsRetryBackoff(invocation, clause)
                    || RecordsInACollection(invocation):
                    return true;
                case IInvalidOperation { Syntax: InvocationExpressionSyntax call } when IsLoggingName(CalledName(call)):
                    return true;
                case IObjectCreationOperation creation when creation.Type is { } type && IsErrorResultType(type):
                    return true;
                case IAssignmentOperation assignment when assignment.Target is not IDiscardOperation && RecordsSomething(assignment.Value):
                    return true;
                case IReturnOperation { ReturnedValue: { } value } returned when !InNestedFunction(returned, handler)
                    && IsMeaningful(value, ReturningFunction(returned, containingSymbol)):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// ILogger, Serilog, NLog, log4net, Trace and the console all count (before the host is built, as in startup code,
    /// the console is the log); Debug output does not (it is compiled out).
    /// </summary>
    private static bool IsLogging(IMethodSymbol method)
    {
        var type = method.ContainingType?.Name ?? "";
        if (type is "Debug")
            return false;
        return method.Name.StartsWith("Log", StringComparison.Ordinal)
            || type.IndexOf("Log", StringComparison.Ordinal) >= 0
            || type is "Trace" or "TraceSource" or "Activity" or "TelemetryClient"
            || method.Name is "TrackException" or "AddException" or "CaptureException" or "SetStatus"
            || type is "TextWriter" or "Console" && method.Name.StartsWith("Write", StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>logger.LogWarning("… {Id} …", customer.Id)</c> where a type of an argument did not resolve (a missing
    /// package, code being typed): the call does not bind, but its name still says it logs.
    /// </summary>
    private static bool IsLoggingName(string name) =>
        name.StartsWith("Log", StringComparison.Ordinal) && (name.Length == 3 || char.IsUpper(name[3]));

    private static string CalledName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => "",
    };

    private static bool IsCompensating(string name) =>
        CompensatingWords.Any(word => name.IndexOf(word, StringComparison.Ordinal) >= 0);

    /// <summary>Whether <paramref name="operation"/> belongs to a lambda or local function inside <paramref name="body"/>.</summary>
    private static bool InNestedFunction(IOperation operation, IOperation body)
    {
        for (var parent = operation.Parent; parent is not null && parent != body; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return true;
        }

        return false;
    }

    /// <summary>
    /// <c>errors.Add("…")</c>, <c>results.Add(InvalidConfig())</c>: the failure is recorded where the caller collects
    /// them, the same as <c>failed = true</c>. Adding <c>null</c> records nothing.
    /// </summary>
    private static bool RecordsInACollection(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name == "Add" && invocation.Arguments.Length > 0
        && invocation.Instance?.Type is { } collection
        && (collection.Name == "ICollection" || collection.AllInterfaces.Any(i => i.Name == "ICollection"))
        && invocation.Arguments.All(a => RecordsSomething(a.Value));

    /// <summary><c>Environment.Exit(1)</c>, <c>Environment.FailFast(…)</c>, <c>lifetime.StopApplication()</c>: nobody misses that failure.</summary>
    private static bool StopsTheProcess(IMethodSymbol method) =>
        method.Name is "Exit" or "FailFast" && method.ContainingType?.Name == "Environment"
        || method.Name == "StopApplication";

    /// <summary>
    /// <c>for (…) { try { Migrate(); break; } catch (SqlException) { Thread.Sleep(2000); } }</c>: the failure is retried
    /// after a pause. It takes a loop, a try that leaves it on success, and a delay in the catch; a polling loop that
    /// just sleeps after any failure has no success exit and stays reported.
    /// </summary>
    private static bool IsRetryBackoff(IInvocationOperation invocation, ICatchClauseOperation clause)
    {
        if (!(invocation.TargetMethod.Name == "Delay" && invocation.TargetMethod.ContainingType?.Name == "Task"
              || invocation.TargetMethod.Name == "Sleep" && invocation.TargetMethod.ContainingType?.Name == "Thread"))
            return false;
        if (clause.Parent is not ITryOperation attempt
            || !attempt.Body.Descendants().Any(o => (o is IReturnOperation || o is IBranchOperation { BranchKind: BranchKind.Break }) && !InNestedFunction(o, attempt.Body)))
            return false;
        for (var parent = attempt.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ILoopOperation)
                return true;
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                return false;
        }

        return false;
    }

    private static bool IsErrorResult(string name) => Array.IndexOf(ErrorResults, name) >= 0;

    private static bool IsErrorResultCall(IOperation value) =>
        value is IInvocationOperation invocation && (IsErrorResult(invocation.TargetMethod.Name) || NamesAnErrorPage(invocation))
        || value is IObjectCreationOperation { Type: { } created } && IsErrorResultType(created);

    /// <summary><c>View("Error")</c>, <c>RedirectToAction(nameof(Error))</c>, <c>RedirectToPage("/Error")</c>: the user sees the failure.</summary>
    private static bool NamesAnErrorPage(IInvocationOperation invocation) =>
        invocation.Arguments.Any(a => a.Value.ConstantValue is { HasValue: true, Value: string text } && text.IndexOf("Error", StringComparison.Ordinal) >= 0);

    private static bool IsResult(ITypeSymbol type) =>
        type.Name is "IResult" or "IActionResult"
        || type.AllInterfaces.Any(i => i.Name is "IResult" or "IActionResult");

    private static bool IsErrorResultType(ITypeSymbol type) =>
        type.Name.EndsWith("Exception", StringComparison.Ordinal)
        || ErrorResults.Any(r => type.Name.StartsWith(r, StringComparison.Ordinal))
        || type.Name is "ProblemDetails" or "ValidationProblemDetails" or "ObjectResult";

    /// <summary>
    /// A returned value the caller can act on. <c>null</c> and <c>default</c> hide the failure; <c>false</c> does too,
    /// except where the function is a check whose <c>false</c> is the answer.
    /// </summary>
    private static bool IsMeaningful(IOperation value, ISymbol? function)
    {
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        if (value is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null })
            return false;

        // return Ok() / Results.NoContent(): the failure is reported to the client as a success.
        if (value.Type is { } type && IsResult(type) && !IsErrorResultCall(value))
            return false;
        if (value.ConstantValue is { HasValue: true, Value: false })
            return function is IMethodSymbol method && IsCheck(method);
        return true;
    }

    /// <summary>The function a return leaves: the enclosing local function or lambda (which has no name), else the member.</summary>
    private static ISymbol? ReturningFunction(IReturnOperation returned, ISymbol containingSymbol)
    {
        for (var parent = returned.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ILocalFunctionOperation local)
                return local.Symbol;
            if (parent is IAnonymousFunctionOperation)
                return null;
        }

        return containingSymbol;
    }

    /// <summary>
    /// <c>bool TryParse(…)</c>, <c>bool IsValidJson(…)</c>, <c>Task&lt;bool&gt; CanConnectAsync()</c>,
    /// <c>bool UserExists(…)</c>: a bool-returning method whose name asks a question.
    /// </summary>
    private static bool IsCheck(IMethodSymbol method)
    {
        var returns = method.ReturnType;
        if (returns is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
            returns = task.TypeArguments[0];
        if (returns.SpecialType != SpecialType.System_Boolean)
            return false;

        var name = method.Name;
        if (name.EndsWith("Async", StringComparison.Ordinal))
            name = name.Substring(0, name.Length - "Async".Length);
        if (CheckSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal)))
            return true;
        foreach (var prefix in CheckPrefixes)
        {
            // The prefix is a whole word: IsValid, Has, but not Issue or Hash.
            if (name.StartsWith(prefix, StringComparison.Ordinal) && (name.Length == prefix.Length || !char.IsLower(name[prefix.Length])))
                return true;
        }

        return false;
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

    /// <summary>
    /// An empty block with a comment inside is a documented decision, not an oversight, as long as the comment does not
    /// admit the opposite (<c>// TODO: log this</c>). A lone <c>continue;</c> is the same empty block in a loop: the
    /// comment says why this item is skipped (<c>// already invited</c>).
    /// </summary>
    private static bool HasExplainingComment(BlockSyntax block)
    {
        if (block.Statements.Count > 1 || block.Statements.Count == 1 && block.Statements[0] is not ContinueStatementSyntax)
            return false;
        var comments = block.DescendantTrivia().Concat(block.CloseBraceToken.LeadingTrivia)
            .Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
            .Select(t => t.ToString())
            .ToList();
        return comments.Count > 0 && !comments.Any(c => UnfinishedMarkers.Any(m => c.IndexOf(m, StringComparison.Ordinal) >= 0));
    }

    /// <summary>
    /// <c>try { return JsonSerializer.Deserialize&lt;T&gt;(json); } catch (JsonException) { return null; }</c>,
    /// <c>try { customer = await stripe.GetCustomerAsync(id); } catch (StripeException) { }</c>: a catch of one named
    /// exception around a lookup (a parse, a read, a fetch) whose fallback is the value the caller gets instead. The
    /// author foresaw exactly this failure and defined its answer, and nothing the caller asked for was left undone.
    /// A catch-all, a try that does work besides computing its value (<c>db.SaveChanges(); return true;</c>), or a
    /// fallback that is a success result (<c>return View(model);</c>) stays reported.
    /// </summary>
    private static bool IsLookupFallback(ICatchClauseOperation clause) =>
        clause.Parent is ITryOperation attempt && IsFallback(clause.Handler) && OnlyComputes(attempt.Body);

    /// <summary>An empty block, <c>return value;</c> (not a success result) or <c>local = value;</c>, and nothing else.</summary>
    private static bool IsFallback(IBlockOperation handler)
    {
        foreach (var statement in handler.Operations)
        {
            switch (statement)
            {
                case IReturnOperation { ReturnedValue: { } value } when value.Type is { } type && IsResult(type) && !IsErrorResultCall(value):
                    return false;
                case IReturnOperation:
                case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } } }:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a try block only computes values: every call's result is used (assigned, returned, tested), except calls
    /// on the value being built (<c>_providers?.Remove(…)</c> on the field it assigns). A call made for its effect
    /// (<c>db.SaveChanges();</c>, <c>File.Move(…);</c>, <c>process.Kill();</c>) is work the catch would leave undone.
    /// </summary>
    private static bool OnlyComputes(IBlockOperation body)
    {
        // The value handed on: what the try returns, or assigns to a local or field that outlives it.
        var declared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var assigned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var built = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            if (operation is IVariableDeclaratorOperation declarator)
                declared.Add(declarator.Symbol);
            else if (operation is IAssignmentOperation { Target: var target } && StoredSymbol(target) is { } stored)
                assigned.Add(stored);
            else if (operation is IReturnOperation { ReturnedValue: { } returned } && StoredSymbol(returned) is { } value)
                built.Add(value);
        }

        assigned.ExceptWith(declared);
        built.UnionWith(assigned);

        foreach (var operation in body.Descendants())
        {
            if (operation is not IExpressionStatementOperation { Operation: var effect } || InNestedFunction(operation, body))
                continue;
            while (effect is IAwaitOperation or IConversionOperation)
                effect = effect is IAwaitOperation awaited ? awaited.Operation : ((IConversionOperation)effect).Operand;
            if (effect is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
                effect = configured;
            IOperation? receiver;
            switch (effect)
            {
                case IConditionalAccessOperation { WhenNotNull: IInvocationOperation } access:
                    receiver = access.Operation;
                    break;
                case IInvocationOperation invocation:
                    receiver = invocation.Instance;
                    break;
                case IObjectCreationOperation or IDynamicInvocationOperation:
                    return false;
                default:
                    continue;
            }

            if (receiver is null || StoredSymbol(receiver) is not { } symbol || !built.Contains(symbol))
                return false;
        }

        return true;
    }

    /// <summary>The local or field of this object an operation names, if it is one.</summary>
    private static ISymbol? StoredSymbol(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            _ => null,
        };
    }

    /// <summary>
    /// <c>catch (FileNotFoundException) { } catch (IOException ex) { logger.LogError(ex, …); }</c>: the narrow catch is
    /// cut out of a broader one that handles the failure, so its silence is a decision (the file is already gone).
    /// </summary>
    private static bool IsCarvedOutOfAHandledCatch(ICatchClauseOperation clause, ISymbol containingSymbol)
    {
        if (clause.Parent is not ITryOperation attempt)
            return false;
        var index = attempt.Catches.IndexOf(clause);
        for (var i = index + 1; i < attempt.Catches.Length; i++)
        {
            var broader = attempt.Catches[i];
            if (broader.Filter is null && DerivesFrom(clause.ExceptionType, broader.ExceptionType) && Handles(broader, containingSymbol))
                return true;
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol? type, ITypeSymbol? baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
                return true;
        }

        return false;
    }

    /// <summary><c>catch</c>, <c>catch (Exception)</c> and kin: a comment explains the failure its author expected, not all others.</summary>
    private static bool CatchesEverything(ITypeSymbol? type) =>
        type is null or { SpecialType: SpecialType.System_Object } || Array.IndexOf(CatchAllTypes, type.ToDisplayString()) >= 0;
}
