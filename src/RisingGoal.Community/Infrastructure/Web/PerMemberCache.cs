using Microsoft.Extensions.Caching.Memory;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// A value of one member's own, kept on this instance for <c>Caching:Seconds</c> at most, so that a member's page costs
/// no query for it on most requests (issue 19, item 1). Kept correct by eviction after commit (<see cref="Evict(string)"/>),
/// and, when given, by a generation that moves on writes the value depends on. Another instance's writes show within the
/// lifetime, as for the other read caches. Values must be immutable: concurrent requests of the member share them.
/// </summary>
public abstract class PerMemberCache<T>(CachingOptions options, TimeProvider clock, Func<long>? generation = null) : IDisposable
{
    private sealed record Entry(long Generation, DateTimeOffset ExpiresAt, T Value);

    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>Moves on every eviction: a value read before an eviction is not stored after it.</summary>
    private long _evictions;

    public bool Enabled => options.Enabled;

    /// <summary>The member's value: kept, or read by <paramref name="read"/> (only called on a miss).</summary>
    /// <param name="size">Cache units the value takes (1 by default; a large map more).</param>
    public Task<T> GetAsync(string memberId, Func<Task<T>> read, Func<T, long>? size = null) =>
        GetPartAsync(memberId, kept => (true, kept), read, (_, value) => value, size);

    /// <summary>
    /// A part of the member's kept value (one case's marks in a map of the cases they opened): found in it by
    /// <paramref name="find"/>, or read by <paramref name="read"/> and kept with the rest by <paramref name="add"/>
    /// (given null when nothing is kept). A part added to a kept value expires with it, so nothing outlives its read.
    /// </summary>
    protected async Task<TPart> GetPartAsync<TPart>(string memberId, Func<T, (bool Found, TPart Part)> find, Func<Task<TPart>> read,
        Func<T?, TPart, T> add, Func<T, long>? size)
    {
        if (!options.Enabled) return await read();
        var current = generation?.Invoke() ?? 0;
        var evictions = Interlocked.Read(ref _evictions);
        var now = clock.GetUtcNow();
        if (!_memory.TryGetValue(memberId, out Entry? kept) || kept!.Generation != current || kept.ExpiresAt <= now) kept = null;
        else if (find(kept.Value) is (true, var found)) return found;
        var part = await read();
        // Stored only when nothing was evicted while reading (the read might predate that write) and the generation held.
        if (Interlocked.Read(ref _evictions) == evictions && (generation?.Invoke() ?? 0) == current)
        {
            var value = add(kept is null ? default : kept.Value, part);
            _memory.Set(memberId, new Entry(current, kept?.ExpiresAt ?? now + options.Duration, value),
                new MemoryCacheEntryOptions { Size = Math.Clamp(size?.Invoke(value) ?? 1, 1, 10_000), SlidingExpiration = options.Duration * 2 });
        }
        return part;
    }

    /// <summary>Call after the change is committed (or together with an autocommitted bulk update).</summary>
    public void Evict(IEnumerable<string> memberIds)
    {
        Interlocked.Increment(ref _evictions);
        foreach (var id in memberIds) _memory.Remove(id);
    }

    public void Evict(string memberId) => Evict([memberId]);

    public void Dispose()
    {
        _memory.Dispose();
        GC.SuppressFinalize(this);
    }
}
