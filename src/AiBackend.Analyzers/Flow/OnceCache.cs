using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace AiBackend.Analyzers.Flow;

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
