using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// One forward taint analysis over one control-flow graph: block in-states are joined until nothing changes, each
/// block's operations are evaluated in order, and branch conditions that validate a value clean it on the edge where
/// the check passed.
/// </summary>
internal sealed class FlowRun
{
    // Taint only grows, so the analysis settles; the cap guards against pathological graphs.
    private const int MaxPasses = 12;

    private readonly TaintEngine _engine;
    private readonly ControlFlowGraph _graph;
    private readonly HitCollector _hits;
    private readonly ImmutableHashSet<IMethodSymbol> _callStack;
    private readonly CancellationToken _cancellationToken;

    // A conditional value assigned to a property is lowered to "capture the property, compute the value, assign to
    // the capture": remember what each capture stood for, so the assignment still reaches the property's sink.
    private readonly Dictionary<CaptureId, IOperation> _capturedTargets = new();

    // A receiver captured before a conditional argument (builder.Append(c ? x : y)) is the local itself: stores
    // through the capture must land on the local.
    private readonly Dictionary<CaptureId, ISymbol> _captureAliases = new();
    private FlowState _state = new();

    public FlowRun(TaintEngine engine, ControlFlowGraph graph, HitCollector hits, ImmutableHashSet<IMethodSymbol> callStack, CancellationToken cancellationToken)
    {
        _engine = engine;
        _graph = graph;
        _hits = hits;
        _callStack = callStack;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Everything the body may return.</summary>
    public TaintValue ReturnTaint { get; private set; } = TaintValue.Clean;

    private TaintPolicy Policy => _engine.Policy;

    public void Execute(FlowState entry)
    {
        var blocks = _graph.Blocks;
        var inStates = new FlowState?[blocks.Length];
        inStates[0] = entry;
        var seenSoFar = entry.Clone();

        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var changed = false;
            foreach (var block in blocks)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var input = inStates[block.Ordinal];
                if (input is null)
                {
                    // Catch and finally blocks have no explicit predecessors: they may start from any state of the
                    // protected region, approximated by everything seen so far.
                    if (block.Predecessors.Length > 0 || block.Kind == BasicBlockKind.Exit)
                        continue;
                    input = seenSoFar;
                }

                _state = input.Clone();
                foreach (var operation in block.Operations)
                    Evaluate(operation);

                var branchValue = block.BranchValue is null ? TaintValue.Clean : Evaluate(block.BranchValue);
                if (block.BranchValue is not null && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                    ReturnTaint = ReturnTaint.Union(branchValue);

                changed |= FlowToSuccessors(block, inStates);
                seenSoFar.JoinWith(_state);
            }

            if (!changed)
                break;
        }
    }

    private bool FlowToSuccessors(BasicBlock block, FlowState?[] inStates)
    {
        var changed = false;
        if (block.ConditionalSuccessor?.Destination is { } conditional && block.BranchValue is not null)
        {
            var whenTrue = _state.Clone();
            var whenFalse = _state.Clone();
            ApplyGuard(block.BranchValue, whenTrue, whenFalse);
            var jumpIsTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            changed |= FlowTo(inStates, conditional, jumpIsTrue ? whenTrue : whenFalse);
            if (block.FallThroughSuccessor?.Destination is { } fallThrough)
                changed |= FlowTo(inStates, fallThrough, jumpIsTrue ? whenFalse : whenTrue);
        }
        else if (block.FallThroughSuccessor?.Destination is { } next)
        {
            changed |= FlowTo(inStates, next, _state);
        }

        return changed;
    }

    private static bool FlowTo(FlowState?[] inStates, BasicBlock destination, FlowState state)
    {
        var existing = inStates[destination.Ordinal];
        if (existing is null)
        {
            inStates[destination.Ordinal] = state.Clone();
            return true;
        }

        return existing.JoinWith(state);
    }

    // ---- guards -------------------------------------------------------------------------------------------------

