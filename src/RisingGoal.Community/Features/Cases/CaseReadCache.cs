using Microsoft.Extensions.Caching.Memory;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// Per-instance cache of read models every reader of a kind shares (lists of cases, the taxonomy, the matrix, a case's
/// public part), so that a signed-in member's page costs no query for what is the same for every member. An entry
/// lives until a write to cases moves <see cref="CaseCache.Generation"/> (on this instance) or the configured lifetime
/// runs out on the injected clock (another instance's writes; members-only cases turning public with time).
/// When only the lifetime ran out, one request recomputes while the others keep the previous value for that long:
/// a one-second query (the home matrix over 100,000 cases) then costs one reader, not every reader at that instant.
/// Values must be immutable: they are handed to concurrent requests as they are.
/// </summary>
public sealed class CaseReadCache(CaseCache cases, CachingOptions options, TimeProvider clock) : IDisposable
{
    private sealed class Entry(long generation, DateTimeOffset expiresAt, object? value)
    {
        public long Generation { get; } = generation;
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public object? Value { get; } = value;
        public int Refreshing;
    }

    // Bounded by count: keys are lists, filters and case ids, values are small read models.
    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = 20_000, CompactionPercentage = 0.25 });

    public async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute)
    {
        if (!options.Enabled) return await compute();
        var generation = cases.Generation;   // read before computing: a write during the query leaves the entry stale-marked
        var now = clock.GetUtcNow();
        if (_memory.TryGetValue(key, out Entry? hit) && hit!.Generation == generation)
        {
            if (hit.ExpiresAt > now) return (T)hit.Value!;
            if (Interlocked.CompareExchange(ref hit.Refreshing, 1, 0) != 0) return (T)hit.Value!;   // someone is refreshing it
            try
            {
                return Store(key, generation, now, await compute());
            }
            catch
            {
                Volatile.Write(ref hit.Refreshing, 0);   // the next reader tries again
                throw;
            }
        }
        return Store(key, generation, now, await compute());
    }

    private T Store<T>(string key, long generation, DateTimeOffset now, T value)
    {
        // The memory cache's own expiry only frees memory (twice the lifetime, so a stale entry can still be served).
        _memory.Set(key, new Entry(generation, now + options.Duration, value),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Duration * 2 });
        return value;
    }

    public void Dispose() => _memory.Dispose();
}
