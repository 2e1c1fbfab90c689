using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Who calls a method, as the taint engine follows calls (<see cref="TaintEngine.MayRun"/>: the method itself, through
/// an interface or abstract member it implements, a virtual one it overrides, a mediator's Send/Publish of a request
/// it handles, a method group handed to a registration). Built lazily, once per compilation: a textual index of the
/// names each file references, then the candidate files' references bound and confirmed. Only the bodies of files
/// the caller asks for count (the ones whose code is analysed: not generated code).
/// </summary>
internal sealed class CallerIndex
{
    // Pseudo-names for calls whose syntax does not name the constructor: new(…), this(…) and base(…).
    private const string ImplicitCreation = "new()";
    private const string ConstructorInitializer = ": this()";

    private readonly Compilation _compilation;
    private readonly TaintEngine _engine;
    private readonly Func<SyntaxTree, bool> _counts;
    private readonly Lazy<Dictionary<string, SyntaxTree[]>> _filesByName;
    private readonly ConcurrentDictionary<IMethodSymbol, Lazy<ImmutableArray<IMethodSymbol>>> _callers = new(SymbolEqualityComparer.Default);

    /// <param name="counts">Whether calls in a file count (its bodies are analysed); asked once per file, on one thread.</param>
    public CallerIndex(Compilation compilation, TaintEngine engine, Func<SyntaxTree, bool> counts)
    {
        _compilation = compilation;
        _engine = engine;
        _counts = counts;
        _filesByName = new Lazy<Dictionary<string, SyntaxTree[]>>(IndexNames, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The methods (canonical; for code in lambdas and local functions, the member holding them) whose bodies call
    /// <paramref name="method"/> (canonical), in file and position order.
    /// </summary>
    public ImmutableArray<IMethodSymbol> CallersOf(IMethodSymbol method, CancellationToken cancellationToken) =>
        OnceCache.Get(_callers, method, () => FindCallers(method, cancellationToken), cancellationToken);

    /// <summary>
    /// The member whose body holds a position: the method, accessor, constructor or top-level statements, past any
    /// lambda or local function; null outside such a body (a field initializer, an attribute).
    /// </summary>
    public static IMethodSymbol? OwnerAt(SemanticModel model, int position, CancellationToken cancellationToken)
    {
        var symbol = model.GetEnclosingSymbol(position, cancellationToken);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            symbol = symbol.ContainingSymbol;
        return symbol is IMethodSymbol owner ? TaintEngine.Canonical(owner) : null;
    }

    private ImmutableArray<IMethodSymbol> FindCallers(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var names = NamesOf(method);
        if (names.Count == 0)
            return ImmutableArray<IMethodSymbol>.Empty;

        var files = new HashSet<SyntaxTree>();
        foreach (var name in names)
        {
            if (_filesByName.Value.TryGetValue(name, out var named))
                files.UnionWith(named);
        }

        var callers = new List<IMethodSymbol>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        // Files in the compilation's order, so the answer does not depend on hashing.
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!files.Contains(tree))
                continue;
            cancellationToken.ThrowIfCancellationRequested();
#pragma warning disable RS1030 // The callers live in other trees than the one being analysed.
            var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (NameOf(node) is not { } name || !names.Contains(name) || !Calls(model, node, method, cancellationToken))
                    continue;
                if (OwnerAt(model, node.SpanStart, cancellationToken) is { } owner && seen.Add(owner))
                    callers.Add(owner);
            }
        }

        return callers.ToImmutableArray();
    }

    /// <summary>The names a reference to the method may be spelt with in a caller.</summary>
    private static HashSet<string> NamesOf(IMethodSymbol method)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        switch (method.MethodKind)
        {
            case MethodKind.Constructor:
                names.Add(method.ContainingType.Name);
                names.Add(ImplicitCreation);
                names.Add(ConstructorInitializer);
                break;
            case MethodKind.PropertyGet or MethodKind.PropertySet when method.AssociatedSymbol is IPropertySymbol { IsIndexer: false } property:
                names.Add(property.Name);
                foreach (var implemented in property.ExplicitInterfaceImplementations)
                    names.Add(implemented.Name);
                break;
            case MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation:
                names.Add(method.Name);
                foreach (var implemented in method.ExplicitInterfaceImplementations)
                    names.Add(implemented.Name);
                // A mediator handler's Handle runs for Send/Publish of its request.
                if (method.Name == "Handle" || method.ExplicitInterfaceImplementations.Any(m => m.Name == "Handle"))
                {
                    names.Add("Send");
                    names.Add("Publish");
                }

                break;
        }

        return names;
    }

    /// <summary>The name a syntax node references, for the textual index; null for nodes that reference nothing callable.</summary>
    private static string? NameOf(SyntaxNode node) => node switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        ImplicitObjectCreationExpressionSyntax => ImplicitCreation,
        ConstructorInitializerSyntax => ConstructorInitializer,
        _ => null,
    };

    /// <summary>Whether the referencing node, bound, calls (or hands on as a method group) the method as the engine would.</summary>
    private bool Calls(SemanticModel model, SyntaxNode node, IMethodSymbol method, CancellationToken cancellationToken)
    {
        // new Repository(…): the name binds to the type, the creation to the constructor.
        var type = node;
        while (type.Parent is QualifiedNameSyntax qualified && qualified.Right == type)
            type = qualified;
        var bound = type.Parent is ObjectCreationExpressionSyntax creation && creation.Type == type ? creation : node;
        switch (model.GetSymbolInfo(bound, cancellationToken).Symbol)
        {
            case IMethodSymbol target when _engine.MayRun(target, method):
                return true;
            case IMethodSymbol { Name: "Send" or "Publish" } when node.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation }:
                return model.GetOperation(invocation, cancellationToken) is IInvocationOperation dispatch && _engine.DispatchesTo(dispatch, method);
            case IPropertySymbol property:
                return property.GetMethod is { } getter && _engine.MayRun(getter, method)
                    || property.SetMethod is { } setter && _engine.MayRun(setter, method);
            default:
                return false;
        }
    }

    /// <summary>Each referenced name, with the files (that count) referencing it, in the compilation's order.</summary>
    private Dictionary<string, SyntaxTree[]> IndexNames()
    {
        var files = new Dictionary<string, List<SyntaxTree>>(StringComparer.Ordinal);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (!_counts(tree))
                continue;
            inFile.Clear();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (NameOf(node) is { } name && inFile.Add(name))
                {
                    if (!files.TryGetValue(name, out var list))
                        files.Add(name, list = new List<SyntaxTree>());
                    list.Add(tree);
                }
            }
        }

        return files.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}

/// <summary>
/// A per-compilation answer computed once, by whichever thread asks first, while the others wait for it. A computation
/// cancelled for one request is forgotten rather than kept, so a later request computes it afresh.
/// </summary>
internal static class OnceCache
{
    public static TValue Get<TKey, TValue>(ConcurrentDictionary<TKey, Lazy<TValue>> cache, TKey key, Func<TValue> compute, CancellationToken cancellationToken)
        where TKey : notnull
    {
        while (true)
        {
            var entry = cache.GetOrAdd(key, _ => new Lazy<TValue>(compute, LazyThreadSafetyMode.ExecutionAndPublication));
            try
            {
                return entry.Value;
            }
            catch (OperationCanceledException)
            {
                ((ICollection<KeyValuePair<TKey, Lazy<TValue>>>)cache).Remove(new KeyValuePair<TKey, Lazy<TValue>>(key, entry));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
