using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.AspNetCore;

/// <summary>
/// The code a request runs: handlers (controller actions, endpoint handlers, <c>Map*</c> delegates) and the methods
/// of this compilation they call, a few levels deep and through interfaces. Built once per compilation, on first use.
/// </summary>
internal sealed class RequestPaths
{
    /// <summary>Call depth followed from a handler; deeper helpers are rarely still request-specific.</summary>
    private const int MaxDepth = 5;

    private readonly Compilation _compilation;
    private readonly SourceImplementations _implementations;
    private readonly Lazy<ImmutableHashSet<IMethodSymbol>> _reachable;

    public RequestPaths(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _implementations = new SourceImplementations(compilation);
        _reachable = new Lazy<ImmutableHashSet<IMethodSymbol>>(() => Build(cancellationToken));
    }

    /// <summary>Whether an operation runs as part of handling a request.</summary>
    public bool Contains(IOperation operation, ISymbol? owner)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && Handlers.IsRegisteredHandler(lambda))
                return true;
        }

        return owner is IMethodSymbol method && Contains(method);
    }

    public bool Contains(IMethodSymbol method)
    {
        // A handler itself is in the set at depth 0: answered without building the set, which binds the bodies of
        // every handler in the project and what they call (over a second per fresh compilation on a large API, so
        // per edit in an IDE).
        var definition = method.OriginalDefinition;
        if (definition.DeclaringSyntaxReferences.Length > 0 && Handlers.IsHandlerMethod(definition, out _))
            return true;
        return _reachable.Value.Contains(definition);
    }

    private ImmutableHashSet<IMethodSymbol> Build(CancellationToken cancellationToken)
    {
        var reached = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var queue = new Queue<(IMethodSymbol Method, int Depth)>();

        void Enqueue(IMethodSymbol method, int depth)
        {
            method = method.PartialImplementationPart ?? method.OriginalDefinition;
            if (depth > MaxDepth || method.DeclaringSyntaxReferences.Length == 0)
                return;
            if (method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface)
            {
                foreach (var implementation in _implementations.Of(method))
                    Enqueue(implementation, depth);
                return;
            }

            if (reached.Add(method))
                queue.Enqueue((method, depth));
        }

        foreach (var type in _implementations.SourceTypes())
        {
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                if (Handlers.IsHandlerMethod(method, out _))
                    Enqueue(method, 0);
            }
        }

        foreach (var registered in RegisteredHandlerBodies(cancellationToken))
        {
            foreach (var callee in Callees(registered))
                Enqueue(callee, 1);
            if (registered is IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var group } })
                Enqueue(group, 0);
        }

        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (method, depth) = queue.Dequeue();
            if (Body(method, cancellationToken) is { } body)
            {
                foreach (var callee in Callees(body))
                    Enqueue(callee, depth + 1);
            }
        }

        return reached.ToImmutableHashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
    }

    /// <summary>
    /// The delegates passed to <c>Map*</c> calls anywhere in the compilation. A syntax filter (an invocation whose
    /// name starts with "Map") keeps the semantic work to the few candidate calls.
    /// </summary>
    private IEnumerable<IOperation> RegisteredHandlerBodies(CancellationToken cancellationToken)
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var candidates = tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Where(i => NameOf(i.Expression)?.StartsWith("Map", StringComparison.Ordinal) == true)
                .ToList();
            if (candidates.Count == 0)
                continue;

#pragma warning disable RS1030 // The index spans the compilation: other trees' semantic models are needed once.
            var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            foreach (var candidate in candidates)
            {
                if (model.GetOperation(candidate, cancellationToken) is not IInvocationOperation invocation
                    || !Handlers.IsHandlerRegistration(invocation, out _))
                    continue;
                foreach (var argument in invocation.Arguments)
                {
                    var value = argument.Value;
                    while (value is IConversionOperation conversion)
                        value = conversion.Operand;
                    if (value is IDelegateCreationOperation creation)
                        yield return creation;
                }
            }
        }
    }

    private IOperation? Body(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            return null;
#pragma warning disable RS1030 // See above.
        return _compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
#pragma warning restore RS1030
    }

    private static IEnumerable<IMethodSymbol> Callees(IOperation body) =>
        body.DescendantsAndSelf().OfType<IInvocationOperation>().Select(i => i.TargetMethod)
            .Concat(body.DescendantsAndSelf().OfType<IMethodReferenceOperation>().Select(r => r.Method))
            .Where(m => m.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction);

    private static string? NameOf(ExpressionSyntax expression) =>
        expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax name => name.Identifier.ValueText,
            _ => null,
        };
}
