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
/// it handles, a method group handed to a registration). Built lazily, per name: where a name is referenced (found
/// in the files' text, each place checked against the syntax; after a few dozen names, one index of every file's
/// names, as a build asks for many), then, the first time a method of that name is asked about, every reference of the
/// name bound once and grouped by what it calls. Only the bodies of files the caller asks for count (the ones whose code is analysed: not
/// generated code).
/// </summary>
internal sealed class CallerIndex
{
    // Pseudo-names for calls whose syntax does not name the constructor: new(…), this(…) and base(…).
    private const string ImplicitCreation = "new()";
    private const string ConstructorInitializer = ": this()";


    private readonly Compilation _compilation;
    private readonly TaintEngine _engine;
    private readonly Lazy<Dictionary<string, Reference[]>> _references;
    private readonly Lazy<SyntaxTree?[]> _countedTrees;
    // Look-ups of one name so far, and how many there may be before the index is built (see ReferencesOf).
    private int _lookups;
    private readonly int _lookupsBeforeIndex;
    private readonly ConcurrentDictionary<string, Lazy<NameCalls>> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IMethodSymbol, Lazy<ImmutableArray<IMethodSymbol>>> _callers = new(SymbolEqualityComparer.Default);

    /// <param name="counts">Whether calls in a file count (its bodies are analysed); asked once per file, on one thread.</param>
    /// <param name="lookupsBeforeIndex">Names looked up one by one before the index of every name is built.</param>
    public CallerIndex(Compilation compilation, TaintEngine engine, Func<SyntaxTree, bool> counts, int lookupsBeforeIndex = LookupsBeforeIndex)
    {
        _compilation = compilation;
        _engine = engine;
        _lookupsBeforeIndex = lookupsBeforeIndex;
        _references = new Lazy<Dictionary<string, Reference[]>>(IndexNames, LazyThreadSafetyMode.ExecutionAndPublication);
        // Null for a file whose calls do not count; each file keeps its place in the compilation.
        _countedTrees = new Lazy<SyntaxTree?[]>(() => compilation.SyntaxTrees.Select(t => counts(t) ? t : null).ToArray(), LazyThreadSafetyMode.ExecutionAndPublication);
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
        var found = new List<Call>();
        foreach (var name in NamesOf(method))
        {
            var calls = OnceCache.Get(_byName, name, () => Resolve(name, cancellationToken), cancellationToken);
            foreach (var target in calls.Targets)
            {
                if (_engine.MayRun(target.Key, method))
                    found.AddRange(target.Value);
            }

            foreach (var dispatch in calls.Dispatches)
            {
                if (_engine.DispatchesTo(dispatch.Key, method))
                    found.AddRange(dispatch.Value);
            }
        }

        // File and position order, whatever order the names and targets came in.
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        return found.OrderBy(c => c.At.File).ThenBy(c => c.At.Position)
            .Where(c => seen.Add(c.Caller))
            .Select(c => c.Caller)
            .ToImmutableArray();
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

    /// <summary>Every reference of one name, bound: the callers of each method it calls, of each request it dispatches.</summary>
    private NameCalls Resolve(string name, CancellationToken cancellationToken)
    {
        var calls = new NameCalls();
        var references = ReferencesOf(name, cancellationToken);

        SemanticModel? model = null;
        foreach (var reference in references)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (model?.SyntaxTree != reference.Tree)
            {
#pragma warning disable RS1030 // The callers live in other trees than the one being analysed.
                model = _compilation.GetSemanticModel(reference.Tree);
#pragma warning restore RS1030
            }

            var node = reference.Tree.GetRoot(cancellationToken).FindToken(reference.Position).Parent;
            if (node is null || OwnerAt(model, reference.Position, cancellationToken) is not { } caller)
                continue;
            var call = new Call(caller, reference);
            switch (model.GetSymbolInfo(Bound(node), cancellationToken).Symbol)
            {
                case IMethodSymbol target:
                    calls.Add(calls.Targets, TaintEngine.Canonical(target), call);
                    if (target.Name is "Send" or "Publish" && node.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation }
                        && model.GetOperation(invocation, cancellationToken) is IInvocationOperation dispatch
                        && MediatorDispatch.IsDispatch(dispatch, out _, out var requestType))
                        calls.Add(calls.Dispatches, requestType, call);
                    break;
                case IPropertySymbol property:
                    if (property.GetMethod is { } getter)
                        calls.Add(calls.Targets, TaintEngine.Canonical(getter), call);
                    if (property.SetMethod is { } setter)
                        calls.Add(calls.Targets, TaintEngine.Canonical(setter), call);
                    break;
            }
        }

