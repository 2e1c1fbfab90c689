using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Verification;
using Microsoft.CodeAnalysis;

namespace AiBackend.AiFix;

/// <summary>One place a headless run can try: the diagnostic (finding or stub) and a key that survives edits elsewhere.</summary>
internal sealed class HeadlessCandidate
{
    public HeadlessCandidate(Document document, Diagnostic diagnostic, string key)
    {
        Document = document;
        Diagnostic = diagnostic;
        Key = key;
    }

    public Document Document { get; }

    public Diagnostic Diagnostic { get; }

    /// <summary>Identifies the place across rewrites elsewhere (positions move; the member's text changes only if rewritten).</summary>
    public string Key { get; }
}

/// <summary>What a headless Fix-All does: the AI fix of findings, or "Implement with AI" of described stubs.</summary>
internal abstract class HeadlessWork
{
    protected HeadlessWork(string name, string done, string items)
    {
        Name = name;
        Done = done;
        Items = items;
    }

    /// <summary>"AI fix", "AI implementation": how log lines start.</summary>
    public string Name { get; }

    /// <summary>"fixed", "implemented": how the summary counts what was applied.</summary>
    public string Done { get; }

    /// <summary>"findings", "stubs": what the cap message says was left.</summary>
    public string Items { get; }

    /// <summary>Every place in the project, on its current code, in file and position order.</summary>
    public abstract Task<IReadOnlyList<HeadlessCandidate>> CandidatesAsync(Project project, ImmutableHashSet<string> ids, CancellationToken cancellationToken);

    public abstract Task<AiFixOutcome> RunAsync(HeadlessCandidate candidate, AiFixSettings settings, RequestBudget budget, CancellationToken cancellationToken);
}
