using AiBackend.Analyzers.Flow;
using AiBackend.Analyzers.Injection;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;

namespace AiBackend.Tests.Injection;

/// <summary>
/// The caller index answers a few names by searching the files' text (an IDE analysing one document) and many by
/// indexing every name (a build). Where a finding lands depends on its answers, so both ways must give the same
/// callers, in the same order, whatever the text around a name looks like.
/// </summary>
public class CallerIndexTests
{
    private const string HelperCode = InjectionTestCode.Usings + """
        public interface IStore { string Get(string key); }

        public class Store : IStore
        {
            public Store() : this("default") { }
            public Store(string name) { Name = name; }
            public string Name { get; set; }
            string IStore.Get(string key) => Name + key;
            public static string Get<T>(T key) => key!.ToString()!;
            public static string @event(string what) => what;
            public static string GetAll() => "all";
        }

        public class DerivedStore : Store
        {
            public DerivedStore() : base("derived") { }
        }
        """;

    // Calls spelt every way the syntax allows, next to text that only looks like them.
    private const string CallerCode = InjectionTestCode.Usings + """
        public static class Callers
        {
            /// <summary>Not a call: <see cref="Store.GetAll"/>, nor is Get in this comment.</summary>
            public static string Generic(int id) => Store.Get<int>(id) + "Get(id) in a string";

            public static string Interface(IStore store) => store.Get("key");

            public static string Verbatim(string what) => Store.@event(what) + Store.GetAll();

            public static Store Created() { Store store = new(); return store; }

            public static string Property(Store store) { store.Name = "x"; return store.Name + nameof(Store.Name); }

        #if NEVER
            public static string Disabled() => Store.GetAll();
        #endif
        }
        """;

    // A name spelt with a Unicode escape is not in the text as itself: such a file is read whole.
    private const string EscapedCode = InjectionTestCode.Usings + """
        public static class Escaped
        {
            public static string Call(string what) => Store.\u0047etAll() + what;
        }
        """;

    [Fact]
    public async Task Text_search_and_the_index_give_the_same_callers_of_every_method()
    {
        var compilation = await CompileAsync();
        var methods = SourceMethods(compilation);
        Assert.True(methods.Count > 10);

        var bySearch = Callers(compilation, methods, lookupsBeforeIndex: int.MaxValue);
        var byIndex = Callers(compilation, methods, lookupsBeforeIndex: 0);

        Assert.Equal(byIndex, bySearch);
    }

    [Fact]
    public async Task Text_search_finds_calls_spelt_oddly_and_skips_text_that_only_mentions_a_name()
    {
        var compilation = await CompileAsync();
        var callers = Callers(compilation, SourceMethods(compilation), lookupsBeforeIndex: int.MaxValue);

        // The escaped spelling is found; the see-cref, the comment, the string and the disabled code are not calls.
        Assert.Equal("Callers.Verbatim(string), Escaped.Call(string)", callers["Store.GetAll()"]);
        Assert.Equal("Callers.Verbatim(string)", callers["Store.@event(string)"]);
        Assert.Equal("Callers.Generic(int)", callers["Store.Get<T>(T)"]);
        Assert.Equal("Callers.Interface(IStore)", callers["Store.IStore.Get(string)"]);
        Assert.Equal("Callers.Created()", callers["Store.Store()"]);
        Assert.Equal("Store.Store(), DerivedStore.DerivedStore()", callers["Store.Store(string)"]);
        Assert.Equal("Store.Store(string), Store.IStore.Get(string), Callers.Property(Store)", callers["Store.Name.get"]);
    }

    private static async Task<Compilation> CompileAsync()
    {
        var options = TestOptions.Default;
        return await TestProject.CompileAsync(TestProject.Create([HelperCode, CallerCode, EscapedCode], options), options);
    }

    private static List<IMethodSymbol> SourceMethods(Compilation compilation) =>
        compilation.SyntaxTrees.Select(tree => compilation.GetSemanticModel(tree))
            .SelectMany(model => model.SyntaxTree.GetRoot().DescendantNodes().Select(node => model.GetDeclaredSymbol(node)))
            .SelectMany(symbol => symbol switch
            {
                IMethodSymbol method => [method],
                IPropertySymbol property => new[] { property.GetMethod, property.SetMethod }.OfType<IMethodSymbol>(),
                _ => [],
            })
            .Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
            .ToList();

    /// <summary>Each method's callers, asked in declaration order of a fresh index, as display text.</summary>
    private static Dictionary<string, string> Callers(Compilation compilation, List<IMethodSymbol> methods, int lookupsBeforeIndex)
    {
        var engine = new TaintEngine(compilation, InjectionPolicy.Create(new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string>()).GlobalOptions));
        var index = new CallerIndex(compilation, engine, _ => true, lookupsBeforeIndex);
        return methods.ToDictionary(
            m => m.ToDisplayString(),
            m => string.Join(", ", index.CallersOf(TaintEngine.Canonical(m), CancellationToken.None).Select(c => c.ToDisplayString())));
    }
}
