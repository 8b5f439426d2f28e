using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Browse;

/// <summary>
/// The cell counts of the drift × tension matrix (one grouped query over every visible case), kept per reader kind
/// (anonymous or signed in) until a write to cases moves <see cref="CaseCache.Generation"/> or the configured
/// lifetime runs out on the injected clock (members-only cases turn public with time).
/// </summary>
public sealed class MatrixCache(CaseCache cases, CachingOptions options, TimeProvider clock)
{
    private sealed record Entry(long Generation, DateTimeOffset ExpiresAt, IReadOnlyDictionary<(int Drift, int Tension), int> Counts);

    private readonly Entry?[] _entries = new Entry?[2];

    public async Task<IReadOnlyDictionary<(int Drift, int Tension), int>> CountsAsync(bool signedIn,
        Func<Task<IReadOnlyDictionary<(int Drift, int Tension), int>>> compute)
    {
        if (!options.Enabled) return await compute();
        var slot = signedIn ? 1 : 0;
        var generation = cases.Generation;   // read before computing: a write during the query leaves the entry stale-marked
        var now = clock.GetUtcNow();
        if (Volatile.Read(ref _entries[slot]) is { } hit && hit.Generation == generation && hit.ExpiresAt > now) return hit.Counts;
        var counts = await compute();
        Volatile.Write(ref _entries[slot], new Entry(generation, now + options.Duration, counts));
        return counts;
    }
}
