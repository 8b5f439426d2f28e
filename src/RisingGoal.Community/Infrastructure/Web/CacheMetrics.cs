using System.Collections.Concurrent;
using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Counters of this instance's caches since start (hits, misses, stores, bytes stored, tag evictions), shown by
/// <c>/healthz?detail</c> so the cache budget and eviction can be watched in production.
/// </summary>
public sealed class CacheMetrics
{
    private long _pageHits, _pageMisses, _pageStores, _pageBytes, _tagEvictions, _readHits, _readMisses, _memberHits, _memberMisses, _memberStores, _memberWaits;

    public void PageHit() => Interlocked.Increment(ref _pageHits);
    public void PageMiss() => Interlocked.Increment(ref _pageMisses);
    public void PageStored(long bytes)
    {
        Interlocked.Increment(ref _pageStores);
        Interlocked.Add(ref _pageBytes, bytes);
    }
    public void TagEvicted() => Interlocked.Increment(ref _tagEvictions);
    public void ReadHit() => Interlocked.Increment(ref _readHits);
    public void ReadMiss() => Interlocked.Increment(ref _readMisses);
    public void MemberPageHit() => Interlocked.Increment(ref _memberHits);
    public void MemberPageMiss() => Interlocked.Increment(ref _memberMisses);
    public void MemberPageStored() => Interlocked.Increment(ref _memberStores);
    /// <summary>A reader who missed a member page waited for another reader's rendering of it (single flight).</summary>
    public void MemberPageWaited() => Interlocked.Increment(ref _memberWaits);

    public long PageStores => Interlocked.Read(ref _pageStores);

    public IReadOnlyDictionary<string, object> Snapshot() => new Dictionary<string, object>
    {
        ["page.hits"] = Interlocked.Read(ref _pageHits),
        ["page.misses"] = Interlocked.Read(ref _pageMisses),
        ["page.stores"] = Interlocked.Read(ref _pageStores),
        ["page.bytesStored"] = Interlocked.Read(ref _pageBytes),
        ["page.tagEvictions"] = Interlocked.Read(ref _tagEvictions),
        ["read.hits"] = Interlocked.Read(ref _readHits),
        ["read.misses"] = Interlocked.Read(ref _readMisses),
        ["member.hits"] = Interlocked.Read(ref _memberHits),
        ["member.misses"] = Interlocked.Read(ref _memberMisses),
        ["member.stores"] = Interlocked.Read(ref _memberStores),
        ["member.waits"] = Interlocked.Read(ref _memberWaits),
    };
}

/// <summary>
/// The output cache store, counted, and bounded by the age of each page's data: a page is kept only for what remains of
/// the lifetime of the oldest cached read model it shows (<see cref="ReadAge"/>, measured here, when every read of the
/// request is known), and for <see cref="ReadAge.StaleGrace"/> when that is nothing (a stale value served while another reader
/// refreshes it).
/// <para>
/// Refreshed ahead: in the last part of a page's life (<see cref="CachingOptions.RefreshAhead"/>) one request is told
/// it is not there and renders it again (refreshing the read models it shows, which are as old), while every other
/// reader keeps the stored page. Before, a busy page expired under its readers: all of them rendered it at once from
/// the stale read model (rendering is not free: a long discussion's page at 32 connections took up to half a second
/// each), the 110–450 ms p99 of the first rows and the long case pages in bench/results/2026-12-03-full-session7-end.md.
/// </para>
/// Forwards the buffer API too, so the middleware keeps its fast path.
/// </summary>
internal sealed class CountingOutputCacheStore(IOutputCacheStore inner, CacheMetrics metrics, CachingOptions options, TimeProvider clock) : IOutputCacheBufferStore
{
    /// <summary>A request renewing a page that has not stored it after this long (it failed, or stored nothing) leaves the renewal to the next.</summary>
    internal static readonly TimeSpan RenewalTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Keys whose end is tracked at most (a page per key; the store's own budget is smaller).</summary>
    private const int TrackedKeys = 100_000;

    /// <summary>When a stored page runs out, on the injected clock, and when a request last took it on to render it again.</summary>
    private sealed class Renewal(DateTimeOffset expiresAt)
    {
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public long TakenAtTicks;
    }

    private readonly ConcurrentDictionary<string, Renewal> _renewals = new(StringComparer.Ordinal);

    /// <summary>The store this one wraps (tests put a store timed on their clock under it).</summary>
    internal IOutputCacheStore Inner => inner;

    /// <summary>True for the one request that should render <paramref name="key"/> again now, ahead of its end.</summary>
    private bool TakeRenewal(string key)
    {
        if (!_renewals.TryGetValue(key, out var renewal)) return false;
        var now = clock.GetUtcNow();
        var left = renewal.ExpiresAt - now;
        if (left > options.RefreshAhead || left <= TimeSpan.Zero) return false;
        var taken = Interlocked.Read(ref renewal.TakenAtTicks);
        if (taken != 0 && now.UtcTicks - taken < RenewalTimeout.Ticks) return false;
        return Interlocked.CompareExchange(ref renewal.TakenAtTicks, now.UtcTicks, taken) == taken;
    }

    private void Stored(string key, TimeSpan validFor)
    {
        var now = clock.GetUtcNow();
        var renewal = new Renewal(now + validFor);
        // Stored from a read model that is itself being refreshed (already in its last part): not renewed again before
        // the timeout, or every request would render it until the refresh is back.
        if (validFor <= options.RefreshAhead) renewal.TakenAtTicks = now.UtcTicks;
        _renewals[key] = renewal;
        if (_renewals.Count > TrackedKeys)
            foreach (var (tracked, entry) in _renewals)
                if (entry.ExpiresAt <= now) _renewals.TryRemove(new KeyValuePair<string, Renewal>(tracked, entry));
    }

    /// <summary>What remains of the page's lifetime (<see cref="ReadAge.KeepNow"/>), at most <paramref name="validFor"/>.</summary>
    private TimeSpan Bound(TimeSpan validFor)
    {
        var keep = ReadAge.KeepNow(options.Duration, clock.GetUtcNow());
        return keep < validFor ? keep : validFor;
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        metrics.TagEvicted();
        return inner.EvictByTagAsync(tag, cancellationToken);
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var value = TakeRenewal(key) ? null : await inner.GetAsync(key, cancellationToken);
        if (value is null) metrics.PageMiss(); else metrics.PageHit();
        return value;
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if ((validFor = Bound(validFor)) <= TimeSpan.Zero) return ValueTask.CompletedTask;
        metrics.PageStored(value.Length);
        Stored(key, validFor);
        return inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        var found = !TakeRenewal(key) && (inner is IOutputCacheBufferStore buffers
            ? await buffers.TryGetAsync(key, destination, cancellationToken)
            : await CopyAsync(await inner.GetAsync(key, cancellationToken), destination, cancellationToken));
        if (found) metrics.PageHit(); else metrics.PageMiss();
        return found;
    }

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if ((validFor = Bound(validFor)) <= TimeSpan.Zero) return ValueTask.CompletedTask;
        metrics.PageStored(value.Length);
        Stored(key, validFor);
        return inner is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : inner.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
    }

    private static async ValueTask<bool> CopyAsync(byte[]? value, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (value is null) return false;
        await destination.WriteAsync(value, cancellationToken);
        return true;
    }
}

/// <summary>Always healthy: carries the cache counters into the health report.</summary>
internal sealed class CacheHealthCheck(CacheMetrics metrics) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(data: metrics.Snapshot()));
}
