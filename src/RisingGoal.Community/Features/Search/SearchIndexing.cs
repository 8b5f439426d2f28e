using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// Keeps the index in step without touching the Cases or Moderation code: before SaveChanges it notes every added,
/// changed or removed <see cref="Case"/> and <see cref="Reply"/>; after a successful save (inside the transaction, see
/// <see cref="WriteEffectStage"/>) it re-indexes them (an unpublished one is removed from the index). Publishing,
/// edits, approval, hiding, deletion and redaction all go through SaveChanges. Queries also filter on the live
/// tables, so a failed re-index never exposes hidden text.
/// </summary>
internal sealed class SearchIndexing(ISearchIndex index, ILogger<SearchIndexing> logger) : IWriteEffect
{
    private const string Savepoint = "search_index";

    public WriteEffectStage Stage => WriteEffectStage.SearchIndex;

    public object? Collect(DbContext db)
    {
        var changed = WrittenEntries.Of(db).Where(e => e.Entity is Case or Reply).Select(e => e.Entity).ToList();
        return changed.Count > 0 ? changed : null;
    }

    public async Task<object?> AfterSaveAsync(DbContext context, object collected, CancellationToken ct)
    {
        if (context is not CommunityDbContext db) return null;
        var entities = (List<object>)collected;
        var caseIds = entities.OfType<Case>().Select(c => c.Id).Where(id => id > 0).ToList();
        var replyIds = entities.OfType<Reply>().Select(r => r.Id).Where(id => id > 0).ToList();
        // Inside a transaction (the save's own, when it keeps counts, or the caller's), a failed statement would abort
        // the whole transaction on PostgreSQL and fail the save after all: the index's statements get a savepoint.
        var transaction = db.Database.CurrentTransaction;
        if (transaction is not null) await transaction.CreateSavepointAsync(Savepoint, ct);
        try
        {
            await index.IndexCasesAsync(db, caseIds, ct);
            await index.IndexRepliesAsync(db, replyIds, ct);
            if (transaction is not null) await transaction.ReleaseSavepointAsync(Savepoint, ct);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            if (transaction is not null) await transaction.RollbackToSavepointAsync(Savepoint, ct);
            // The save itself succeeded; the index catches up on the next change or rebuild.
            logger.LogError(ex, "Search index update failed for cases {Cases} and replies {Replies}", caseIds, replyIds);
        }
        return null;
    }

    public Task AfterCommitAsync(object prepared, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A redaction is saved through SaveChanges (<see cref="SearchIndexing"/> sees it); this re-indexes explicitly anyway.</summary>
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
