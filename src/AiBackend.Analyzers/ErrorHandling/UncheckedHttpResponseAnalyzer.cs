using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AiBackend.Analyzers.AspNetCore;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.ErrorHandling;

/// <summary>
/// AIB2004: the content of an outgoing call's <c>HttpResponseMessage</c> is read on a path where its status was never
/// inspected (<c>EnsureSuccessStatusCode()</c>, <c>IsSuccessStatusCode</c>, <c>StatusCode</c>). A response handed to
/// another method or returned is that code's business. <c>GetFromJsonAsync</c> and friends throw on failure and are fine.
/// Text read only to decide something (<c>body.Contains("Healthy")</c>, <c>body == "pong"</c>) is itself the check: an
/// error page does not pass it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UncheckedHttpResponseAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.UncheckedHttpResponse,
        title: "Unchecked HTTP response",
        messageFormat: "The response of '{0}' is read without checking its status: an error page or problem body is treated as data",
        RuleCategories.ErrorHandling,
        DiagnosticSeverity.Info, // a suggestion until precise on real code (docs/severity.md, docs/real-world.md)
        description: "HttpClient does not throw on 4xx/5xx. Reading the body without looking at the status turns an upstream error into garbage data or a confusing deserialization exception. Call EnsureSuccessStatusCode() or branch on IsSuccessStatusCode first.");

    private static readonly string[] SendMethods =
    {
        "SendAsync", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync", "Send",
        "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage") is null)
                return;
            start.RegisterOperationBlockAction(AnalyzeBlock);
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context)
    {
        foreach (var (block, root) in BodyBlocks.Of(context))
        {
            if (!HasContentRead(root))
                continue;

            var reported = new HashSet<Location>();
            var excused = ReadsThatOnlyDecide(root);
            excused.UnionWith(ReadsCheckedBeforeUse(root));
            excused.UnionWith(ReadsIntoABodyWithASuccessFlag(root));
            Analyze(context.GetControlFlowGraph(block), context, reported, excused);
        }
    }

    private static void Analyze(ControlFlowGraph graph, OperationBlockAnalysisContext context, HashSet<Location> reported, HashSet<SyntaxNode> deciding)
    {
        // May-facts: response locals that are unchecked on some path to here.
        SymbolFacts.Run(graph, must: false, visit: (operation, pending) =>
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var local } } assignment when IsResponse(local.Type):
                    if (IsSend(assignment.Value))
                        pending.Add(local);
                    else
                        pending.Remove(local);
                    break;
                case IInvocationOperation invocation when IsContentRead(invocation, out var response) && !deciding.Contains(invocation.Syntax):
                    var responseLocal = SymbolFacts.SymbolOf(response);
                    if ((responseLocal is not null && pending.Contains(responseLocal) || responseLocal is null && IsSend(response))
                        && reported.Add(invocation.Syntax.GetLocation()))
                    {
                        var send = responseLocal is null ? SendName(response) : "the request";
                        var properties = responseLocal is not null
                            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.EnsureSuccess)
                            : null;
                        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), properties, send));
                    }

                    break;
                case IInvocationOperation { Instance: { } instance } check when SymbolFacts.SymbolOf(instance) is { } checkedLocal && check.TargetMethod.Name == "EnsureSuccessStatusCode":
                    pending.Remove(checkedLocal);
                    break;
                case IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" or "StatusCode", Instance: { } instance } when SymbolFacts.SymbolOf(instance) is { } inspected:
                    pending.Remove(inspected);
                    break;
                case IArgumentOperation argument when SymbolFacts.SymbolOf(argument.Value) is ILocalSymbol escaped:
                    pending.Remove(escaped);
                    break;
                case IReturnOperation { ReturnedValue: { } returned } when SymbolFacts.SymbolOf(returned) is ILocalSymbol escaped:
                    pending.Remove(escaped);
                    break;
            }
        });

        foreach (var lambda in Lambdas(graph))
            Analyze(graph.GetAnonymousFunctionControlFlowGraph(lambda, context.CancellationToken), context, reported, deciding);
    }

    private static IEnumerable<IFlowAnonymousFunctionOperation> Lambdas(ControlFlowGraph graph)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                foreach (var lambda in operation.DescendantsAndSelf())
                {
                    if (lambda is IFlowAnonymousFunctionOperation flow)
                        yield return flow;
                }
            }
        }
    }

    /// <summary><c>response.Content.ReadAsStringAsync()</c>, <c>response.Content.ReadFromJsonAsync&lt;T&gt;()</c>, …</summary>
    private static bool IsContentRead(IInvocationOperation invocation, out IOperation response)
    {
        response = null!;
        var name = invocation.TargetMethod.Name;
        if (!name.StartsWith("ReadAs", StringComparison.Ordinal) && !name.StartsWith("ReadFromJson", StringComparison.Ordinal) && name != "CopyToAsync")
            return false;
        var content = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        while (content is IConversionOperation conversion)
            content = conversion.Operand;
        if (content is not IPropertyReferenceOperation { Property.Name: "Content", Instance: { } owner } || !IsResponse(owner.Type))
            return false;
        response = owner;
        return true;
    }

    /// <summary>
    /// The syntax of <c>ReadAsStringAsync()</c> calls whose text is only compared or searched, directly or through the
    /// local it is stored in: the health-check shape <c>var body = await r.Content.ReadAsStringAsync(); return
    /// body.Contains("Healthy");</c>. Looked up on the operation tree, where a local's every use is visible.
    /// </summary>
    private static HashSet<SyntaxNode> ReadsThatOnlyDecide(IOperation root)
    {
        var deciding = new HashSet<SyntaxNode>();
        foreach (var operation in root.Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "ReadAsStringAsync" } read && IsContentRead(read, out _) && OnlyDecides(read, root))
                deciding.Add(read.Syntax);
        }

        return deciding;
    }

    private static bool OnlyDecides(IInvocationOperation read, IOperation root)
    {
        var local = StoredIn(read, out var text);
        if (local is null)
            return IsDecision(text);

        var uses = 0;
        foreach (var operation in root.Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                continue;
            if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                continue;
            if (!IsDecision(reference))
                return false;
            uses++;
        }

        return uses > 0;
    }

    /// <summary>The local the read content is stored in, if any; <paramref name="text"/> is the awaited value.</summary>
    private static ILocalSymbol? StoredIn(IInvocationOperation read, out IOperation text)
    {
        // Up from the call to the value itself: await, ConfigureAwait(false), conversions.
        text = read;
        while (text.Parent is IAwaitOperation or IConversionOperation
               || text.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == text)
            text = text.Parent;

        var value = text;
        return text.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == value => target.Local,
            _ => null,
        };
    }

    /// <summary>
    /// Reads stored in a local whose response is checked by a later statement of the same block before any statement
    /// uses the local: <c>var body = await r.Content.ReadAsStringAsync(); if (!r.IsSuccessStatusCode) { log(body);
    /// return; }</c> (read first, for logging or for the error branch), <c>Response.StatusCode = (int)r.StatusCode;</c>
    /// (a pass-through), or a protocol that answers errors as 200 with a flag in the body, checked first
    /// (<c>var result = await r.Content.ReadFromJsonAsync&lt;T&gt;(); if (result is { Ok: true })</c>).
    /// </summary>
    private static HashSet<SyntaxNode> ReadsCheckedBeforeUse(IOperation root)
    {
        var excused = new HashSet<SyntaxNode>();
        foreach (var operation in root.Descendants())
        {
            if (operation is IInvocationOperation read && IsContentRead(read, out var response)
                && SymbolFacts.SymbolOf(response) is ILocalSymbol responseLocal
                && StoredIn(read, out _) is { } content
                && CheckedBeforeUse(read, responseLocal, content))
                excused.Add(read.Syntax);
        }

        return excused;
    }

    private static bool CheckedBeforeUse(IOperation read, ILocalSymbol response, ILocalSymbol content)
    {
        IOperation statement = read;
        while (statement.Parent is not null and not IBlockOperation)
            statement = statement.Parent;
        if (statement.Parent is not IBlockOperation block)
            return false;

        var index = block.Operations.IndexOf(statement);
        for (var i = index + 1; i < block.Operations.Length; i++)
        {
            var usesContent = false;
            foreach (var operation in block.Operations[i].DescendantsAndSelf())
            {
                if (IsStatusCheck(operation, response))
                    return true;
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, content))
                {
                    if (IsSuccessFlagCheck(reference))
                        return true;
                    usesContent = true;
                }
            }

            if (usesContent)
                return false;
        }

        return false;
    }

    private static bool IsStatusCheck(IOperation operation, ILocalSymbol response) => operation switch
    {
        IPropertyReferenceOperation { Property.Name: "IsSuccessStatusCode" or "StatusCode", Instance: { } instance } => IsLocal(instance, response),
        IInvocationOperation { TargetMethod.Name: "EnsureSuccessStatusCode", Instance: { } instance } => IsLocal(instance, response),
        _ => false,
    };

    private static bool IsLocal(IOperation operation, ILocalSymbol local) =>
        SymbolEqualityComparer.Default.Equals(SymbolFacts.SymbolOf(operation), local);

    private static readonly string[] SuccessFlags = { "Ok", "Success", "IsSuccess", "Succeeded", "Error", "Errors" };

    /// <summary><c>result.Ok</c>, <c>result?.Success</c>, <c>result is { Ok: true }</c>: the body's own success flag.</summary>
    private static bool IsSuccessFlagCheck(ILocalReferenceOperation reference)
    {
        switch (reference.Parent)
        {
            case IPropertyReferenceOperation property:
                return IsSuccessFlag(property.Property.Name);
            case IFieldReferenceOperation field:
                return IsSuccessFlag(field.Field.Name);
            case IConditionalAccessOperation access when access.Operation == reference:
                return access.WhenNotNull is IPropertyReferenceOperation flag && IsSuccessFlag(flag.Property.Name);
            case IIsPatternOperation pattern when pattern.Value == reference:
                foreach (var sub in pattern.Pattern.DescendantsAndSelf())
                {
                    if (sub is IPropertySubpatternOperation { Member: IPropertyReferenceOperation member } && IsSuccessFlag(member.Property.Name))
                        return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsSuccessFlag(string name) => Array.IndexOf(SuccessFlags, name) >= 0;

    /// <summary>Flags that are <c>false</c> unless the body says otherwise: an error body that lacks them reads as a failure.</summary>
    private static readonly string[] SuccessBooleans = { "Ok", "Success", "IsSuccess", "Succeeded", "IsSuccessful", "Successful" };

    /// <summary>
    /// <c>ReadFromJsonAsync&lt;SlackResponse&gt;()</c> where the type has <c>bool Ok</c>, and the flag is what decides:
    /// the read is returned to a caller that holds the flag, or stored in a local whose flag is tested before anything
    /// but a null test uses it (<c>if (result is null) …; if (!result.Ok) …</c>, also after the try that guards the
    /// read). Such protocols report failure in the body; an error page throws on deserialization, and a JSON error
    /// body without the flag leaves it <c>false</c>, so the skipped status check would not change the outcome.
    /// </summary>
    private static HashSet<SyntaxNode> ReadsIntoABodyWithASuccessFlag(IOperation root)
    {
        var excused = new HashSet<SyntaxNode>();
        foreach (var operation in root.Descendants())
        {
            if (operation is not IInvocationOperation read || !IsContentRead(read, out _) || !read.TargetMethod.IsGenericMethod
                || !HasSuccessBoolean(read.TargetMethod.TypeArguments[0]))
                continue;
            var local = StoredIn(read, out var body);
            if (local is null ? body.Parent is IReturnOperation : FlagTestedBeforeUse(local, read, root))
                excused.Add(read.Syntax);
        }

        return excused;
    }

    private static bool FlagTestedBeforeUse(ILocalSymbol local, IOperation read, IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local)
                || reference.Syntax.SpanStart < read.Syntax.SpanStart
                || reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                continue;
            if (IsSuccessFlagCheck(reference))
                return true;
            if (!IsNullTest(reference))
                return false;
        }

        return false;
    }

    /// <summary><c>x is null</c>, <c>x == null</c>, <c>x != null</c>.</summary>
    private static bool IsNullTest(IOperation value)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation)
        {
            value = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IIsNullOperation => true,
            IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } => true,
            IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } } => true,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary =>
                (binary.LeftOperand == value ? binary.RightOperand : binary.LeftOperand).ConstantValue is { HasValue: true, Value: null },
            _ => false,
        };
    }

    private static bool HasSuccessBoolean(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { Type.SpecialType: SpecialType.System_Boolean } property && Array.IndexOf(SuccessBooleans, property.Name) >= 0)
                    return true;
            }
        }

        return false;
    }

    /// <summary>Text used to answer a yes/no question: compared, matched, searched, switched on, or its length tested.</summary>
    private static bool IsDecision(IOperation text)
    {
        var parent = text.Parent;
        while (parent is IConversionOperation)
        {
            text = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IBinaryOperation { Type.SpecialType: SpecialType.System_Boolean }:
            case IIsPatternOperation:
            case ISwitchExpressionOperation switchExpression when switchExpression.Value == text:
            case ISwitchOperation switchStatement when switchStatement.Value == text:
                return true;
            case IPropertyReferenceOperation { Property.Name: "Length" } length:
                return IsDecision(length);
            case IInvocationOperation call when call.Instance == text:
                return AnswersYesOrNo(call);
            case IArgumentOperation { Parent: IInvocationOperation call }:
                return AnswersYesOrNo(call);
            default:
                return false;
        }
    }

    /// <summary><c>Contains</c>, <c>StartsWith</c>, <c>Equals</c>, <c>string.IsNullOrEmpty</c>, <c>Regex.IsMatch</c>…: a bool from the text.</summary>
    private static bool AnswersYesOrNo(IInvocationOperation call) =>
        call.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean
        && (call.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
            || call.TargetMethod.Name == "Equals"
            || TypeNames.Is(call.TargetMethod.ContainingType, "System.Text.RegularExpressions.Regex"));

    private static bool IsSend(IOperation value)
    {
        while (value is IConversionOperation or IAwaitOperation)
            value = value is IAwaitOperation awaited ? awaited.Operation : ((IConversionOperation)value).Operand;
        while (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } inner })
            value = inner;
        return value is IInvocationOperation invocation && Array.IndexOf(SendMethods, invocation.TargetMethod.Name) >= 0
            && (TypeNames.Is(invocation.TargetMethod.ContainingType, "System.Net.Http.HttpClient")
                || TypeNames.Is(invocation.TargetMethod.ContainingType, "System.Net.Http.HttpMessageInvoker")
                || TypeNames.Is(invocation.TargetMethod.ContainingType, "System.Net.Http.Json.HttpClientJsonExtensions"));
    }

    private static string SendName(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && Array.IndexOf(SendMethods, invocation.TargetMethod.Name) >= 0)
                return invocation.TargetMethod.Name;
        }

        return "the request";
    }

    private static bool IsResponse(ITypeSymbol? type) => TypeNames.Is(type, "System.Net.Http.HttpResponseMessage");

    private static bool HasContentRead(IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is IPropertyReferenceOperation { Property.Name: "Content" } content && IsResponse(content.Instance?.Type))
                return true;
        }

        return false;
    }
}
