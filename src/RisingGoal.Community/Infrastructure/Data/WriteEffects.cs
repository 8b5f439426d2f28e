using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>
/// The order of side effects after a write through SaveChanges, written down here and nowhere else:
/// <list type="number">
/// <item><see cref="KeptCounts"/>: after each save, always inside a transaction (the save's own when the caller has
/// none, see <see cref="WriteEffects"/>), so kept counters commit or roll back with the rows they count; a failure
/// fails the write.</item>
/// <item><see cref="SearchIndex"/>: after each save, inside the caller's transaction when there is one, so the index
/// commits or rolls back with the rows it describes.</item>
/// <item><see cref="Caches"/>: once the transaction has committed (at once when there is none). Evicting earlier
/// would let a reader arriving between eviction and commit cache the old state under the new generation.</item>
/// </list>
/// Mail and notifications are not effects of a save: handlers queue them in the outbox in the same transaction, and
/// the outbox re-checks removed content at send time.
/// </summary>
public enum WriteEffectStage
{
    KeptCounts = 1,
    SearchIndex = 2,
    Caches = 3,
}

/// <summary>One kind of side effect of a write (registered as a singleton; see <see cref="WriteEffectStage"/>).</summary>
public interface IWriteEffect
{
    WriteEffectStage Stage { get; }

    /// <summary>Notes what the pending save changes, before it is written; null when nothing concerns this effect.</summary>
    object? Collect(DbContext db);

    /// <summary>
    /// Runs after the save succeeded, still inside the transaction if any; returns what to do once the transaction
    /// commits (without database access), or null.
    /// </summary>
    Task<object?> AfterSaveAsync(DbContext db, object collected, CancellationToken cancellationToken);

    Task AfterCommitAsync(object prepared, CancellationToken cancellationToken);
}

/// <summary>
/// Changes that belong in the save that causes them (e.g. replies rewritten when a member they mention is renamed):
/// made before the effects collect, so they are written in the same SaveChanges and seen by every effect (registered as
/// a singleton).
/// </summary>
public interface IBeforeSave
{
    Task BeforeSaveAsync(DbContext db, CancellationToken cancellationToken);
}

/// <summary>Changes worth acting upon: added and deleted entries, and modified ones whose values really changed.</summary>
public static class WrittenEntries
{
    public static IEnumerable<EntityEntry> Of(DbContext db) =>
        db.ChangeTracker.Entries().Where(e => e.State switch
        {
            EntityState.Added or EntityState.Deleted => true,
            // Identity's UpdateAsync marks every property modified (a failed login, a language change): compare values.
            EntityState.Modified => e.Properties.Any(Changed),
            _ => false,
        });

    public static bool Changed(PropertyEntry property) =>
        property.IsModified && !Equals(property.OriginalValue, property.CurrentValue);
}

/// <summary>
/// Runs the registered <see cref="IWriteEffect"/>s in stage order, holding cache effects until commit. When a
/// <see cref="WriteEffectStage.KeptCounts"/> effect has work and the caller opened no transaction, the save runs in one
/// opened here and committed after that effect, so a counter never commits without its rows nor the rows without it.
/// </summary>
public sealed class WriteEffects(IEnumerable<IWriteEffect> effects, IEnumerable<IBeforeSave> beforeSave, ILogger<WriteEffects> logger)
{
    private readonly IBeforeSave[] _beforeSave = beforeSave.ToArray();
    private readonly IWriteEffect[] _effects = effects.OrderBy(e => e.Stage).ToArray();
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    private sealed class Pending
    {
        public readonly List<(IWriteEffect Effect, object Collected)> ThisSave = [];
        public readonly List<(IWriteEffect Effect, object Prepared)> AtCommit = [];
        public IDbContextTransaction? Owned;
    }

    internal async Task CollectAsync(DbContext? db, CancellationToken cancellationToken)
    {
        if (db is null) return;
        foreach (var step in _beforeSave) await step.BeforeSaveAsync(db, cancellationToken);
        var pending = _pending.GetValue(db, _ => new Pending());
        pending.ThisSave.Clear();
        foreach (var effect in _effects)
            if (effect.Collect(db) is { } collected) pending.ThisSave.Add((effect, collected));
        if (db.Database.CurrentTransaction is null && pending.ThisSave.Any(p => p.Effect.Stage == WriteEffectStage.KeptCounts))
            pending.Owned = await db.Database.BeginTransactionAsync(cancellationToken);
    }

    internal async Task SavedAsync(DbContext? db, CancellationToken cancellationToken)
    {
        if (db is null || !_pending.TryGetValue(db, out var pending)) return;
        var thisSave = pending.ThisSave.ToList();
        pending.ThisSave.Clear();
        var owned = pending.Owned;
        pending.Owned = null;
        try
        {
            foreach (var (effect, collected) in thisSave)
                if (await effect.AfterSaveAsync(db, collected, cancellationToken) is { } prepared) pending.AtCommit.Add((effect, prepared));
            if (owned is not null) await owned.CommitAsync(cancellationToken);   // the commit runs the cache effects
        }
        catch when (owned is not null)
        {
            RolledBack(db);
            throw;
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();   // rolls back when an effect failed
        }
        if (db.Database.CurrentTransaction is null && owned is null) await CommittedAsync(db, cancellationToken);
    }

    internal async Task SaveFailedAsync(DbContext? db)
    {
        if (db is null || !_pending.TryGetValue(db, out var pending)) return;
        pending.ThisSave.Clear();
        if (pending.Owned is { } owned)
        {
            pending.Owned = null;
            await owned.DisposeAsync();
        }
    }

    internal async Task CommittedAsync(DbContext? db, CancellationToken cancellationToken)
    {
        if (db is null || !_pending.TryGetValue(db, out var pending) || pending.AtCommit.Count == 0) return;
        var atCommit = pending.AtCommit.ToList();
        pending.AtCommit.Clear();
        foreach (var (effect, prepared) in atCommit)
        {
            try
            {
                await effect.AfterCommitAsync(prepared, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The write is committed: an effect that fails is logged, not reported as a failed write.
                logger.LogError(ex, "After-commit effect {Effect} failed", effect.GetType().Name);
            }
        }
    }

    internal void RolledBack(DbContext? db)
    {
        if (db is not null) _pending.Remove(db);
    }
}

/// <summary>Hands SaveChanges events to <see cref="WriteEffects"/>.</summary>
public sealed class WriteEffectsSaveInterceptor(WriteEffects effects) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        effects.CollectAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await effects.CollectAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        effects.SavedAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        await effects.SavedAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        effects.SaveFailedAsync(eventData.Context).GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        effects.SaveFailedAsync(eventData.Context);
}

/// <summary>Hands transaction commits and rollbacks to <see cref="WriteEffects"/>.</summary>
public sealed class WriteEffectsTransactionInterceptor(WriteEffects effects) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        effects.CommittedAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) =>
        effects.CommittedAsync(eventData.Context, cancellationToken);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        effects.RolledBack(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        effects.RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        effects.RolledBack(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData,
        CancellationToken cancellationToken = default)
    {
        effects.RolledBack(eventData.Context);
        return Task.CompletedTask;
    }
}
