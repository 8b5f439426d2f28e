namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// The oldest instant at which the data a request (or a cached computation) shows was read from the database, as
/// recorded by <c>CaseReadCache</c> for every value it hands out. Whatever is built from those values (the cached replies
/// fragment, the anonymous page) may be kept only for what remains of that value's lifetime (<see cref="Remaining"/>),
/// so caches stacked on caches never add their lifetimes up: a visitor sees data at most one lifetime after it was read.
/// <para>
/// Ambient (an <see cref="AsyncLocal{T}"/> holder begun once per request by <see cref="ReadAgeMiddleware.UseReadAge"/>, and once per
/// read-cache computation): one small object per request, a compare-exchange per cached value used.
/// </para>
/// </summary>
public sealed class ReadAge
{
    private static readonly AsyncLocal<ReadAge?> Ambient = new();

    private long _oldestTicks = long.MaxValue;

    /// <summary>The holder of the current request or computation, if any (none in background work or with caching off).</summary>
    public static ReadAge? Current => Ambient.Value;

    /// <summary>
    /// Starts a new holder for the current asynchronous flow. Call it from an <c>async</c> method: the caller's holder is
    /// back when that method returns.
    /// </summary>
    public static ReadAge Begin() => Ambient.Value = new ReadAge();

    /// <summary>The oldest read instant recorded, or null when nothing cached was used.</summary>
    public DateTimeOffset? OldestReadUtc
    {
        get
        {
            var ticks = Volatile.Read(ref _oldestTicks);
            return ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Records that data read from the database at <paramref name="readUtc"/> is part of what is being built.</summary>
    public void Used(DateTimeOffset readUtc)
    {
        var ticks = readUtc.UtcTicks;
        var seen = Volatile.Read(ref _oldestTicks);
        while (ticks < seen)
        {
            var before = Interlocked.CompareExchange(ref _oldestTicks, ticks, seen);
            if (before == seen) return;
            seen = before;
        }
    }

    /// <summary>
    /// How long what was built may still be kept: <paramref name="lifetime"/> minus the age of the oldest data it
    /// shows (the whole lifetime when it used nothing cached). Zero or less: do not store it at all (a stale value
    /// served while another reader refreshes it always lands here).
    /// </summary>
    public TimeSpan Remaining(TimeSpan lifetime, DateTimeOffset now)
    {
        var ticks = Volatile.Read(ref _oldestTicks);
        return ticks == long.MaxValue ? lifetime : lifetime - (now - new DateTimeOffset(ticks, TimeSpan.Zero));
    }

    /// <summary>What remains for the current request (the whole lifetime outside a request).</summary>
    public static TimeSpan RemainingNow(TimeSpan lifetime, DateTimeOffset now) => Current?.Remaining(lifetime, now) ?? lifetime;

    /// <summary>
    /// How long a whole page built from data past its lifetime (a read model served while one reader refreshes it) is
    /// kept. Not keeping it at all made every reader arriving during that refresh render the whole page again: about 700
    /// renders of the 177-reply case page in the second after it came back from idle at 32 connections, a third of the
    /// row's throughput (bench/results/2026-12-03-full-session12-start.md). A reader may then see such data for the
    /// refresh's duration plus this much; a write on the instance still evicts the page at once.
    /// </summary>
    public static readonly TimeSpan StaleGrace = TimeSpan.FromSeconds(1);

    /// <summary>How long a whole page built in the current request may be kept: what remains, or <see cref="StaleGrace"/>.</summary>
    public static TimeSpan KeepNow(TimeSpan lifetime, DateTimeOffset now)
    {
        var remaining = RemainingNow(lifetime, now);
        return remaining > TimeSpan.Zero ? remaining : StaleGrace < lifetime ? StaleGrace : lifetime;
    }

}

public static class ReadAgeMiddleware
{
    /// <summary>Begins a holder for every request, before the output cache decides what to store (and for how long).</summary>
    public static IApplicationBuilder UseReadAge(this IApplicationBuilder app) => app.Use(static async (context, next) =>
    {
        ReadAge.Begin();   // in an async lambda: the holder does not leak into the server's flow after the request
        await next(context);
    });
}
