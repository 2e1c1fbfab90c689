using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// A method's summary with how many frames computing it used, whether the depth limit cut it, and the files it read.
/// </summary>
internal sealed class ComputedSummary
{
    public ComputedSummary(MethodSummary? summary, int levels, bool cut, TreeSet reads)
    {
        Summary = summary;
        Levels = levels;
        Cut = cut;
        Reads = reads;
    }

    public TreeSet Reads { get; }

    public MethodSummary? Summary { get; }

    public int Levels { get; }

    public bool Cut { get; }
}

/// <summary>
/// Summaries by method and the number of frames left below the caller (the budget). A summary the depth limit never
/// cut holds for every budget of at least the frames it used, so most methods are summarised once; one the limit cut
/// holds for its own budget only. Either way an entry is what computing it afresh would give, so the results do not
/// depend on which body asked first or on which thread.
/// </summary>
internal sealed class SummaryCache
{
    private readonly ConcurrentDictionary<IMethodSymbol, Slots> _slots = new(SymbolEqualityComparer.Default);

    public ComputedSummary? Find(IMethodSymbol method, int budget)
    {
        if (!_slots.TryGetValue(method, out var slots))
            return null;
        if (slots.Complete is { } complete && complete.Levels <= budget)
            return complete;
        return slots.ByBudget[budget];
    }

    /// <summary>
    /// Keeps the first entry stored: two threads computing the same method at the same budget get equal results.
    /// </summary>
    public void Store(IMethodSymbol method, int budget, ComputedSummary computed)
    {
        var slots = _slots.GetOrAdd(method, _ => new Slots());
        if (computed.Cut)
            Interlocked.CompareExchange(ref slots.ByBudget[budget], computed, null);
        else
            Interlocked.CompareExchange(ref slots.Complete, computed, null);
    }

    private sealed class Slots
    {
        public readonly ComputedSummary?[] ByBudget = new ComputedSummary?[TaintEngine.MaxCallDepth + 1];
        public ComputedSummary? Complete;
    }
}
