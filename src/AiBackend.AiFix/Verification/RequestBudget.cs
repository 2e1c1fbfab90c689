using System.Threading;

namespace AiBackend.AiFix.Verification;

/// <summary>How many more requests may go to the model: the cap on a headless Fix-All's cost.</summary>
internal sealed class RequestBudget
{
    private int _remaining;

    public RequestBudget(int requests)
    {
        _remaining = requests;
    }

    public static RequestBudget Unlimited => new(int.MaxValue);

    public bool IsExhausted => Volatile.Read(ref _remaining) <= 0;

    public bool TryTake() => Interlocked.Decrement(ref _remaining) >= 0;
}
