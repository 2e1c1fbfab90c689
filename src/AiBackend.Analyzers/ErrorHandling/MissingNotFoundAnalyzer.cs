using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.ErrorHandling;

/// <summary>
/// AIB2005: in a handler, the result of a lookup that may find nothing (<c>Find(Async)</c>, <c>FirstOrDefault(Async)</c>,
/// <c>SingleOrDefault(Async)</c>, Dapper's <c>Query*OrDefault</c>, …) is returned as a success or dereferenced on a path
/// without a null check. The client then gets <c>200 null</c> or a 500 instead of a 404. The analysis tracks null
/// checks itself, so it works whether or not the project enables nullable reference types.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingNotFoundAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.MissingNotFound,
        title: "Missing not-found handling",
        messageFormat: "'{0}' may be null here ('{1}' found nothing): {2}",
        RuleCategories.ErrorHandling,
        DiagnosticSeverity.Info, // a suggestion until precise on real code (docs/severity.md, docs/real-world.md)
        description: "A lookup by id finds nothing for unknown ids. Returned as a success, the client gets 200 with an empty body; dereferenced, the request fails with a 500 and a NullReferenceException in the logs. Check for null and return 404 Not Found.");

    private static readonly string[] Lookups =
    {
        "Find", "FindAsync", "FirstOrDefault", "FirstOrDefaultAsync", "SingleOrDefault", "SingleOrDefaultAsync",
        "LastOrDefault", "LastOrDefaultAsync", "ElementAtOrDefault", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync",
        "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "GetValueOrDefault",
    };

    private static readonly string[] SuccessResults = { "Ok", "Json", "Accepted", "Created", "CreatedAtRoute", "CreatedAtAction" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationBlockAction(AnalyzeBlock);
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context)
    {
        foreach (var handler in HandlerGraph.In(context))
            Analyze(handler, context);
    }

    private static void Analyze(HandlerGraph handler, OperationBlockAnalysisContext context)
    {
        var lookups = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var reportedReturns = new HashSet<IOperation>();
        int? lastModelStateCheck = null;

        // The null check can return NotFound only where the handler returns results, not the entity itself.
        var returnsEntity = !IsResultType(handler.Handler.ReturnType);

        void Report(IOperation use, ILocalSymbol local, string consequence)
        {
            if (!reported.Add(local))
                return;
            var properties = returnsEntity
                ? null
                : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.AddNotFoundCheck);
            context.ReportDiagnostic(Diagnostic.Create(Rule, use.Syntax.GetLocation(), properties, local.Name, lookups[local], consequence));
        }

        // Returning the entity itself from a handler that returns T (not a result): null becomes "200 null".
        var returnedValues = new HashSet<IOperation>();
        foreach (var block in handler.Graph.Blocks)
        {
            if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return && block.BranchValue is { } returned)
                returnedValues.Add(returned);
        }

        // May-facts: lookup results not yet checked for null on some path to here.
        SymbolFacts.Run(handler.Graph, must: false, visit: (operation, maybeNull) =>
        {
            if (returnsEntity && returnedValues.Contains(operation))
            {
                if (SymbolFacts.SymbolOf(operation) is ILocalSymbol returnedLocal && maybeNull.Contains(returnedLocal))
                    Report(operation, returnedLocal, "returning it sends 200 with an empty body instead of 404");
                else if (LookupName(operation) is { } direct && operation.Type?.IsValueType == false && reportedReturns.Add(operation))
                    context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), "the result", direct, "returning it sends 200 with an empty body instead of 404"));
            }

            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var local } } assignment:
                    if (LookupName(assignment.Value) is { } lookup && !local.Type.IsValueType)
                    {
                        lookups[local] = lookup;
                        maybeNull.Add(local);
                    }
                    else
                    {
                        maybeNull.Remove(local);
                    }

                    break;
                case IMemberReferenceOperation { Instance: ILocalReferenceOperation { Local: var local } } member
                    when maybeNull.Contains(local) && member.Parent is not IConditionalAccessOperation && !IsNullTolerantExtension(member):
                    Report(member, local, "dereferencing it throws a NullReferenceException (a 500)");
                    break;
                case IInvocationOperation { Instance: ILocalReferenceOperation { Local: var local } } call when maybeNull.Contains(local):
                    Report(call, local, "calling a method on it throws a NullReferenceException (a 500)");
                    break;
                case IInvocationOperation invocation when IsSuccessResult(invocation.TargetMethod):
                    foreach (var argument in invocation.Arguments)
                    {
                        if (SymbolFacts.SymbolOf(argument.Value) is ILocalSymbol local && maybeNull.Contains(local))
                            Report(argument, local, $"'{invocation.TargetMethod.Name}' sends a success with an empty body instead of 404");
                    }

                    break;
                case IInvocationOperation { TargetMethod.Name: "AddModelError" } modelError
                    when modelError.Syntax.SpanStart < (lastModelStateCheck ??= LastModelStateCheck(handler.Graph)):
                    // MVC's form pattern: the missing case adds a model error and a later "if (!ModelState.IsValid)
                    // return View(model);" leaves before any dereference, so this path no longer reaches one.
                    maybeNull.Clear();
                    break;
                case IInvocationOperation { TargetMethod.Name: "ThrowIfNull" } guard when guard.Arguments.Length > 0
                    && SymbolFacts.SymbolOf(guard.Arguments[0].Value) is { } guarded:
                    maybeNull.Remove(guarded);
                    break;
            }
        }, branch: (condition, whenTrue, whenFalse) => RefineOnNullCheck(condition, whenTrue, whenFalse));
    }

    /// <summary>Where the handler last reads <c>ModelState.IsValid</c> (-1 if it never does).</summary>
    private static int LastModelStateCheck(ControlFlowGraph graph) =>
        graph.Blocks.SelectMany(b => b.BranchValue is null ? b.Operations : b.Operations.Add(b.BranchValue))
            .SelectMany(o => o.DescendantsAndSelf())
            .Where(o => o is IPropertyReferenceOperation { Property.Name: "IsValid", Property.ContainingType.Name: "ModelStateDictionary" })
            .Select(o => o.Syntax.SpanStart)
            .DefaultIfEmpty(-1)
            .Max();

    /// <summary><c>x == null</c>, <c>x is null</c>, <c>x is not null</c>, <c>x is {}</c>, <c>x is T t</c>: the non-null edge drops x.</summary>
    private static void RefineOnNullCheck(IOperation condition, HashSet<ISymbol> whenTrue, HashSet<ISymbol> whenFalse)
    {
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                RefineOnNullCheck(not.Operand, whenFalse, whenTrue);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var checkedSide = IsNull(comparison.RightOperand) ? comparison.LeftOperand : IsNull(comparison.LeftOperand) ? comparison.RightOperand : null;
                if (SymbolFacts.SymbolOf(checkedSide) is { } symbol)
                    (comparison.OperatorKind == BinaryOperatorKind.Equals ? whenFalse : whenTrue).Remove(symbol);
                break;
            case IIsNullOperation isNull when SymbolFacts.SymbolOf(isNull.Operand) is { } nullChecked:
                whenFalse.Remove(nullChecked);
                break;
            case IIsPatternOperation pattern when SymbolFacts.SymbolOf(pattern.Value) is { } matched:
                if (pattern.Pattern is IConstantPatternOperation constant && IsNull(constant.Value))
                    whenFalse.Remove(matched);
                else if (pattern.Pattern is INegatedPatternOperation { Pattern: IConstantPatternOperation negated } && IsNull(negated.Value))
                    whenTrue.Remove(matched);
                else
                    whenTrue.Remove(matched);
                break;
        }
    }

    private static bool IsNull(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation.ConstantValue is { HasValue: true, Value: null };
    }

    private static string? LookupName(IOperation value)
    {
        while (value is IConversionOperation or IAwaitOperation)
            value = value is IAwaitOperation awaited ? awaited.Operation : ((IConversionOperation)value).Operand;
        while (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } inner })
            value = inner;
        return value is IInvocationOperation invocation && Array.IndexOf(Lookups, invocation.TargetMethod.Name) >= 0
            ? invocation.TargetMethod.Name
            : null;
    }

    private static bool IsSuccessResult(IMethodSymbol method)
    {
        if (Array.IndexOf(SuccessResults, method.Name) < 0 || method.ContainingType is not { } type)
            return false;
        return TypeNames.Is(type, "Microsoft.AspNetCore.Http.Results") || TypeNames.Is(type, "Microsoft.AspNetCore.Http.TypedResults")
            || TypeNames.DerivesFrom(type, "Microsoft.AspNetCore.Mvc.ControllerBase");
    }

    /// <summary>IResult, IActionResult, ActionResult&lt;T&gt;, typed results, and tasks of them.</summary>
    internal static bool IsResultType(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
            type = task.TypeArguments[0];
        if (type.Name is "IResult" or "IActionResult" or "ActionResult" or "Results")
            return true;
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name is "IResult" or "IActionResult" or "IConvertToActionResult")
                return true;
        }

        return false;
    }

    private static bool IsNullTolerantExtension(IMemberReferenceOperation member) => member.Member.IsStatic;
}
