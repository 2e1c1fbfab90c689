using Microsoft.CodeAnalysis;

namespace AiBackend.AiFix.Verification;

/// <summary>A verified fix (the changed solution), or why the code was left as it was.</summary>
internal sealed class AiFixOutcome
{
    private AiFixOutcome(Solution? fixedSolution, string? reason, int requests)
    {
        FixedSolution = fixedSolution;
        Reason = reason;
        Requests = requests;
    }

    public Solution? FixedSolution { get; }

    public string? Reason { get; }

    /// <summary>Requests made to the model for this fix.</summary>
    public int Requests { get; }

    public static AiFixOutcome Applied(Solution solution, int requests) => new(solution, null, requests);

    public static AiFixOutcome NotApplied(string reason, int requests) => new(null, reason, requests);
}
