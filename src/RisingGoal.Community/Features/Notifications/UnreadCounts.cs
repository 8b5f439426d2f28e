using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>
/// The header's unread count, kept per member for a short while (issue 19, item 1): a member's page then costs no
/// notification query on most requests. Kept correct by eviction, after commit: the member's notifications written
/// through SaveChanges (<see cref="UnreadCountsEffect"/>), marked read or unread by bulk updates (callers evict), and any
/// write to cases or replies (<see cref="CaseCache.Generation"/>: a hidden reply no longer counts). Another instance's
/// writes show within <c>Caching:Seconds</c>, as for the other read caches.
/// </summary>
public sealed class UnreadCounts(CaseCache cases, CachingOptions options, TimeProvider clock) : IDisposable
{
    private sealed record Entry(long Generation, DateTimeOffset ExpiresAt, int Count);

    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>Moves on every eviction: a count read before an eviction is not stored after it.</summary>
    private long _evictions;

    /// <summary>The member's unread count: cached, or read by <paramref name="read"/> (only called on a miss).</summary>
    public async Task<int> GetAsync(string memberId, Func<Task<int>> read)
    {
        if (!options.Enabled) return await read();
        var generation = cases.Generation;
        var evictions = Interlocked.Read(ref _evictions);
        if (_memory.TryGetValue(memberId, out Entry? hit) && hit!.Generation == generation && hit.ExpiresAt > clock.GetUtcNow())
            return hit.Count;
        var now = clock.GetUtcNow();
        var count = await read();
        // Stored only when nothing was evicted while reading (the read might predate that write) and no case changed.
        if (Interlocked.Read(ref _evictions) == evictions && cases.Generation == generation)
            _memory.Set(memberId, new Entry(generation, now + options.Duration, count),
                new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = options.Duration * 2 });
        return count;
    }

    /// <summary>Call after the change is committed (or together with an autocommitted bulk update).</summary>
    public void Evict(IEnumerable<string> memberIds)
    {
        Interlocked.Increment(ref _evictions);
        foreach (var id in memberIds) _memory.Remove(id);
    }

    public void Evict(string memberId) => Evict([memberId]);

    public void Dispose() => _memory.Dispose();
}

/// <summary>Notifications added, read or removed through SaveChanges: their recipients' counts go once committed.</summary>
public sealed class UnreadCountsEffect(UnreadCounts counts) : IWriteEffect
{
    public WriteEffectStage Stage => WriteEffectStage.Caches;

    public object? Collect(DbContext db)
    {
        var recipients = WrittenEntries.Of(db).Select(e => e.Entity).OfType<Notification>().Select(n => n.RecipientId).ToHashSet();
        return recipients.Count > 0 ? recipients : null;
    }

    public Task<object?> AfterSaveAsync(DbContext db, object collected, CancellationToken ct) => Task.FromResult<object?>(collected);

    public Task AfterCommitAsync(object prepared, CancellationToken ct)
    {
        counts.Evict((HashSet<string>)prepared);
        return Task.CompletedTask;
    }
}
