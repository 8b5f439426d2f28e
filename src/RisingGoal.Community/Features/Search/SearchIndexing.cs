using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// Keeps the index in step without touching the Cases or Moderation code: before SaveChanges it notes every added,
/// changed or removed <see cref="Case"/> and <see cref="Reply"/>; after a successful save it re-indexes them (an
/// unpublished one is removed from the index). Publishing, edits, approval, hiding, deletion and redaction all go
/// through SaveChanges. Queries also filter on the live tables, so a failed re-index never exposes hidden text.
/// </summary>
internal sealed class SearchIndexingInterceptor(ISearchIndex index, ILogger<SearchIndexingInterceptor> logger) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<EntityEntry>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ReindexAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await ReindexAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.Entity is Case or Reply && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (changed.Count > 0) _pending.AddOrUpdate(context, changed);
        else Forget(context);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }

    private async Task ReindexAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not CommunityDbContext db || !_pending.TryGetValue(db, out var entries)) return;
        _pending.Remove(db);
        var caseIds = entries.Select(e => e.Entity).OfType<Case>().Select(c => c.Id).Where(id => id > 0).ToList();
        var replyIds = entries.Select(e => e.Entity).OfType<Reply>().Select(r => r.Id).Where(id => id > 0).ToList();
        try
        {
            await index.IndexCasesAsync(db, caseIds, ct);
            await index.IndexRepliesAsync(db, replyIds, ct);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The save itself succeeded; the index catches up on the next change or rebuild.
            logger.LogError(ex, "Search index update failed for cases {Cases} and replies {Replies}", caseIds, replyIds);
        }
    }
}

/// <summary>A redaction is saved through SaveChanges (the interceptor sees it); this re-indexes explicitly anyway.</summary>
internal sealed class SearchRedactionListener(CommunityDbContext db, ISearchIndex index) : IRedactionListener
{
    public Task OnRedactedAsync(TargetKind kind, int caseId, int? replyId, CancellationToken cancellationToken) =>
        replyId is { } id
            ? index.IndexRepliesAsync(db, [id], cancellationToken)
            : index.IndexCasesAsync(db, [caseId], cancellationToken);
}

/// <summary>Creates the FTS table if a collapsed migration lost it, and fills an empty index (demo content, upgrades).</summary>
internal sealed class SearchIndexBootstrap(CommunityDbContext db, ISearchIndex index, ILogger<SearchIndexBootstrap> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await index.EnsureCreatedAsync(db, cancellationToken);
        if (!await index.IsEmptyAsync(db, cancellationToken)) return;
        await index.RebuildAsync(db, cancellationToken);
        logger.LogInformation("Search index rebuilt");
    }
}
