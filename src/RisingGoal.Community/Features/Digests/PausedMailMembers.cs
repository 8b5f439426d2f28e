using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// Who gets the "mail paused" banner: the few members whose mail is paused, kept per instance so that the banner,
/// shown on every page, costs no query per request. A preference saved on this instance refreshes the set at once
/// (the member who switches mail back on sees the banner go); a bounce recorded elsewhere shows within the cache
/// lifetime.
/// </summary>
public sealed class PausedMailMembers(IServiceScopeFactory scopes, CachingOptions options, TimeProvider clock)
{
    private sealed record Snapshot(long Generation, DateTimeOffset ExpiresAt, IReadOnlySet<string> MemberIds);

    private long _generation;
    private Snapshot? _snapshot;

    public async Task<bool> IsPausedAsync(string memberId, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var now = clock.GetUtcNow();
        if (options.Enabled && Volatile.Read(ref _snapshot) is { } hit && hit.Generation == generation && hit.ExpiresAt > now)
            return hit.MemberIds.Contains(memberId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var ids = await db.Set<DigestPreference>().AsNoTracking().Where(p => p.MailPausedUtc != null).Select(p => p.MemberId).ToListAsync(ct);
        Volatile.Write(ref _snapshot, new Snapshot(generation, now + options.Duration, ids.ToHashSet(StringComparer.Ordinal)));
        return ids.Contains(memberId, StringComparer.Ordinal);
    }

    internal void Changed() => Interlocked.Increment(ref _generation);
}

/// <summary>Moves <see cref="PausedMailMembers"/> on once a save that touched a digest preference succeeded.</summary>
public sealed class PausedMailInterceptor(PausedMailMembers paused) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _touched = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Done(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Note(DbContext? db)
    {
        if (db is not null && db.ChangeTracker.Entries<DigestPreference>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            _touched.AddOrUpdate(db, db);
    }

    private void Done(DbContext? db)
    {
        if (db is not null && _touched.Remove(db)) paused.Changed();
    }
}
