using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>Eviction tags of the cached pages that show cases.</summary>
public static class CaseCacheTags
{
    /// <summary>Home, /cases with any filter, search, the all-cases feed: any case may appear there.</summary>
    public const string Lists = "lists";
    public static string Case(int caseId) => $"case-{caseId}";
    /// <summary>A tension or drift page and its feed.</summary>
    public static string Tag(int tagId) => $"tag-{tagId}";
    public static string Member(string memberId) => $"member-{memberId}";
}

/// <summary>
/// Evicts the cached pages a write touched, on this instance: a case's page, the lists, the pages of the case's tags
/// (before and after the write) and its author's profile. <see cref="Generation"/> moves on every eviction, for
/// in-memory caches of derived data (the home matrix).
/// </summary>
public sealed class CaseCache(IOutputCacheStore store, CachingOptions options)
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>After a write that bypassed SaveChanges (ExecuteUpdate of counters).</summary>
    public async Task CaseChangedAsync(DbContext db, int caseId, CancellationToken ct) =>
        await EvictAsync(db, new Changes { CaseIds = { caseId } }, ct);

    internal async Task EvictAsync(DbContext db, Changes changes, CancellationToken ct)
    {
        Interlocked.Increment(ref _generation);
        if (!options.Enabled) return;
        if (changes.Everything)
        {
            await store.EvictByTagAsync(PageCache.AllPages, ct);
            return;
        }
        if (changes.CaseIds.Count == 0 && changes.TagIds.Count == 0 && changes.MemberIds.Count == 0) return;

        var tags = new HashSet<string>(changes.TagIds.Select(CaseCacheTags.Tag)) { CaseCacheTags.Lists };
        tags.UnionWith(changes.MemberIds.Select(CaseCacheTags.Member));
        if (changes.CaseIds.Count > 0)
        {
            var ids = changes.CaseIds.ToList();
            var rows = await db.Set<CaseTag>().AsNoTracking().Where(t => ids.Contains(t.CaseId)).Select(t => t.TagId).ToListAsync(ct);
            var authors = await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.AuthorId != null)
                .Select(c => c.AuthorId!).ToListAsync(ct);
            tags.UnionWith(ids.Select(CaseCacheTags.Case));
            tags.UnionWith(rows.Select(CaseCacheTags.Tag));
            tags.UnionWith(authors.Select(CaseCacheTags.Member));
        }
        foreach (var tag in tags) await store.EvictByTagAsync(tag, ct);
    }

    internal sealed class Changes
    {
        public HashSet<int> CaseIds { get; } = [];
        public HashSet<int> TagIds { get; } = [];
        public HashSet<string> MemberIds { get; } = [];
        public List<Case> AddedCases { get; } = [];
        public bool Everything { get; set; }
    }
}

/// <summary>
/// The one place that notices writes to cases, replies, follow-ups, tags and display names made through
/// SaveChanges, and hands them to <see cref="CaseCache"/> once the save succeeded.
/// </summary>
public sealed class CaseCacheInterceptor(CaseCache cache) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, CaseCache.Changes> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } changes) cache.EvictAsync(eventData.Context!, changes, default).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } changes) await cache.EvictAsync(eventData.Context!, changes, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? db)
    {
        if (db is null) return;
        CaseCache.Changes? changes = null;
        CaseCache.Changes Changes() => changes ??= _pending.GetValue(db, _ => new CaseCache.Changes());
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Case c when entry.State == EntityState.Added:
                    Changes().AddedCases.Add(c);
                    if (c.AuthorId is not null) Changes().MemberIds.Add(c.AuthorId);
                    break;
                case Case c:
                    Changes().CaseIds.Add(c.Id);
                    break;
                case CaseTag t:
                    Changes().TagIds.Add(t.TagId);
                    if (t.CaseId > 0) Changes().CaseIds.Add(t.CaseId);
                    break;
                case Reply r:
                    Changes().CaseIds.Add(r.CaseId);
                    if (r.AuthorId is not null) Changes().MemberIds.Add(r.AuthorId);
                    break;
                case FollowUp f:
                    Changes().CaseIds.Add(f.CaseId);
                    break;
                case Tag:
                    Changes().Everything = true;
                    break;
                // A new member shows nowhere yet; a renamed or deleted one changes bylines everywhere.
                case Member when entry.State == EntityState.Deleted
                                 || (entry.State == EntityState.Modified && entry.Property(nameof(Member.DisplayName)).IsModified):
                    Changes().Everything = true;
                    break;
            }
        }
    }

    private CaseCache.Changes? Take(DbContext? db)
    {
        if (db is null || !_pending.TryGetValue(db, out var changes)) return null;
        _pending.Remove(db);
        foreach (var added in changes.AddedCases) changes.CaseIds.Add(added.Id);
        return changes;
    }
}
