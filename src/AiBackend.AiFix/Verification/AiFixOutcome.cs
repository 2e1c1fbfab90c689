using Microsoft.CodeAnalysis;

namespace AiBackend.AiFix.Verification;

/// <summary>How one AI rewrite ended, as the headless summary counts it.</summary>
internal enum AiOutcomeKind
{
    /// <summary>Verified and applied.</summary>
    Applied,

    /// <summary>The model answered, and every answer failed verification.</summary>
    Rejected,

    /// <summary>No usable answer: the server failed, timed out or could not be reached, or nothing could be verified.</summary>
    Failed,

    /// <summary>Not sent: the request cap was reached before it.</summary>
    NotAttempted,
}

/// <summary>A verified rewrite (the changed solution), or why the code was left as it was.</summary>
internal sealed class AiFixOutcome
{
    private AiFixOutcome(AiOutcomeKind kind, Solution? fixedSolution, string? reason, int requests)
    {
        Kind = kind;
        FixedSolution = fixedSolution;
        Reason = reason;
        Requests = requests;
    }

    public AiOutcomeKind Kind { get; }

    public Solution? FixedSolution { get; }

    public string? Reason { get; }

    /// <summary>Requests made to the model for this rewrite.</summary>
    public int Requests { get; }

    public static AiFixOutcome Applied(Solution solution, int requests) => new(AiOutcomeKind.Applied, solution, null, requests);

    public static AiFixOutcome Rejected(string reason, int requests) => new(AiOutcomeKind.Rejected, null, reason, requests);

    public static AiFixOutcome Failed(string reason, int requests) => new(AiOutcomeKind.Failed, null, reason, requests);

    public static AiFixOutcome NotAttempted(string reason) => new(AiOutcomeKind.NotAttempted, null, reason, 0);
}
