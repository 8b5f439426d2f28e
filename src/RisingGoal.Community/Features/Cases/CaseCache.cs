using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;
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
/// (before and after the write), its author's profile and every page that shows the case (related cases, profiles
/// of repliers: they carry the case's tag). A profile never shows a pseudonymous case nor its author's posts in that
/// discussion, and is not evicted by them: anyone could otherwise write there (a mark, a reply) and watch which
/// cached profile is dropped. <see cref="Generation"/> moves on every eviction, for in-memory caches of
/// derived data (the shared read models). Runs after commit (<see cref="WriteEffectStage.Caches"/>).
/// </summary>
public sealed class CaseCache(IOutputCacheStore store, CachingOptions options, IEvictionBus bus) : IRemoteEvictions
{
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>After a write that bypassed SaveChanges (ExecuteUpdate of counters), once it is committed.</summary>
    public async Task CaseChangedAsync(DbContext db, int caseId, CancellationToken ct) =>
        await EvictAsync(await ResolveAsync(db, new Changes { CaseIds = { caseId } }, ct), ct);

    /// <summary>The eviction tags of a set of changes (reads the cases' tags and authors: call before commit).</summary>
    internal static async Task<Eviction> ResolveAsync(DbContext db, Changes changes, CancellationToken ct)
    {
        if (changes.Everything) return new Eviction([PageCache.AllPages]);
        if (changes.CaseIds.Count == 0 && changes.TagIds.Count == 0) return new Eviction([]);

        var tags = new HashSet<string>(changes.TagIds.Select(CaseCacheTags.Tag)) { CaseCacheTags.Lists };
        if (changes.CaseIds.Count > 0)
        {
            var ids = changes.CaseIds.ToList();   // a reply's case is among them
            var rows = await db.Set<CaseTag>().AsNoTracking().Where(t => ids.Contains(t.CaseId)).Select(t => t.TagId).ToListAsync(ct);
            var cases = await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, c.AuthorId, c.Pseudonym }).ToListAsync(ct);
            tags.UnionWith(ids.Select(CaseCacheTags.Case));
            tags.UnionWith(rows.Select(CaseCacheTags.Tag));
            // Profiles: authors of cases under their name, and repliers unless the byline rule shows the reply under the pseudonym.
            tags.UnionWith(cases.Where(c => c.AuthorId is not null && c.Pseudonym is null).Select(c => CaseCacheTags.Member(c.AuthorId!)));
            var pseudonymous = cases.ToDictionary(c => c.Id, c => new CaseAuthorship(c.AuthorId, c.Pseudonym));
            tags.UnionWith(changes.ReplyAuthors.Where(p => !(pseudonymous.TryGetValue(p.CaseId, out var @case) && Bylines.UnderPseudonym(@case, p.AuthorId)))
                .Select(p => CaseCacheTags.Member(p.AuthorId)));
        }
        return new Eviction(tags);
    }

    /// <summary>Evicts on this instance, then tells the others (PostgreSQL: within a second, through NOTIFY).</summary>
    internal async Task EvictAsync(Eviction eviction, CancellationToken ct)
    {
        await EvictHereAsync(eviction.Tags, ct);
        if (options.Enabled && eviction.Tags.Count > 0) await bus.PublishAsync(eviction.Tags, ct);
    }

    /// <summary>Another instance evicted these tags (none: everything).</summary>
    public Task ApplyAsync(IReadOnlyCollection<string> tags, CancellationToken ct) =>
        EvictHereAsync(tags.Count == 0 ? [PageCache.AllPages] : tags, ct);

    private async Task EvictHereAsync(IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        Interlocked.Increment(ref _generation);
        if (!options.Enabled) return;
        foreach (var tag in tags) await store.EvictByTagAsync(tag, ct);
    }

    internal sealed record Eviction(IReadOnlyCollection<string> Tags);

    internal sealed class Changes
    {
        public HashSet<int> CaseIds { get; } = [];
        public HashSet<int> TagIds { get; } = [];
        /// <summary>Replies added or changed, with their author: whose profile lists them unless they are under the pseudonym.</summary>
        public HashSet<(int CaseId, string AuthorId)> ReplyAuthors { get; } = [];
        public List<Case> AddedCases { get; } = [];
        public bool Everything { get; set; }
    }
}

/// <summary>
/// The one place that notices writes to cases, replies, follow-ups, tags and display names made through
/// SaveChanges; what to evict is read after the save and evicted once the transaction commits.
/// </summary>
public sealed class CaseCacheEffect(CaseCache cache) : IWriteEffect
{
    public WriteEffectStage Stage => WriteEffectStage.Caches;

    public object? Collect(DbContext db)
    {
        CaseCache.Changes? changes = null;
        CaseCache.Changes Changes() => changes ??= new CaseCache.Changes();
        foreach (var entry in WrittenEntries.Of(db))
        {
            switch (entry.Entity)
            {
                // Held or refused before and after (with its tags): a page or profile dropped for it would tell a visitor
                // watching it (its Age, its speed) that this member's post is waiting. The in-memory caches still move on
                // (Generation), for the author's and staff's own views.
                case Case when !SeenByReaders(entry, nameof(Case.Status), status => Case.SeenByReaders((CaseStatus)status)):
                case CaseTag t when db.ChangeTracker.Entries<Case>().FirstOrDefault(e => e.Entity.Tags.Contains(t)) is { } tagged
                                    && !SeenByReaders(tagged, nameof(Case.Status), status => Case.SeenByReaders((CaseStatus)status)):
                case Reply when !SeenByReaders(entry, nameof(Reply.Status), status => Reply.SeenByReaders((ReplyStatus)status)):
                    Changes();
                    break;
                case Case c when entry.State == EntityState.Added:
                    Changes().AddedCases.Add(c);   // its author's profile: through CaseIds once it has an id
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
                    if (r.AuthorId is not null) Changes().ReplyAuthors.Add((r.CaseId, r.AuthorId));
                    break;
                case FollowUp f:
                    Changes().CaseIds.Add(f.CaseId);
                    break;
                case Tag:
                    Changes().Everything = true;
                    break;
                // A new member shows nowhere yet; a renamed or deleted one changes bylines everywhere. Only a real
                // change of name counts: a failed login or a language change saves the member too.
                case Member when entry.State == EntityState.Deleted
                                 || (entry.State == EntityState.Modified && WrittenEntries.Changed(entry.Property(nameof(Member.DisplayName)))):
                    Changes().Everything = true;
                    break;
            }
        }
        return changes;
    }

    /// <summary>False for a post added, or changed, while only its author and staff see it (held or refused before and after).</summary>
    private static bool SeenByReaders(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry post, string statusProperty, Func<object, bool> seen)
    {
        var status = post.Property(statusProperty);
        return post.State switch
        {
            EntityState.Added => seen(status.CurrentValue!),
            EntityState.Modified => seen(status.OriginalValue!) || seen(status.CurrentValue!),
            _ => true,
        };
    }

    public async Task<object?> AfterSaveAsync(DbContext db, object collected, CancellationToken ct)
    {
        var changes = (CaseCache.Changes)collected;
        foreach (var added in changes.AddedCases) changes.CaseIds.Add(added.Id);
        return await CaseCache.ResolveAsync(db, changes, ct);
    }

    public Task AfterCommitAsync(object prepared, CancellationToken ct) => cache.EvictAsync((CaseCache.Eviction)prepared, ct);
}