    private void ApplyGuard(IOperation condition, FlowState whenTrue, FlowState whenFalse)
    {
        condition = Unwrap(condition);
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                ApplyGuard(not.Operand, whenFalse, whenTrue);
                break;
            case IInvocationOperation invocation when Policy.TryGetGuard(invocation, out var checkedValue, out var kinds):
                CleanIn(whenTrue, checkedValue, kinds);
                break;
            case IInvocationOperation invocation when IsAllowListCheck(invocation, out var member):
                CleanIn(whenTrue, member, TaintValue.AllKinds);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when ComparedToConstant(comparison, out var compared):
                CleanIn(comparison.OperatorKind == BinaryOperatorKind.Equals ? whenTrue : whenFalse, compared, TaintValue.AllKinds);
                break;
            case IIsPatternOperation pattern when IsConstantsOnly(pattern.Pattern):
                CleanIn(whenTrue, pattern.Value, TaintValue.AllKinds);
                break;
        }
    }

    /// <summary>
    /// <c>allowed.Contains(x)</c> or <c>x.Equals("constant")</c>: the value equals something the code itself chose.
    /// </summary>
    private bool IsAllowListCheck(IInvocationOperation invocation, out IOperation checkedValue)
    {
        checkedValue = null!;
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments;
        if (method.Name is "Contains" or "ContainsKey")
        {
            // instance.Contains(x) or Enumerable.Contains(collection, x); the collection must not be request data itself.
            var collection = invocation.Instance ?? (arguments.Length > 0 ? arguments[0].Value : null);
            var valueIndex = invocation.Instance is null ? 1 : 0;
            if (collection is null || arguments.Length <= valueIndex || collection.Type?.SpecialType == SpecialType.System_String)
                return false;
            if (!Peek(collection).IsClean)
                return false;
            checkedValue = arguments[valueIndex].Value;
            return true;
        }

        if (method.Name == "Equals" && method.ContainingType?.SpecialType == SpecialType.System_String)
        {
            IOperation? first = invocation.Instance ?? (arguments.Length > 0 ? arguments[0].Value : null);
            IOperation? second = invocation.Instance is null ? (arguments.Length > 1 ? arguments[1].Value : null) : (arguments.Length > 0 ? arguments[0].Value : null);
            if (first is null || second is null)
                return false;
            if (Unwrap(second).ConstantValue.HasValue)
            {
                checkedValue = first;
                return true;
            }

            if (Unwrap(first).ConstantValue.HasValue)
            {
                checkedValue = second;
                return true;
            }
        }

        return false;
    }

    /// <summary><c>x is "a" or "b"</c>: on success the value is one of the code's own constants.</summary>
    private static bool IsConstantsOnly(IPatternOperation pattern) =>
        pattern switch
        {
            IConstantPatternOperation constant => constant.Value.ConstantValue is { HasValue: true, Value: not null },
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => IsConstantsOnly(or.LeftPattern) && IsConstantsOnly(or.RightPattern),
            _ => false,
        };

    private static bool ComparedToConstant(IBinaryOperation comparison, out IOperation compared)
    {
        var left = Unwrap(comparison.LeftOperand);
        var right = Unwrap(comparison.RightOperand);
        compared = null!;
        if (right.ConstantValue is { HasValue: true, Value: not null })
            compared = left;
        else if (left.ConstantValue is { HasValue: true, Value: not null })
            compared = right;
        return compared is not null;
    }

    private void CleanIn(FlowState state, IOperation value, ulong kinds)
    {
        value = Unwrap(value);

        // A checked host (uri.Host) vouches for the whole URI.
        if (value is IPropertyReferenceOperation { Property.Name: "Host" or "Authority" or "IdnHost" or "DnsSafeHost", Instance: { } uri }
            && uri.Type?.Name == "Uri" && KeyOf(uri) is { } uriKey)
            state.Set(uriKey, state.Get(uriKey).Without(kinds));

        if (KeyOf(value) is not { } key)
            return;
        var current = key.Member is null ? state.Get(key) : state.TryGet(key, out var member) ? member : state.Get(key.WholeRoot);
        state.Set(key, current.Without(kinds));
        if (key.Member is null)
            state.Set(FlowKey.ContentsOf(key.Root), state.Get(FlowKey.ContentsOf(key.Root)).Without(kinds));
    }

    // ---- evaluation ---------------------------------------------------------------------------------------------

    /// <summary>The taint of an operation's value, applying its effects (assignments, sinks) to the current state.</summary>
    private TaintValue Evaluate(IOperation? operation)
    {
        if (operation is null || operation.ConstantValue.HasValue)
            return TaintValue.Clean;

        var taint = operation switch
        {
            IFlowCaptureOperation capture => Capture(capture),
            IFlowCaptureReferenceOperation reference => ReadWhole(reference.Id),
            ILocalReferenceOperation local => ReadWhole(local.Local),
            IParameterReferenceOperation parameter => ReadWhole(parameter.Parameter),
            IFieldReferenceOperation field => ReadMember(field.Instance, field.Field, field),
            IPropertyReferenceOperation property => ReadProperty(property),
            ISimpleAssignmentOperation assignment => Assign(assignment.Target, Evaluate(assignment.Value), assignment),
            IDeconstructionAssignmentOperation deconstruction => Deconstruct(deconstruction),
            ICompoundAssignmentOperation compound => Assign(compound.Target, Evaluate(compound.Target).Union(Evaluate(compound.Value)), compound),
            IBinaryOperation binary => Evaluate(binary.LeftOperand).Union(Evaluate(binary.RightOperand)),
            IInterpolatedStringOperation interpolated => EvaluateChildren(interpolated),
            IInvocationOperation invocation => Invoke(invocation),
            IObjectCreationOperation creation => Create(creation),
            IAwaitOperation awaited => Evaluate(awaited.Operation),
            IConversionOperation conversion => Evaluate(conversion.Operand),
            IFlowAnonymousFunctionOperation lambda => RunLambda(lambda, TaintValue.Clean, handlerRoute: null, isHandler: false),
            IDelegateCreationOperation creation => Evaluate(creation.Target),
            ITypeOfOperation or IDefaultValueOperation or IIsNullOperation or ISizeOfOperation => TaintValue.Clean,
            IInstanceReferenceOperation => TaintValue.Clean,
            ICaughtExceptionOperation caught => Policy.GetCaughtExceptionSource(caught) ?? TaintValue.Clean,
            _ => EvaluateChildren(operation),
        };

        if (taint.IsClean || SafeTypes.IsSafe(operation.Type))
            return TaintValue.Clean;

        return IsTextBuilding(operation) ? ApplyConstantPrefix(operation, taint) : taint;
    }

    private TaintValue EvaluateChildren(IOperation operation)
    {
        var taint = TaintValue.Clean;
        foreach (var child in operation.ChildOperations)
            taint = taint.Union(Evaluate(child));
        return taint;
    }

    /// <summary>The taint of a value without evaluating its effects again (for guards and sink checks).</summary>
    private TaintValue Peek(IOperation operation)
    {
        operation = Unwrap(operation);
        if (operation.ConstantValue.HasValue)
            return TaintValue.Clean;
        if (KeyOf(operation) is { } key)
            return key.Member is null ? ReadWhole(key.Root) : _state.TryGet(key, out var value) ? value : _state.Get(key.WholeRoot);
        return Evaluate(operation);
    }

    private TaintValue Capture(IFlowCaptureOperation capture)
    {
        if (capture.Value is IPropertyReferenceOperation or IFieldReferenceOperation or IArrayElementReferenceOperation)
            _capturedTargets[capture.Id] = capture.Value;
        if (Unwrap(capture.Value) is ILocalReferenceOperation { Local: var local })
            _captureAliases[capture.Id] = local;
        else if (Unwrap(capture.Value) is IParameterReferenceOperation { Parameter: var parameter })
            _captureAliases[capture.Id] = parameter;
        var value = Evaluate(capture.Value);
        _state.RemoveMembersOf(capture.Id);
        _state.Set(FlowKey.For(capture.Id), value);
        return value;
    }

    private TaintValue ReadWhole(object root) =>
        _state.Get(FlowKey.For(root)).Union(_state.Get(FlowKey.ContentsOf(root)));

    private TaintValue ReadProperty(IPropertyReferenceOperation reference)
    {
        if (Policy.GetMemberSource(reference.Property, reference) is { } source)
        {
            Evaluate(reference.Instance);
            return source;
        }

        if (reference.Arguments.Length == 0)
            return ReadMember(reference.Instance, reference.Property, reference);

        // An indexer (query["name"], dictionary[key]) yields what the collection holds.
        foreach (var argument in reference.Arguments)
            Evaluate(argument.Value);
        return Evaluate(reference.Instance);
    }

    private TaintValue ReadMember(IOperation? instance, ISymbol member, IOperation reference)
    {
        if (instance is null || instance is IInstanceReferenceOperation)
            return _state.Get(FlowKey.For(member));

        var instanceTaint = Evaluate(instance);
        if (KeyOf(instance) is { Member: null } root)
            return _state.TryGet(FlowKey.ForMember(root.Root, member), out var value) ? value : _state.Get(root);
        return instanceTaint;
    }

    private TaintValue Assign(IOperation target, TaintValue value, IOperation assignment)
    {
        switch (target)
        {
            case IFlowCaptureReferenceOperation reference when _capturedTargets.TryGetValue(reference.Id, out var captured):
                return Assign(captured, value, assignment);

            case ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation:
                var root = KeyOf(target)!.Value.Root;
                _state.RemoveMembersOf(root);
                _state.Set(FlowKey.For(root), value);
                break;

            case IPropertyReferenceOperation { Arguments.Length: > 0 } indexer:
                foreach (var argument in indexer.Arguments)
                    Evaluate(argument.Value);
                StoreInto(indexer.Instance, value);
                break;

            case IPropertyReferenceOperation or IFieldReferenceOperation:
                var memberReference = (IMemberReferenceOperation)target;
                if (memberReference.Instance is not null and not IInstanceReferenceOperation)
                    Evaluate(memberReference.Instance);
                if (target is IPropertyReferenceOperation property && assignment is ISimpleAssignmentOperation simple
                    && Policy.GetPropertySink(property.Property, simple) is { } sink)
                {
                    // Reported here, so the object carrying it on to another sink is not reported a second time.
                    CheckSink(sink, value, assignment.Syntax.GetLocation(), via: null, innerLocation: null);
                    value = value.Without(sink.Kinds);
                }

                if (memberReference.Instance is null or IInstanceReferenceOperation)
                {
                    _state.Set(FlowKey.For(memberReference.Member), value);
                }
                else if (KeyOf(memberReference.Instance) is { Member: null } owner)
                {
                    _state.Set(FlowKey.ForMember(owner.Root, memberReference.Member), value);
                    _state.Add(FlowKey.ContentsOf(owner.Root), value);
                }

                break;

            case IArrayElementReferenceOperation element:
                foreach (var index in element.Indices)
                    Evaluate(index);
                StoreInto(element.ArrayReference, value);
                break;
        }

        return value;
    }

    /// <summary><c>var (a, b) = (x, y)</c> element by element; from anything else, every part may hold the whole.</summary>
    private TaintValue Deconstruct(IDeconstructionAssignmentOperation deconstruction)
    {
        var target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (target is not ITupleOperation targets)
            return Evaluate(deconstruction.Value);

        if (Unwrap(deconstruction.Value) is ITupleOperation values && values.Elements.Length == targets.Elements.Length)
        {
            var elementTaints = values.Elements.Select(Evaluate).ToList();
            for (var i = 0; i < targets.Elements.Length; i++)
                Assign(targets.Elements[i], elementTaints[i], deconstruction);
            return elementTaints.Aggregate(TaintValue.Clean, (all, next) => all.Union(next));
        }

        var whole = Evaluate(deconstruction.Value);
        foreach (var element in targets.Elements)
            Assign(element, SafeTypes.IsSafe(element.Type) ? TaintValue.Clean : whole, deconstruction);
        return whole;
    }

    private void StoreInto(IOperation? container, TaintValue value)
    {
        if (container is not null && KeyOf(container) is { Member: null } key)
            _state.Add(FlowKey.ContentsOf(key.Root), value);
    }

    private TaintValue Create(IObjectCreationOperation creation)
    {
        var taint = TaintValue.Clean;
        foreach (var argument in creation.Arguments)
        {
            var value = Evaluate(argument.Value);
            if (creation.Constructor is { } constructor && argument.Parameter is { } parameter
                && Policy.GetArgumentSink(creation, constructor, parameter) is { } sink)
                CheckSink(sink, value, argument.Syntax.GetLocation(), via: null, innerLocation: null);
            taint = taint.Union(value);
        }

        if (creation.Initializer is not null)
            taint = taint.Union(Evaluate(creation.Initializer));
        return taint;
    }

    private TaintValue Invoke(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var instance = Evaluate(invocation.Instance);
        var arguments = invocation.Arguments;
        var values = new TaintValue[arguments.Length];
        var others = instance;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (IsDelegate(arguments[i].Value))
                continue;
            values[i] = Evaluate(arguments[i].Value);
            others = others.Union(values[i]);
        }

        var isRegistration = Policy.TryGetHandlerRegistration(invocation, out var route);
        for (var i = 0; i < arguments.Length; i++)
        {
            if (!IsDelegate(arguments[i].Value))
                continue;
            values[i] = isRegistration ? RunHandler(arguments[i].Value, route) : RunDelegate(arguments[i].Value, others);
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter is { } parameter && Policy.GetArgumentSink(invocation, method, parameter) is { } sink)
                CheckSink(sink, values[i], arguments[i].Syntax.GetLocation(), via: null, innerLocation: null);
        }

        var result = Policy.GetMemberSource(method, invocation) ?? CallResult(invocation, instance, values);

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter?.RefKind is RefKind.Out or RefKind.Ref)
                Assign(arguments[i].Value, others, arguments[i]);
        }

        if (invocation.Instance is not null && StoresArguments(method))
        {
            var stored = TaintValue.Clean;
            foreach (var value in values)
                stored = stored.Union(value ?? TaintValue.Clean);
            StoreInto(FluentRoot(invocation.Instance), stored);
        }

        return result.Without(Policy.GetSanitizedKinds(method));
    }

    private TaintValue CallResult(IInvocationOperation invocation, TaintValue instance, TaintValue[] values)
    {
        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.LocalFunction)
            return RunLocalFunction(method, invocation, values);

        var anyTaint = !instance.IsClean;
        foreach (var value in values)
            anyTaint |= value is { IsClean: false };
        if (!anyTaint && !Policy.MayReturnSourcesWithoutTaintedArguments(method))
            return TaintValue.Clean;

        var summary = _engine.GetSummary(method, _callStack, _cancellationToken);
        if (summary is null)
        {
            // Not ours to look into: whatever went in may come out (string APIs, LINQ, collections, encoders
            // are handled by the sanitizer table).
            var result = instance;
            foreach (var value in values)
                result = result.Union(value);
            return result;
        }

        var returned = summary.ReturnSources;
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].Parameter is not { } parameter || parameter.Ordinal >= summary.ParameterToReturn.Length)
                continue;
            returned = returned.Union(values[i].Restrict(summary.ParameterToReturn[parameter.Ordinal]));
            foreach (var sink in summary.Sinks)
            {
                if (sink.Ordinal == parameter.Ordinal)
                    CheckSink(new SinkInfo(sink.Kinds, sink.Description), values[i], invocation.Arguments[i].Syntax.GetLocation(), method.Name, sink.Location);
            }
        }

        return returned;
    }

    private TaintValue RunLocalFunction(IMethodSymbol localFunction, IInvocationOperation invocation, TaintValue[] values)
    {
        if (_callStack.Count >= TaintEngine.MaxCallDepth || _callStack.Contains(localFunction)
            || LocalFunctionGraph(localFunction) is not { } graph)
            return Union(values);

        var entry = _state.Clone();
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].Parameter is { } parameter)
            {
                entry.RemoveMembersOf(parameter);
                entry.Set(FlowKey.For(parameter), values[i]);
            }
        }

        var run = new FlowRun(_engine, graph, _hits, _callStack.Add(localFunction), _cancellationToken);
        run.Execute(entry);
        return run.ReturnTaint;
    }

    /// <summary>
    /// The graph of a local function declared in this graph or an enclosing one; null in broken code where the
    /// function is referenced outside its scope (the Roslyn helper would throw).
    /// </summary>
    private ControlFlowGraph? LocalFunctionGraph(IMethodSymbol localFunction)
    {
        for (var graph = _graph; graph is not null; graph = graph.Parent)
        {
            if (graph.LocalFunctions.Contains(localFunction, SymbolEqualityComparer.Default))
                return graph.GetLocalFunctionControlFlowGraph(localFunction, _cancellationToken);
        }

        return null;
    }

    /// <summary>A lambda passed to a call: its parameters may receive what the call was given (LINQ, callbacks).</summary>
    private TaintValue RunDelegate(IOperation value, TaintValue seed) =>
        UnwrapDelegate(value) is IFlowAnonymousFunctionOperation lambda
            ? RunLambda(lambda, seed, handlerRoute: null, isHandler: false)
            : Evaluate(value);

    /// <summary>A request handler: a lambda's parameters are request data; a method group is summarised.</summary>
    private TaintValue RunHandler(IOperation value, string? route)
    {
        value = UnwrapDelegate(value);
        if (value is IFlowAnonymousFunctionOperation lambda)
            return RunLambda(lambda, TaintValue.Clean, route, isHandler: true);

        if (value is IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var method } }
            && _engine.GetSummary(method, _callStack, _cancellationToken) is { } summary)
        {
            foreach (var sink in summary.Sinks)
            {
                var parameter = method.Parameters[sink.Ordinal];
                if (Policy.GetParameterSource(parameter, route) is { } source)
                    CheckSink(new SinkInfo(sink.Kinds, sink.Description), source, sink.Location, via: null, innerLocation: null);
            }
        }

        return TaintValue.Clean;
    }

    private TaintValue RunLambda(IFlowAnonymousFunctionOperation lambda, TaintValue seed, string? handlerRoute, bool isHandler)
    {
        if (_callStack.Count >= TaintEngine.MaxCallDepth)
            return TaintValue.Clean;
        var graph = _graph.GetAnonymousFunctionControlFlowGraphInScope(lambda, _cancellationToken);

        // Captured variables keep their taint from the point where the lambda is created.
        var entry = _state.Clone();
        foreach (var parameter in lambda.Symbol.Parameters)
        {
            entry.RemoveMembersOf(parameter);
            var taint = isHandler ? Policy.GetParameterSource(parameter, handlerRoute) ?? TaintValue.Clean : seed;
            entry.Set(FlowKey.For(parameter), taint);
        }

        var run = new FlowRun(_engine, graph, _hits, _callStack.Add(lambda.Symbol), _cancellationToken);
        run.Execute(entry);
        return run.ReturnTaint;
    }

    private void CheckSink(SinkInfo sink, TaintValue value, Location location, string? via, Location? innerLocation)
    {
        foreach (var flow in value.Flows)
        {
            var kinds = flow.Kinds & sink.Kinds;
            if (kinds != 0)
                _hits.Add(new SinkHit(kinds, flow.Origin, location, sink.Description, via, innerLocation));
        }
    }

    // ---- text building ------------------------------------------------------------------------------------------

    private static bool IsTextBuilding(IOperation operation) =>
        operation is IInterpolatedStringOperation
        || operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }
        || operation is IInvocationOperation { TargetMethod: { Name: "Format", ContainingType.SpecialType: SpecialType.System_String } };

    /// <summary>Text appended after a constant prefix cannot change what the prefix fixed (e.g. a URL's host).</summary>
    private TaintValue ApplyConstantPrefix(IOperation operation, TaintValue taint)
    {
        var prefix = LeadingConstant(operation);
        return prefix.Length == 0 ? taint : taint.Without(Policy.GetKindsFixedByPrefix(prefix));
    }

    private static string LeadingConstant(IOperation operation)
    {
        operation = Unwrap(operation);
        if (operation.ConstantValue is { HasValue: true, Value: string constant })
            return constant;

        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                var left = Unwrap(binary.LeftOperand);
                return left.ConstantValue is { HasValue: true, Value: string text }
                    ? text + LeadingConstant(binary.RightOperand)
                    : LeadingConstant(left);

            case IInterpolatedStringOperation interpolated:
                var prefix = "";
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string literal })
                        prefix += literal;
                    else if (part is IInterpolationOperation { Expression.ConstantValue: { HasValue: true, Value: var value } })
                        prefix += value?.ToString();
                    else
                        break;
                }

                return prefix;

            case IInvocationOperation { Arguments.Length: > 0 } format
                when format.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string pattern }:
                var brace = pattern.IndexOf('{');
                return brace < 0 ? pattern : pattern.Substring(0, brace);
        }

        return "";
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>The state key an operation reads, if it reads a tracked location.</summary>
    private FlowKey? KeyOf(IOperation operation)
    {
        switch (Unwrap(operation))
        {
            case IFlowCaptureReferenceOperation capture when _captureAliases.TryGetValue(capture.Id, out var alias):
                return FlowKey.For(alias);
            case ILocalReferenceOperation local:
                return FlowKey.For(local.Local);
            case IParameterReferenceOperation parameter:
                return FlowKey.For(parameter.Parameter);
            case IFlowCaptureReferenceOperation capture:
                return FlowKey.For(capture.Id);
            case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                return FlowKey.For(field.Field);
            case IMemberReferenceOperation { Instance: { } instance } member
                when member is IFieldReferenceOperation || member is IPropertyReferenceOperation { Arguments.Length: 0 }:
                return KeyOf(instance) is { Member: null } root ? FlowKey.ForMember(root.Root, member.Member) : null;
            default:
                return null;
        }
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    break;
                case IConversionOperation conversion when conversion.Operand.Type?.SpecialType == SpecialType.System_String:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    private static bool IsDelegate(IOperation value) =>
        Unwrap(value) is IFlowAnonymousFunctionOperation or IDelegateCreationOperation;

    /// <summary>A lambda converted to a delegate type is a delegate creation around the lambda.</summary>
    private static IOperation UnwrapDelegate(IOperation value)
    {
        value = Unwrap(value);
        return value is IDelegateCreationOperation { Target: IFlowAnonymousFunctionOperation lambda } ? lambda : value;
    }

    private static TaintValue Union(TaintValue[] values)
    {
        var result = TaintValue.Clean;
        foreach (var value in values)
            result = result.Union(value ?? TaintValue.Clean);
        return result;
    }

    /// <summary><c>builder.Append(a).Append(b)</c>: the second call stores into <c>builder</c>.</summary>
    private static IOperation FluentRoot(IOperation instance)
    {
        while (Unwrap(instance) is IInvocationOperation { Instance: { } inner } call && StoresArguments(call.TargetMethod)
               && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ReturnType, inner.Type))
            instance = inner;
        return instance;
    }

    /// <summary>Calls that store their arguments into the receiver: builders and collections.</summary>
    private static bool StoresArguments(IMethodSymbol method) =>
        method.Name switch
        {
            "Append" or "AppendLine" or "AppendFormat" or "AppendJoin" or "Insert" => true,
            "Add" or "AddRange" or "TryAdd" or "Push" or "Enqueue" or "Set" or "Write" or "WriteLine" => true,
            _ => false,
        };
}
