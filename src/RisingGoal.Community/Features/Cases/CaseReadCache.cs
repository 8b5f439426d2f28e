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
/// in the last fifth of an entry's lifetime one request recomputes it while the others keep the current value, and
/// past its end they keep the previous value (kept in memory a while longer for that) until it is back; when there is
/// nothing to show (first read, or after a write), concurrent readers of a key share one computation.
/// </para>
/// <para>
/// One lifetime, end to end: an entry lives from the instant its data was read (<see cref="ReadAge"/>), not from when it
/// was stored, so a value built from other cached values expires with the oldest of them, and so do the fragment and
/// the page built from it.
/// </para>
/// Values must be immutable: they are handed to concurrent requests as they are.
/// </summary>
public sealed class CaseReadCache(CaseCache cases, CachingOptions options, TimeProvider clock, CacheMetrics metrics) : IDisposable
{
    /// <summary>Memory budget, in KiB (entry sizes are estimates given by callers).</summary>
    public const long BudgetKiB = 64 * 1024;

    private sealed class Entry(long generation, DateTimeOffset readUtc, DateTimeOffset expiresAt, object? value)
    {
        public long Generation { get; } = generation;

        /// <summary>When the oldest data in the value was read from the database (the computation's start, or earlier
        /// when it was built from other cached values).</summary>
        public DateTimeOffset ReadUtc { get; } = readUtc;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public object? Value { get; } = value;
        public int Refreshing;
    }

    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = BudgetKiB, CompactionPercentage = 0.25 });
    private readonly ConcurrentDictionary<(string Key, long Generation), Task<Entry>> _computing = new();

    /// <summary>
    /// The value for <paramref name="key"/>, cached. The instant its data was read is recorded in the current
    /// <see cref="ReadAge"/>, so that whatever is built from it (a fragment, a page, another cached value) is kept
    /// no longer than what remains of its lifetime.
    /// </summary>
    /// <param name="sizeKiB">Roughly how much memory the value holds (a case page with its replies is far bigger than a list).</param>
    /// <param name="visitorsView">
    /// The value holds only what visitors may see (their lists, a public feed, the taxonomy): it follows
    /// <see cref="CaseCache.VisitorGeneration"/>, so a write they cannot see (on a members-only case) neither drops it
    /// nor restarts its lifetime, which visitors would read in the pages built from it. Members' values follow every write.
    /// </param>
    public async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute, Func<T, long>? sizeKiB = null, bool visitorsView = false)
    {
        if (!options.Enabled) return await compute();
        // Read before computing: a write during the query leaves the entry stale-marked.
        var generation = visitorsView ? cases.VisitorGeneration : cases.Generation;
        var now = clock.GetUtcNow();
        var age = ReadAge.Current;
        if (_memory.TryGetValue(key, out Entry? hit) && hit!.Generation == generation)
        {
            metrics.ReadHit();
            // Current and not yet in the last fifth of its life, or someone else is refreshing it: served as it is (when
            // expired, the read instant recorded makes sure nothing downstream stores it). One reader refreshes it ahead
            // of its end, so a busy page never expires under its readers: when it did, every reader meanwhile rendered
            // the page again from the stale value (the p99 of 400 ms on the long case pages at 32 connections).
            if (hit.ExpiresAt - now > options.RefreshAhead
                || Interlocked.CompareExchange(ref hit.Refreshing, 1, 0) != 0) return Use<T>(hit, age);
            try
            {
                return Use<T>(await ComputeAsync(key, generation, now, compute, sizeKiB), age);
            }
            catch
            {
                Volatile.Write(ref hit.Refreshing, 0);   // the next reader tries again
                throw;
            }
        }

        // Nothing current to show: one computation per key and generation, awaited by every reader meanwhile.
        metrics.ReadMiss();
        var mine = new TaskCompletionSource<Entry>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flight = _computing.GetOrAdd((key, generation), mine.Task);
        if (flight != mine.Task)
        {
            try
            {
                return Use<T>(await flight, age);
            }
            catch (OperationCanceledException)
            {
                return await compute();   // the reader computing it failed or went away: this one does its own
            }
        }
        try
        {
            var entry = await ComputeAsync(key, generation, now, compute, sizeKiB);
            mine.SetResult(entry);
            return Use<T>(entry, age);
        }
        catch
        {
            mine.SetCanceled();   // waiters compute for themselves (a canceled task raises no unobserved exception)
            throw;
        }
        finally
        {
            _computing.TryRemove(new KeyValuePair<(string, long), Task<Entry>>((key, generation), mine.Task));
        }
    }

    private static T Use<T>(Entry entry, ReadAge? age)
    {
        age?.Used(entry.ReadUtc);
        return (T)entry.Value!;
    }

    /// <summary>
    /// Computes and stores a value. Its data was read no earlier than <paramref name="now"/> (taken before the query),
    /// or as early as the oldest cached value it was built from: it expires with its oldest source.
    /// </summary>
    private async Task<Entry> ComputeAsync<T>(string key, long generation, DateTimeOffset now, Func<Task<T>> compute, Func<T, long>? sizeKiB)
    {
        var sources = ReadAge.Begin();   // this method's own flow: the caller's holder is untouched
        var value = await compute();
        var readUtc = sources.OldestReadUtc is { } oldest && oldest < now ? oldest : now;
        var entry = new Entry(generation, readUtc, readUtc + options.Duration, value);
        // The memory cache's own expiry only frees memory: a stale entry may still be served while one reader refreshes it.
        _memory.Set(key, entry, new MemoryCacheEntryOptions
        {
            Size = Math.Clamp(sizeKiB?.Invoke(value) ?? 4, 1, BudgetKiB / 8),
            SlidingExpiration = options.Duration * 10,
        });
        return entry;
    }

    public void Dispose() => _memory.Dispose();
}
