using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// Per-instance cache of read models every reader of a kind shares (lists of cases, the taxonomy, the matrix, a case's
/// public part), so that a signed-in member's page costs no query for what is the same for every member. An entry
/// is current until a write to cases moves <see cref="CaseCache.Generation"/> (on this instance) or the configured
/// lifetime runs out on the injected clock (another instance's writes; members-only cases turning public with time).
/// <para>
/// Slow reads (the home matrix takes a second at 100,000 cases) cost one reader, not every reader at that instant:
/// when only the lifetime ran out, one request recomputes while the others keep the previous value (kept in memory a
/// while longer for that); when there is nothing to show (first read, or after a write), concurrent readers of a key
/// share one computation.
/// </para>
/// Values must be immutable: they are handed to concurrent requests as they are.
/// </summary>
public sealed class CaseReadCache(CaseCache cases, CachingOptions options, TimeProvider clock, CacheMetrics metrics) : IDisposable
{
    /// <summary>Memory budget, in KiB (entry sizes are estimates given by callers).</summary>
    public const long BudgetKiB = 64 * 1024;

    private sealed class Entry(long generation, DateTimeOffset expiresAt, object? value)
    {
        public long Generation { get; } = generation;
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public object? Value { get; } = value;
        public int Refreshing;
    }

    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = BudgetKiB, CompactionPercentage = 0.25 });
    private readonly ConcurrentDictionary<(string Key, long Generation), Task<object?>> _computing = new();

    /// <param name="sizeKiB">Roughly how much memory the value holds (a case page with its replies is far bigger than a list).</param>
    public async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute, Func<T, long>? sizeKiB = null)
    {
        if (!options.Enabled) return await compute();
        var generation = cases.Generation;   // read before computing: a write during the query leaves the entry stale-marked
        var now = clock.GetUtcNow();
        if (_memory.TryGetValue(key, out Entry? hit) && hit!.Generation == generation)
        {
            metrics.ReadHit();
            if (hit.ExpiresAt > now) return (T)hit.Value!;
            if (Interlocked.CompareExchange(ref hit.Refreshing, 1, 0) != 0) return (T)hit.Value!;   // someone is refreshing it
            try
            {
                return Store(key, generation, now, await compute(), sizeKiB);
            }
            catch
            {
                Volatile.Write(ref hit.Refreshing, 0);   // the next reader tries again
                throw;
            }
        }

        // Nothing current to show: one computation per key and generation, awaited by every reader meanwhile.
        metrics.ReadMiss();
        var mine = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _computing.GetOrAdd((key, generation), mine.Task);
        if (flight != mine.Task)
        {
            try
            {
                return (T)(await flight)!;
            }
            catch (OperationCanceledException)
            {
                return await compute();   // the reader computing it failed or went away: this one does its own
            }
        }
        try
        {
            var value = Store(key, generation, now, await compute(), sizeKiB);
            mine.SetResult(value);
            return value;
        }
        catch
        {
            mine.SetCanceled();   // waiters compute for themselves (a canceled task raises no unobserved exception)
            throw;
        }
        finally
        {
            _computing.TryRemove(new KeyValuePair<(string, long), Task<object?>>((key, generation), mine.Task));
        }
    }

    private T Store<T>(string key, long generation, DateTimeOffset now, T value, Func<T, long>? sizeKiB)
    {
        // The memory cache's own expiry only frees memory: a stale entry may still be served while one reader refreshes it.
        _memory.Set(key, new Entry(generation, now + options.Duration, value), new MemoryCacheEntryOptions
        {
            Size = Math.Clamp(sizeKiB?.Invoke(value) ?? 4, 1, BudgetKiB / 8),
            SlidingExpiration = options.Duration * 10,
        });
        return value;
    }

    public void Dispose() => _memory.Dispose();
}
