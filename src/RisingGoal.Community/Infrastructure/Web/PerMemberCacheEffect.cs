using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Rows of <typeparamref name="TEntity"/> added, changed or removed through SaveChanges: the kept values of the members
/// they belong to go once the transaction has committed (earlier, a reader could keep the old state again).
/// </summary>
public abstract class PerMemberCacheEffect<TEntity, T>(PerMemberCache<T> cache, Func<TEntity, string> memberOf) : IWriteEffect
{
    public WriteEffectStage Stage => WriteEffectStage.Caches;

    public object? Collect(DbContext db)
    {
        var members = WrittenEntries.Of(db).Select(e => e.Entity).OfType<TEntity>().Select(memberOf).ToHashSet();
        return members.Count > 0 ? members : null;
    }

    public Task<object?> AfterSaveAsync(DbContext db, object collected, CancellationToken ct) => Task.FromResult<object?>(collected);

    public Task AfterCommitAsync(object prepared, CancellationToken ct)
    {
        cache.Evict((HashSet<string>)prepared);
        return Task.CompletedTask;
    }
}
