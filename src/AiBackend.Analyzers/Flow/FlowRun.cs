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
    private readonly CallStack _callStack;
    private readonly CancellationToken _cancellationToken;

    // A conditional value assigned to a property is lowered to "capture the property, compute the value, assign to
    // the capture": remember what each capture stood for, so the assignment still reaches the property's sink.
    private readonly Dictionary<CaptureId, IOperation> _capturedTargets = new();

    // A receiver captured before a conditional argument (builder.Append(c ? x : y)) is the local itself: stores
    // through the capture must land on the local.
    private readonly Dictionary<CaptureId, ISymbol> _captureAliases = new();
    private readonly Dictionary<ILocalSymbol, INamedTypeSymbol?> _createdTypes = new(SymbolEqualityComparer.Default);
    private FlowState _state = new();

    public FlowRun(TaintEngine engine, ControlFlowGraph graph, HitCollector hits, CallStack callStack, CancellationToken cancellationToken)
    {
        _engine = engine;
        _graph = graph;
        _hits = hits;
        _callStack = callStack;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Everything the body may return, member path by member path.</summary>
    public TaintTree ReturnTree { get; private set; } = TaintTree.Clean;

    /// <summary>The state where the body ends (what a constructor built, what a method stored into its parameters).</summary>
    public FlowState ExitState { get; private set; } = new();

    private TaintPolicy Policy => _engine.Policy;

    public void Execute(FlowState entry)
    {
        var blocks = _graph.Blocks;
        var inStates = new FlowState?[blocks.Length];
        inStates[0] = entry;

        // Only blocks without predecessors (catch, finally, unreachable code) read the states seen so far; without
        // such a block, joining every block's state into it is work nobody reads.
        var orphans = blocks.Where(b => b.Ordinal > 0 && b.Predecessors.IsEmpty && b.Kind != BasicBlockKind.Exit).Select(b => b.Ordinal).ToList();
        var seenSoFar = orphans.Count > 0 ? entry.Clone() : null;

        // A worklist in block order: a block is evaluated again only when its in-state grew. Taint only grows, so
        // this reaches the state a pass over every block until nothing changes would, without the passes that
        // re-evaluate unchanged blocks (on a graph without loops, every block once). The cap is that many passes.
        var dirty = new bool[blocks.Length];
        dirty[0] = true;
        foreach (var orphan in orphans)
            dirty[orphan] = true;
        var budget = MaxPasses * blocks.Length;
        for (var next = 0; FirstDirty(dirty, next) is var ordinal and >= 0 && budget-- > 0; next = ordinal + 1)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            dirty[ordinal] = false;
            var block = blocks[ordinal];
            var input = inStates[ordinal];
            if (input is null)
            {
                // Catch and finally blocks have no explicit predecessors: they may start from any state of the
                // protected region, approximated by everything seen so far.
                if (block.Predecessors.Length > 0 || block.Kind == BasicBlockKind.Exit)
                    continue;
                input = seenSoFar!;
            }

            _state = input.Clone();
            foreach (var operation in block.Operations)
                Evaluate(operation);

            if (block.BranchValue is not null && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                ReturnTree = ReturnTree.Union(EvaluateTree(block.BranchValue));
            else if (block.BranchValue is not null)
                Evaluate(block.BranchValue);

            FlowToSuccessors(block, inStates, dirty);
            if (seenSoFar is not null && seenSoFar.JoinWith(_state))
            {
                foreach (var orphan in orphans)
                    dirty[orphan] = true;
            }
        }

        ExitState = inStates[blocks.Length - 1] ?? new FlowState();
    }

    /// <summary>The first dirty block from <paramref name="start"/> on, wrapping around; -1 when none is.</summary>
    private static int FirstDirty(bool[] dirty, int start)
    {
        for (var i = 0; i < dirty.Length; i++)
        {
            var ordinal = (start + i) % dirty.Length;
            if (dirty[ordinal])
                return ordinal;
        }

        return -1;
    }

    private void FlowToSuccessors(BasicBlock block, FlowState?[] inStates, bool[] dirty)
    {
        if (block.ConditionalSuccessor?.Destination is { } conditional && block.BranchValue is not null)
        {
            var whenTrue = _state.Clone();
            var whenFalse = _state.Clone();
            ApplyGuard(block.BranchValue, whenTrue, whenFalse);
            var jumpIsTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            FlowTo(inStates, dirty, conditional, jumpIsTrue ? whenTrue : whenFalse);
            if (block.FallThroughSuccessor?.Destination is { } fallThrough)
                FlowTo(inStates, dirty, fallThrough, jumpIsTrue ? whenFalse : whenTrue);
        }
        else if (block.FallThroughSuccessor?.Destination is { } next)
        {
            FlowTo(inStates, dirty, next, _state);
        }
    }

    private static void FlowTo(FlowState?[] inStates, bool[] dirty, BasicBlock destination, FlowState state)
    {
        var existing = inStates[destination.Ordinal];
        if (existing is null)
            inStates[destination.Ordinal] = state.Clone();
        else if (!existing.JoinWith(state))
            return;
        dirty[destination.Ordinal] = true;
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
            case IIsTypeOperation { IsNegated: false } test when Policy.GetKindsCleanedByTypeTest(test.TypeOperand) is var typeKinds and not 0:
                CleanIn(whenTrue, test.ValueOperand, typeKinds);
                break;
            case IIsPatternOperation { Pattern: ITypePatternOperation or IDeclarationPatternOperation or IRecursivePatternOperation } pattern
                when MatchedType(pattern.Pattern) is { } matched && Policy.GetKindsCleanedByTypeTest(matched) is var patternKinds and not 0:
                CleanIn(whenTrue, pattern.Value, patternKinds);
                break;
        }
    }

    private static ITypeSymbol? MatchedType(IPatternOperation pattern) => pattern switch
    {
        ITypePatternOperation type => type.MatchedType,
        IDeclarationPatternOperation declaration => declaration.MatchedType,
        IRecursivePatternOperation recursive => recursive.MatchedType,
        _ => null,
    };

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
            state.Clean(uriKey, kinds);

        if (KeyOf(value) is { } key)
            state.Clean(key, kinds);
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
            IFieldReferenceOperation field => ReadMember(field.Instance, field.Field).Whole,
            IPropertyReferenceOperation property => ReadProperty(property).Whole,
            ISimpleAssignmentOperation assignment => Assign(assignment.Target, EvaluateTree(assignment.Value), assignment).Whole,
            IDeconstructionAssignmentOperation deconstruction => Deconstruct(deconstruction),
            ICompoundAssignmentOperation compound => Assign(compound.Target, TaintTree.Of(Evaluate(compound.Target).Union(Evaluate(compound.Value))), compound).Whole,
            IBinaryOperation binary => Evaluate(binary.LeftOperand).Union(Evaluate(binary.RightOperand)),
            IInterpolatedStringOperation interpolated => EvaluateChildren(interpolated),
            IInvocationOperation invocation => Invoke(invocation).Whole,
            IObjectCreationOperation creation => Create(creation).Whole,
            IAwaitOperation awaited => Evaluate(awaited.Operation),
            IConversionOperation conversion => Evaluate(conversion.Operand),
            IFlowAnonymousFunctionOperation lambda => RunLambda(lambda, TaintValue.Clean, handlerRoute: null, isHandler: false),
            IDelegateCreationOperation creation => Evaluate(creation.Target),
            ITypeOfOperation or IDefaultValueOperation or IIsNullOperation or ISizeOfOperation => TaintValue.Clean,
            IInstanceReferenceOperation => TaintValue.Clean,
            ICaughtExceptionOperation caught => Policy.GetCaughtExceptionSource(caught) ?? TaintValue.Clean,
            IIsPatternOperation isPattern => BindPattern(isPattern.Pattern, EvaluateTree(isPattern.Value)),
            _ => EvaluateChildren(operation),
        };

        if (taint.IsClean || IsSafeValue(operation.Type))
            return TaintValue.Clean;

        return IsTextBuilding(operation) ? ApplyConstantPrefix(operation, taint) : taint;
    }

    /// <summary>
    /// <c>x is SqlException sql</c>, <c>x is { Path: var path }</c> and switch cases (lowered to the same): each declared
    /// variable holds the part of x it matched. The test itself is a bool, so clean.
    /// </summary>
    private TaintValue BindPattern(IPatternOperation pattern, TaintTree value)
    {
        switch (pattern)
        {
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local } declaration:
                _state.Set(FlowKey.For(local), Matched(value, declaration.MatchedType), strong: true);
                break;
            case IRecursivePatternOperation recursive:
                if (recursive.DeclaredSymbol is ILocalSymbol named)
                    _state.Set(FlowKey.For(named), Matched(value, recursive.MatchedType), strong: true);
                foreach (var property in recursive.PropertySubpatterns)
                {
                    if (property.Member is IMemberReferenceOperation { Member: var member })
                        BindPattern(property.Pattern, value.SubtreeAt(AccessPath.Of(member)));
                }

                break;
            case IBinaryPatternOperation binary:
                BindPattern(binary.LeftPattern, value);
                BindPattern(binary.RightPattern, value);
                break;
        }

        return TaintValue.Clean;

        // What the type test itself vouches for (the app's own exception type for AIB2002) the variable does not carry.
        TaintTree Matched(TaintTree matched, ITypeSymbol? type) =>
            type is null || Policy.GetKindsCleanedByTypeTest(type) is var kinds && kinds == 0 ? matched : matched.Restrict(~kinds);
    }

    /// <summary>
    /// The taint of an operation's value member path by member path, where the value is an object that keeps them
    /// apart (a variable, a member, a new object, a summarised call's result); anything else is one value.
    /// </summary>
    private TaintTree EvaluateTree(IOperation? operation)
    {
        if (operation is null || operation.ConstantValue.HasValue)
            return TaintTree.Clean;

        TaintTree tree;
        switch (operation)
        {
            case IConversionOperation conversion:
                tree = EvaluateTree(conversion.Operand);
                break;
            case IAwaitOperation awaited:
                tree = EvaluateTree(awaited.Operation);
                break;
            case IFlowCaptureReferenceOperation reference:
                tree = _state.Subtree(FlowKey.For(reference.Id));
                break;
            case ILocalReferenceOperation local:
                tree = _state.Subtree(FlowKey.For(local.Local));
                break;
            case IParameterReferenceOperation parameter:
                tree = _state.Subtree(FlowKey.For(parameter.Parameter));
                break;
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                tree = _state.Subtree(FlowKey.For(FlowKey.This));
                break;
            case IFieldReferenceOperation field:
                tree = ReadMember(field.Instance, field.Field);
                break;
            case IPropertyReferenceOperation property:
                tree = ReadProperty(property);
                break;
            case IInvocationOperation invocation when !IsTextBuilding(invocation):
                tree = Invoke(invocation);
                break;
            case IObjectCreationOperation creation:
                tree = Create(creation);
                break;
            default:
                return TaintTree.Of(Evaluate(operation));
        }

        return IsSafeValue(operation.Type) ? TaintTree.Clean : tree;
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
        return KeyOf(operation) is { } key ? _state.GetWhole(key) : Evaluate(operation);
    }

    private TaintValue Capture(IFlowCaptureOperation capture)
    {
        if (capture.Value is IPropertyReferenceOperation or IFieldReferenceOperation or IArrayElementReferenceOperation)
            _capturedTargets[capture.Id] = capture.Value;
        if (Unwrap(capture.Value) is ILocalReferenceOperation { Local: var local })
            _captureAliases[capture.Id] = local;
        else if (Unwrap(capture.Value) is IParameterReferenceOperation { Parameter: var parameter })
            _captureAliases[capture.Id] = parameter;
        var value = EvaluateTree(capture.Value);
        _state.Set(FlowKey.For(capture.Id), value, strong: true);
        return value.Whole;
    }

    /// <summary>A variable read as a whole: tainted if any member path under it is.</summary>
    private TaintValue ReadWhole(object root) => _state.GetWhole(FlowKey.For(root));

    private TaintTree ReadProperty(IPropertyReferenceOperation reference)
    {
        if (Policy.GetMemberSource(reference.Property, reference) is { } source)
        {
            Evaluate(reference.Instance);
            return TaintTree.Of(source);
        }

        if (reference.Arguments.Length == 0)
            return ReadMember(reference.Instance, reference.Property);

        // An indexer (query["name"], dictionary[key]) yields what the collection holds.
        foreach (var argument in reference.Arguments)
            Evaluate(argument.Value);
        return TaintTree.Of(Evaluate(reference.Instance));
    }

    /// <summary>
    /// <c>instance.Member</c>: what was stored at that path, or what the object as a whole holds. A computed property
    /// (<c>=&gt; Request.Path</c>) of a tainted object that nobody assigned is what its getter reads of the object.
    /// </summary>
    private TaintTree ReadMember(IOperation? instance, ISymbol member)
    {
        if (instance is null)
            return _state.Subtree(FlowKey.For(member));

        var owner = EvaluateTree(instance);
        var path = AccessPath.Of(member);
        if (member is IPropertySymbol { GetMethod: { IsStatic: false, DeclaringSyntaxReferences.Length: 1 } getter }
            && !owner.IsClean && !owner.Lists(path)
            && _engine.GetSummary(getter, _callStack, _cancellationToken) is { } summary)
        {
            foreach (var sink in summary.Sinks)
            {
                if (sink.Ordinal == TaintOrigin.ReceiverOrdinal)
                    CheckSink(new SinkInfo(sink.Kinds, sink.Description), owner.WholeAt(sink.Path), instance.Syntax.GetLocation(), getter.AssociatedSymbol?.Name, sink.Location, sink);
            }

            return Instantiate(summary.Returned, ordinal => ordinal == TaintOrigin.ReceiverOrdinal ? owner : TaintTree.Clean);
        }

        // A get-only property of a library type may compute its value from any member (VideoRequest => Request as
        // VideoRequestDto): without a body to summarise, it reads the object as a whole.
        if (member is IPropertySymbol { SetMethod: null, DeclaringSyntaxReferences.Length: 0 } && !owner.IsFlat && !owner.Lists(path))
            return TaintTree.Of(owner.Whole);

        // list.Last, list.First, dictionary.Values: a library collection's property typed by its elements reads what
        // was added (stored at the elements' path), also where the collection is a summarised method's parameter.
        if (member is IPropertySymbol { DeclaringSyntaxReferences.Length: 0 } element && IsElementProperty(element))
            return owner.SubtreeAt(AccessPath.Of(AccessPath.Elements));

        return owner.SubtreeAt(path);
    }

    private static bool IsElementProperty(IPropertySymbol property)
    {
        if (property.IsIndexer || property.ContainingType is not { IsGenericType: true } collection
            || !collection.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
            return false;
        return collection.TypeArguments.Any(argument => Mentions(property.Type, argument));

        static bool Mentions(ITypeSymbol type, ITypeSymbol argument) =>
            SymbolEqualityComparer.Default.Equals(type, argument)
            || type is INamedTypeSymbol named && named.TypeArguments.Any(t => Mentions(t, argument))
            || type is IArrayTypeSymbol array && Mentions(array.ElementType, argument);
    }

    private TaintTree Assign(IOperation target, TaintTree value, IOperation assignment)
    {
        switch (target)
        {
            case IFlowCaptureReferenceOperation reference when _capturedTargets.TryGetValue(reference.Id, out var captured):
                return Assign(captured, value, assignment);

            case ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation:
                _state.Set(FlowKey.For(KeyOf(target)!.Value.Root), value, strong: true);
                break;

            case IPropertyReferenceOperation { Arguments.Length: > 0 } indexer:
                foreach (var argument in indexer.Arguments)
                    Evaluate(argument.Value);
                StoreInto(indexer.Instance, value.Whole);
                break;

            case IPropertyReferenceOperation or IFieldReferenceOperation:
                var memberReference = (IMemberReferenceOperation)target;
                var key = KeyOf(target);
                if (key is null && memberReference.Instance is not null)
                    Evaluate(memberReference.Instance);
                // cmd.CommandText = sql and cmd.CommandText += sql alike.
                if (target is IPropertyReferenceOperation property && assignment is IAssignmentOperation assigned
                    && Policy.GetPropertySink(property.Property, assigned) is { } sink)
                {
                    // Reported here, so the object carrying it on to another sink is not reported a second time.
                    CheckSink(sink, value.Whole, assignment.Syntax.GetLocation(), via: null, innerLocation: null);
                    value = value.Restrict(~sink.Kinds);
                }

                // Only this member changes: state.MediaPath = x leaves state.Request as it was.
                if (key is { } member)
                    _state.Set(member, value, strong: !member.Folded);
                break;

            case IArrayElementReferenceOperation element:
                foreach (var index in element.Indices)
                    Evaluate(index);
                StoreInto(element.ArrayReference, value.Whole);
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
                Assign(targets.Elements[i], TaintTree.Of(elementTaints[i]), deconstruction);
            return elementTaints.Aggregate(TaintValue.Clean, (all, next) => all.Union(next));
        }

        var whole = Evaluate(deconstruction.Value);
        foreach (var element in targets.Elements)
            Assign(element, IsSafeValue(element.Type) ? TaintTree.Clean : TaintTree.Of(whole), deconstruction);
        return whole;
    }

    /// <summary>A collection or builder (or a member that is one: <c>dto.Items.Add(x)</c>) holds what was added.</summary>
    private void StoreInto(IOperation? container, TaintValue value)
    {
        if (container is not null && KeyOf(container) is { } key)
            _state.Set(key.Member(AccessPath.Elements), TaintTree.Of(value), strong: false);
    }

    private TaintTree Create(IObjectCreationOperation creation)
    {
        var arguments = creation.Arguments;
        var values = new TaintTree[arguments.Length];
        var any = TaintValue.Clean;
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = EvaluateTree(arguments[i].Value);
            var whole = values[i].Whole;
            if (creation.Constructor is { } constructor && arguments[i].Parameter is { } parameter
                && Policy.GetArgumentSink(creation, constructor, parameter) is { } sink)
                CheckSink(sink, whole, arguments[i].Syntax.GetLocation(), via: null, innerLocation: null);
            any = any.Union(whole);
        }

        // A constructor in source builds its members from its parameters (this.Path = path); one from a library
        // (new Uri(x), new StringBuilder(x), new List<string>(items)) holds all of them as a whole.
        var built = TaintTree.Of(any);
        if (creation.Constructor is { } target && (!any.IsClean || Policy.MayReturnSourcesWithoutTaintedArguments(target))
            && _engine.GetSummary(target, _callStack, _cancellationToken) is { } summary)
            built = ApplySummary(summary, target.Name, creation, values, receiver: null, instanceTree: TaintTree.Clean, statics: TaintTree.Clean);

        if (creation.Initializer is not null)
            built = built.With(AccessPath.Empty, Evaluate(creation.Initializer), strong: false);
        return built;
    }

    private TaintTree Invoke(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;

        // Calls on this (Ok(x), View(model), a helper of the controller) do not pass the controller's own state on.
        var instanceTree = invocation.Instance is null or IInstanceReferenceOperation ? TaintTree.Clean : EvaluateTree(invocation.Instance);
        var instance = instanceTree.Whole;
        var arguments = invocation.Arguments;
        var values = new TaintTree[arguments.Length];
        var others = instance;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (IsDelegate(arguments[i].Value))
                continue;
            values[i] = EvaluateTree(arguments[i].Value);
            others = others.Union(values[i].Whole);
        }

        var isRegistration = Policy.TryGetHandlerRegistration(invocation, out var route);
        for (var i = 0; i < arguments.Length; i++)
        {
            if (!IsDelegate(arguments[i].Value))
                continue;
            values[i] = TaintTree.Of(isRegistration ? RunHandler(arguments[i].Value, route) : RunDelegate(arguments[i].Value, others));
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter is { } parameter && Policy.GetArgumentSink(invocation, method, parameter) is { } sink)
                CheckSink(sink, values[i].Whole, arguments[i].Syntax.GetLocation(), via: null, innerLocation: null);
        }

        var result = Policy.GetMemberSource(method, invocation) is { } source ? TaintTree.Of(source) : CallResult(invocation, instanceTree, values);

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter?.RefKind is RefKind.Out or RefKind.Ref)
                Assign(arguments[i].Value, ReturnsOwnData(method) ? TaintTree.Clean : TaintTree.Of(others), arguments[i]);
        }

        if (invocation.Instance is not null && (StoresArguments(method) || LoadsDocument(method)))
        {
            var stored = TaintValue.Clean;
            foreach (var value in values)
                stored = stored.Union(value?.Whole ?? TaintValue.Clean);
            StoreInto(FluentRoot(invocation.Instance), stored);
        }

        // serializer.Serialize(stream, value): the stream (and the bytes or text read back from it) holds the value.
        if (SerializedInto(invocation) is { } written)
        {
            var stored = TaintValue.Clean;
            for (var i = 0; i < arguments.Length; i++)
            {
                if (i != written)
                    stored = stored.Union(values[i]?.Whole ?? TaintValue.Clean);
            }

            StoreInto(arguments[written].Value, stored);
        }

        // A constructor's ": base(name)" or ": this(name)" builds part of this object.
        if (method.MethodKind == MethodKind.Constructor && invocation.Instance is IInstanceReferenceOperation)
            _state.Set(FlowKey.For(FlowKey.This), result, strong: false);

        var sanitized = Policy.GetSanitizedKinds(method);
        return sanitized == 0 ? result : result.Restrict(~sanitized);
    }

    private TaintTree CallResult(IInvocationOperation invocation, TaintTree instance, TaintTree[] values)
    {
        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.LocalFunction)
            return RunLocalFunction(method, invocation, values);

        // A helper of the same object reads the fields this method set: its summary sees them as the receiver's
        // (only summarised calls: a library method on this, Ok(x) or View(model), does not read the app's fields).
        var ownFields = invocation.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } && !method.IsStatic
            ? _state.Subtree(FlowKey.For(FlowKey.This))
            : TaintTree.Clean;

        var statics = StaticFieldState();
        var anyTaint = !instance.IsClean || !ownFields.IsClean || !statics.IsClean;
        foreach (var value in values)
            anyTaint |= value is { IsClean: false };
        if (!anyTaint && !Policy.MayReturnSourcesWithoutTaintedArguments(method))
            return TaintTree.Clean;

        // A mediator hands the request to its handlers: their summaries stand for the call.
        var dispatched = _engine.DispatchSummaries(invocation, _callStack, _cancellationToken);
        if (dispatched.Count > 0)
            return ApplySummary(MethodSummary.Union(dispatched), "Handle", invocation, values, receiver: null, TaintTree.Clean, TaintTree.Clean);

        var summary = _engine.GetSummary(ConcreteTarget(invocation) ?? method, _callStack, _cancellationToken);
        if (summary is null && ReturnsOwnData(method))
        {
            RecordPending(invocation, method, values);
            return TaintTree.Clean;
        }
        if (summary is null)
        {
            // A task's ConfigureAwait and Task.FromResult hand the same object on, members and all.
            if (method.Name == "ConfigureAwait" && invocation.Arguments.Length == 1)
                return instance;
            if (method.Name == "FromResult" && values.Length == 1 && method.ContainingType?.Name is "Task" or "ValueTask")
                return values[0];

            // Not ours to look into: whatever went in may come out (string APIs, LINQ, collections, encoders
            // are handled by the sanitizer table), unless the policy knows the result has no room for it.
            if (!Policy.OpaqueResultCarriesInput(method))
                return TaintTree.Clean;
            var result = instance.Whole;
            foreach (var value in values)
                result = result.Union(value?.Whole ?? TaintValue.Clean);
            return TaintTree.Of(result);
        }

        return ApplySummary(summary, method.Name, invocation, values, invocation.Instance, ownFields.IsClean ? instance : ownFields, statics);
    }

    /// <summary>
    /// A call to a service out of view, in a summary written into the assembly: what it was passed is kept, so a
    /// project that sees the service's implementation can tell whether it reaches a sink.
    /// </summary>
    private void RecordPending(IInvocationOperation invocation, IMethodSymbol method, TaintTree[] values)
    {
        if (!_engine.RecordsPendingCalls || TaintEngine.SummaryId(method) is not { } id)
            return;
        var arguments = ImmutableArray.CreateBuilder<SummaryArgument>();
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            if (values[i] is { IsClean: false } value && invocation.Arguments[i].Parameter is { } parameter)
                arguments.Add(new SummaryArgument(parameter.Ordinal, value));
        }

        if (arguments.Count > 0)
            _hits.AddPending(new SummaryCall(id, method.Name, arguments.ToImmutable()), invocation.Syntax.GetLocation());
    }

    /// <summary>A service out of view, under a policy that takes such services to answer with their own data.</summary>
    private bool ReturnsOwnData(IMethodSymbol method) => Policy.ServicesOutOfViewReturnTheirOwnData && _engine.IsServiceOutOfView(method);

    /// <summary>
    /// A summarised call at its call site: the sinks each argument's member paths reach, what the callee stores into
    /// members of the caller's variables, and the returned object with the summary's parameter paths replaced by
    /// what the arguments hold there.
    /// </summary>
    private TaintTree ApplySummary(MethodSummary summary, string via, IOperation call, TaintTree[] values, IOperation? receiver, TaintTree instanceTree, TaintTree statics)
    {
        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };

        TaintTree ArgumentTree(int ordinal)
        {
            if (ordinal == TaintOrigin.ReceiverOrdinal)
                return instanceTree;
            if (ordinal == TaintOrigin.StaticOrdinal)
                return statics;
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i].Parameter?.Ordinal == ordinal)
                    return values[i] ?? TaintTree.Clean;
            }

            return TaintTree.Clean;
        }

        IOperation? ArgumentOperation(int ordinal)
        {
            if (ordinal == TaintOrigin.ReceiverOrdinal)
                return receiver;
            if (ordinal == TaintOrigin.StaticOrdinal)
                return call;
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                    return argument;
            }

            return null;
        }

        foreach (var sink in summary.Sinks)
        {
            if (ArgumentOperation(sink.Ordinal) is { } argument)
                CheckSink(new SinkInfo(sink.Kinds, sink.Description), ArgumentTree(sink.Ordinal).WholeAt(sink.Path), argument.Syntax.GetLocation(), via, sink.Location, sink);
        }

        // The callee's calls to services out of view become this method's, with what the caller passed.
        if (_engine.RecordsPendingCalls)
        {
            foreach (var pending in summary.Pending)
            {
                var passed = pending.Arguments
                    .Select(a => new SummaryArgument(a.Ordinal, Instantiate(a.Tree, ArgumentTree)))
                    .Where(a => !a.Tree.IsClean)
                    .ToImmutableArray();
                if (!passed.IsEmpty)
                    _hits.AddPending(new SummaryCall(pending.TargetId, pending.Via, passed), call.Syntax.GetLocation());
            }
        }

        foreach (var effect in summary.Effects)
        {
            var argument = ArgumentOperation(effect.Ordinal);
            var target = argument is IArgumentOperation passed ? passed.Value : argument;
            if (target is not null && KeyOf(target) is { } key)
                _state.Set(key, Instantiate(effect.Stored, ArgumentTree), strong: false);
        }

        return Instantiate(summary.Returned, ArgumentTree);
    }

    /// <summary>
    /// A summary's tree at a call site: "parameter p's path M" becomes the argument's object at M (restricted to
    /// the kinds the callee lets through); shorter paths first, so a path the callee set replaces what a prefix put there.
    /// </summary>
    internal static TaintTree Instantiate(TaintTree summaryTree, System.Func<int, TaintTree> argument)
    {
        var result = TaintTree.Clean;
        var entries = ShortestPathsFirst(summaryTree.Entries);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            // A summary of a method that maps a big request object returns a value with a flow per member: the
            // flat parts are gathered and merged once (a union per flow copied the growing value each time, the
            // largest single cost on real code); only objects with member paths of their own are joined as trees.
            var flat = new List<TaintFlow>();
            var nested = TaintTree.Clean;
            foreach (var flow in entry.Value.Flows)
            {
                if (!flow.Origin.IsParameter)
                {
                    flat.Add(flow);
                    continue;
                }

                var part = argument(flow.Origin.ParameterOrdinal).SubtreeAt(flow.Origin.Path).Restrict(flow.Kinds);
                if (part.IsFlat)
                    flat.AddRange(part.Whole.Flows);
                else
                    nested = nested.Union(part);
            }

            var piece = TaintTree.Of(TaintValue.FromFlows(flat)).Union(nested);
            result = result.With(entry.Path, piece, strong: true);
        }

        return result;
    }

    /// <summary>
    /// The entries by path length, stably. Most summary trees have one entry or are already in order; a sort through
    /// LINQ cost a generic instantiation over the entry struct in every compiler process, and an allocation per call.
    /// </summary>
    private static IReadOnlyList<TaintTree.Entry> ShortestPathsFirst(IReadOnlyList<TaintTree.Entry> entries)
    {
        var sorted = true;
        for (var i = 1; i < entries.Count && sorted; i++)
            sorted = entries[i - 1].Path.Length <= entries[i].Path.Length;
        if (sorted)
            return entries;

        var copy = new TaintTree.Entry[entries.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            // Insertion sort: a handful of entries (at most TaintTree.MaxPaths), equal lengths keep their order.
            var entry = entries[i];
            var at = i;
            for (; at > 0 && copy[at - 1].Path.Length > entry.Path.Length; at--)
                copy[at] = copy[at - 1];
            copy[at] = entry;
        }

        return copy;
    }

    /// <summary>
    /// The tainted mutable static fields at a call, each below its <see cref="TaintOrigin.StaticPath"/>: what a
    /// summary's <see cref="TaintOrigin.StaticOrdinal"/> flows stand for. Static state set from a request is read by
    /// whatever runs next, so a callee reading it sees it.
    /// </summary>
    private TaintTree StaticFieldState()
    {
        var statics = TaintTree.Clean;
        foreach (var root in _state.Roots)
        {
            if (root.Key is IFieldSymbol { IsStatic: true } field && !root.Value.IsClean)
                statics = statics.With(TaintOrigin.StaticPath(field), root.Value, strong: false);
        }

        return statics;
    }

    /// <summary>
    /// A virtual or interface call on an object this body created (<c>Notifier n = new SmsNotifier(); n.Send(x)</c>)
    /// runs that class's implementation only, not every override in view.
    /// </summary>
    private IMethodSymbol? ConcreteTarget(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (invocation.Instance is null || !(method.IsAbstract || method.IsVirtual || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface))
            return null;

        var created = Unwrap(invocation.Instance) switch
        {
            IObjectCreationOperation { Type: INamedTypeSymbol type } => type,
            ILocalReferenceOperation { Local: var local } => CreatedType(local),
            _ => null,
        };
        if (created is null || created.TypeKind != TypeKind.Class)
            return null;

        if (method.ContainingType?.TypeKind == TypeKind.Interface)
            return created.FindImplementationForInterfaceMember(method) as IMethodSymbol;

        var original = method.OriginalDefinition;
        for (var type = created; type is not null; type = type.BaseType)
        {
            foreach (var candidate in type.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                for (var overridden = candidate; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, original))
                        return candidate.IsAbstract ? null : candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The class a local was created as when every assignment to it in the body (lambdas and local functions
    /// included) is a <c>new</c> of that one class; null when anything else may be stored in it.
    /// </summary>
    private INamedTypeSymbol? CreatedType(ILocalSymbol local)
    {
        if (_createdTypes.TryGetValue(local, out var known))
            return known;

        var root = _graph;
        while (root.Parent is not null)
            root = root.Parent;

        INamedTypeSymbol? created = null;
        var single = true;
        foreach (var operation in root.OriginalOperation.Descendants())
        {
            IOperation? stored = null;
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.Initializer is null)
                        continue;
                    stored = declarator.Initializer.Value;
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                        stored = assignment.Value;
                    else if (IsWrittenOtherwise(reference))
                        single = false;
                    else
                        continue;
                    break;
                default:
                    continue;
            }

            if (stored is not null && Unwrap(stored) is IObjectCreationOperation { Type: INamedTypeSymbol type }
                && (created is null || SymbolEqualityComparer.Default.Equals(created, type)))
                created = type;
            else
                single = false;
            if (!single)
                break;
        }

        known = single ? created : null;
        _createdTypes[local] = known;
        return known;

        static bool IsWrittenOtherwise(ILocalReferenceOperation reference) => reference.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            IDeclarationExpressionOperation or ITupleOperation or IIncrementOrDecrementOperation => true,
            _ => false,
        };
    }

    private TaintTree RunLocalFunction(IMethodSymbol localFunction, IInvocationOperation invocation, TaintTree[] values)
    {
        if (_callStack.IsRunning(localFunction) || LocalFunctionGraph(localFunction) is not { } graph || !_callStack.CanEnter)
            return TaintTree.Of(Union(values));

        var entry = _state.Clone();
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].Parameter is { } parameter)
                entry.Set(FlowKey.For(parameter), values[i] ?? TaintTree.Clean, strong: true);
        }

        var run = new FlowRun(_engine, graph, _hits, _callStack.Inline(localFunction), _cancellationToken);
        run.Execute(entry);
        return run.ReturnTree;
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
                if (sink.Ordinal < 0 || sink.Ordinal >= method.Parameters.Length)
                    continue;
                var parameter = method.Parameters[sink.Ordinal];
                if (Policy.GetParameterSource(parameter, route) is { } source)
                    CheckSink(new SinkInfo(sink.Kinds, sink.Description), source, sink.Location, via: null, innerLocation: null, sink, registered: true);
            }
        }

        return TaintValue.Clean;
    }

    private TaintValue RunLambda(IFlowAnonymousFunctionOperation lambda, TaintValue seed, string? handlerRoute, bool isHandler)
    {
        if (!_callStack.CanEnter)
            return TaintValue.Clean;
        var graph = _graph.GetAnonymousFunctionControlFlowGraphInScope(lambda, _cancellationToken);

        // Captured variables keep their taint from the point where the lambda is created.
        var entry = _state.Clone();
        foreach (var parameter in lambda.Symbol.Parameters)
        {
            var taint = isHandler ? Policy.GetParameterSource(parameter, handlerRoute) ?? TaintValue.Clean : seed;
            entry.Set(FlowKey.For(parameter), taint);
        }

        var run = new FlowRun(_engine, graph, _hits, _callStack.Inline(lambda.Symbol), _cancellationToken);
        run.Execute(entry);
        return run.ReturnTree.Whole;
    }

    /// <param name="below">The callee's sink, when the sink is reached through a summarised call (or registered handler).</param>
    /// <param name="registered">A handler registered here as a method group: its parameters are the source, so the path starts in it.</param>
    private void CheckSink(SinkInfo sink, TaintValue value, Location location, string? via, Location? innerLocation, SummarySink? below = null, bool registered = false)
    {
        ImmutableArray<string> path = default;
        ImmutableArray<Location> calls = default;
        foreach (var flow in value.Flows)
        {
            var kinds = flow.Kinds & sink.Kinds;
            if (kinds == 0)
                continue;
            if (path.IsDefault)
                (path, calls) = PathTo(location, below, registered);
            _hits.Add(new SinkHit(kinds, flow.Origin, location, sink.Description, via, innerLocation, path, calls));
        }
    }

    /// <summary>The methods and calls from this frame's method down to the sink, built only for a hit.</summary>
    private (ImmutableArray<string> Path, ImmutableArray<Location> Calls) PathTo(Location call, SummarySink? below, bool registered)
    {
        if (registered && below is not null)
            return (below.Through, below.Calls);
        var here = SinkHit.StepName(_callStack.Method);
        var path = here.Length == 0 ? ImmutableArray<string>.Empty : ImmutableArray.Create(here);
        return below is null ? (path, ImmutableArray<Location>.Empty) : (path.AddRange(below.Through), below.Calls.Insert(0, call));
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
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                return FlowKey.For(FlowKey.This);
            case IMemberReferenceOperation { Instance: null } member
                when member is IFieldReferenceOperation || member is IPropertyReferenceOperation { Arguments.Length: 0 }:
                return FlowKey.For(member.Member);
            case IMemberReferenceOperation { Instance: { } instance } member
                when member is IFieldReferenceOperation || member is IPropertyReferenceOperation { Arguments.Length: 0 }:
                return KeyOf(instance) is { } owner ? owner.Member(member.Member) : null;
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

    /// <summary>
    /// A value that cannot carry request data. Unlike a number, a byte buffer can hold text (a serialised object, an
    /// encoded string, a body read into memory), so it keeps its taint until it is decoded again; sources and sinks
    /// still ignore byte parameters (<see cref="SafeTypes"/>).
    /// </summary>
    private static bool IsSafeValue(ITypeSymbol? type) =>
        SafeTypes.IsSafe(type) && type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte };

    private static bool IsDelegate(IOperation value) =>
        Unwrap(value) is IFlowAnonymousFunctionOperation or IDelegateCreationOperation;

    /// <summary>A lambda converted to a delegate type is a delegate creation around the lambda.</summary>
    private static IOperation UnwrapDelegate(IOperation value)
    {
        value = Unwrap(value);
        return value is IDelegateCreationOperation { Target: IFlowAnonymousFunctionOperation lambda } ? lambda : value;
    }

    private static TaintValue Union(TaintTree[] values)
    {
        var result = TaintValue.Clean;
        foreach (var value in values)
            result = result.Union(value?.Whole ?? TaintValue.Clean);
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

    /// <summary>
    /// <c>document.LoadXml(text)</c>, <c>document.Load(stream or reader)</c>: the document holds what it parsed, and its
    /// nodes' values are that text. <c>Load(path)</c> reads a file the app names, not the path's characters.
    /// </summary>
    private static bool LoadsDocument(IMethodSymbol method) =>
        method.Name is "LoadXml" or "Load"
        && !(method.Name == "Load" && method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_String)
        && AiBackend.Analyzers.TypeNames.DerivesFrom(method.ContainingType, "System.Xml.XmlDocument");

    /// <summary>Calls that store their arguments into the receiver: builders and collections.</summary>
    private static bool StoresArguments(IMethodSymbol method) =>
        method.Name switch
        {
            "Append" or "AppendLine" or "AppendFormat" or "AppendJoin" or "Insert" => true,
            "Add" or "AddRange" or "TryAdd" or "Push" or "Enqueue" or "Set" or "Write" or "WriteLine" => true,
            "AddFirst" or "AddLast" or "AddBefore" or "AddAfter" => true,
            _ => false,
        };

    /// <summary>
    /// <c>Serialize(stream, value)</c> and <c>WriteObject(writer, value)</c> of any serializer: the index of the
    /// stream or writer argument the value is written into, or null for any other call.
    /// </summary>
    private static int? SerializedInto(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name is not ("Serialize" or "SerializeAsync" or "WriteObject") || invocation.Arguments.Length < 2)
            return null;
        for (var i = 0; i < invocation.Arguments.Length; i++)
        {
            if (invocation.Arguments[i].Parameter?.Type is { } type && IsWritable(type))
                return i;
        }

        return null;

        static bool IsWritable(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name is "Stream" or "TextWriter" or "XmlWriter" or "Utf8JsonWriter"
                    && current.ContainingNamespace?.ToDisplayString() is "System.IO" or "System.Xml" or "System.Text.Json")
                    return true;
            }

            return false;
        }
    }
}