        return calls;
    }

    /// <summary>The node whose symbol is the call's target: for <c>new Repository(…)</c> the creation, not the type's name.</summary>
    private static SyntaxNode Bound(SyntaxNode node)
    {
        var type = node;
        while (type.Parent is QualifiedNameSyntax qualified && qualified.Right == type)
            type = qualified;
        return type.Parent is ObjectCreationExpressionSyntax creation && creation.Type == type ? creation : node;
    }

    /// <summary>The name a syntax node references, for the textual index; null for nodes that reference nothing callable.</summary>
    private static string? NameOf(SyntaxNode node) => node switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        ImplicitObjectCreationExpressionSyntax => ImplicitCreation,
        ConstructorInitializerSyntax => ConstructorInitializer,
        _ => null,
    };

    /// <summary>
    /// Where a name is referenced in the files that count, in the compilation's file order, then position. An IDE
    /// analysing one document asks about the few helpers with sinks there: finding the name in the files' text and
    /// checking the token at each place costs far less than indexing every file. Each look-up still searches every
    /// file's text, so after <see cref="LookupsBeforeIndex"/> of them (a build asks about many names) the one index is
    /// built instead. Both give the same list.
    /// </summary>
    private IReadOnlyList<Reference> ReferencesOf(string name, CancellationToken cancellationToken)
    {
        if (!_references.IsValueCreated && Interlocked.Increment(ref _lookups) <= _lookupsBeforeIndex)
            return Find(name, cancellationToken);

        return _references.Value.TryGetValue(name, out var references) ? references : Array.Empty<Reference>();
    }

    /// <summary>
    /// Look-ups of single names before the index of every name is built. On Jellyfin's API project (169 files) a
    /// look-up took 0.6 ms (median) and the index 53 ms: the look-ups stop well before they cost what the index does.
    /// </summary>
    public const int LookupsBeforeIndex = 64;

    /// <summary>One name's references, found where the files' text holds it: the same list the index gives.</summary>
    private List<Reference> Find(string name, CancellationToken cancellationToken)
    {
        // The text that must appear where the name is referenced; an initializer is ": this(…)" or ": base(…)".
        var spellings = name switch
        {
            ImplicitCreation => new[] { "new" },
            ConstructorInitializer => new[] { "this", "base" },
            _ => new[] { name },
        };
        var trees = _countedTrees.Value;
        var references = new List<Reference>();
        for (var index = 0; index < trees.Length; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (trees[index] is not { } tree)
                continue;
            var text = tree.GetText(cancellationToken);
            var found = references.Count;
            // An identifier spelt with a Unicode escape does not hold its name as text: such a file is walked whole.
            if (TextSearch.Contains(text, "\\u"))
            {
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (NameOf(node) == name)
                        references.Add(new Reference(tree, index + 1, node.SpanStart));
                }

                continue;
            }

            SyntaxNode? root = null;
            foreach (var spelling in spellings)
            {
                foreach (var at in TextSearch.IndexesOf(text, spelling))
                {
                    root ??= tree.GetRoot(cancellationToken);
                    if (NodeNamedAt(root.FindToken(at), at, name) is { } node)
                        references.Add(new Reference(tree, index + 1, node.SpanStart));
                }
            }

            if (spellings.Length > 1)
                references.Sort(found, references.Count - found, ReferencePositions.Instance);
        }

        return references;
    }

    /// <summary>
    /// The node <see cref="NameOf"/> gives <paramref name="name"/> for, whose name is the token found where the text
    /// spells it (a verbatim identifier's starts one before, at its @); null where the text is part of something else:
    /// a longer identifier, a comment, a string.
    /// </summary>
    private static SyntaxNode? NodeNamedAt(SyntaxToken token, int at, string name)
    {
        if (token.SpanStart != at && !(token.SpanStart == at - 1 && token.Text.StartsWith("@", StringComparison.Ordinal)))
            return null;
        return name switch
        {
            ImplicitCreation => token.Parent is ImplicitObjectCreationExpressionSyntax creation && creation.NewKeyword == token ? creation : null,
            ConstructorInitializer => token.Parent is ConstructorInitializerSyntax initializer && initializer.ThisOrBaseKeyword == token ? initializer : null,
            _ => token.Parent is SimpleNameSyntax simple && simple.Identifier == token && token.ValueText == name ? simple : null,
        };
    }

    /// <summary>
    /// Where each name a caller may be asked about is referenced in the files that count, in the compilation's file
    /// order. Only names this compilation declares a member or type by (<see cref="NamesOf"/> asks for nothing else)
    /// are kept: locals, parameters and library members are most of a file's names.
    /// </summary>
    private Dictionary<string, Reference[]> IndexNames()
    {
        var declared = DeclaredNames();
        var references = new Dictionary<string, List<Reference>>(StringComparer.Ordinal);
        var trees = _countedTrees.Value;
        for (var index = 0; index < trees.Length; index++)
        {
            if (trees[index] is not { } tree)
                continue;
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (NameOf(node) is not { } name || !declared.Contains(name))
                    continue;
                if (!references.TryGetValue(name, out var list))
                    references.Add(name, list = new List<Reference>());
                // The node's first token leads back to it: a name's identifier, new(…)'s new, an initializer's colon.
                list.Add(new Reference(tree, index + 1, node.SpanStart));
            }
        }

        return references.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Every name <see cref="NamesOf"/> can give for a method of this compilation: its types' and members' names (an
    /// explicit implementation's by its last part, the interface member's name), Send and Publish, and the pseudo-names.
    /// </summary>
    private HashSet<string> DeclaredNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { ImplicitCreation, ConstructorInitializer, "Send", "Publish" };
        // The engine's list, already collected for interface implementations (with referenced projects' types where
        // it reads their source: a few more names kept, never one missing).
        foreach (var type in _engine.SourceTypes())
        {
            names.Add(type.Name);
            foreach (var member in type.MemberNames)
                names.Add(member.Substring(member.LastIndexOf('.') + 1));
        }

        return names;
    }

    /// <summary>A reference to a name: its file (and the file's place in the compilation) and position.</summary>
    private readonly struct Reference
    {
        public Reference(SyntaxTree tree, int file, int position)
        {
            Tree = tree;
            File = file;
            Position = position;
        }

        public SyntaxTree Tree { get; }

        public int File { get; }

        public int Position { get; }
    }

    private sealed class ReferencePositions : IComparer<Reference>
    {
        public static readonly ReferencePositions Instance = new();

        public int Compare(Reference x, Reference y) => x.Position.CompareTo(y.Position);
    }

    private readonly struct Call
    {
        public Call(IMethodSymbol caller, Reference at)
        {
            Caller = caller;
            At = at;
        }

        public IMethodSymbol Caller { get; }

        public Reference At { get; }
    }

    /// <summary>One name's references bound: the calls of each target method, the Send/Publish of each request type.</summary>
    private sealed class NameCalls
    {
        public Dictionary<IMethodSymbol, List<Call>> Targets { get; } = new(SymbolEqualityComparer.Default);

        public Dictionary<INamedTypeSymbol, List<Call>> Dispatches { get; } = new(SymbolEqualityComparer.Default);

        public void Add<TKey>(Dictionary<TKey, List<Call>> calls, TKey key, Call call)
            where TKey : notnull
        {
            if (!calls.TryGetValue(key, out var list))
                calls.Add(key, list = new List<Call>());
            list.Add(call);
        }
    }
}
