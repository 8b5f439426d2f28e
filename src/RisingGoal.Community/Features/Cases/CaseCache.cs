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

    /// <summary>
    /// Told to the other instances for a write visitors cannot see (a members-only case, a held post): no page carries
    /// it, it only moves their members' <see cref="CaseCache.Generation"/>.
    /// </summary>
    public const string MembersOnly = "members-only";
}

/// <summary>
/// Evicts the cached pages a write touched, on this instance: a case's page, the lists, the pages of the case's tags
/// (before and after the write), its author's profile and every page that shows the case (related cases, profiles
/// of repliers: they carry the case's tag). A profile never shows a pseudonymous case nor its author's posts in that
/// discussion, and is not evicted by them: anyone could otherwise write there (a mark, a reply) and watch which
/// cached profile is dropped. Likewise a write visitors cannot see at all (on a members-only case before its date,
/// before and after the write; a held post) drops nothing they read: no page (only anonymous readers' pages are
/// cached) and no visitors' read model (<see cref="VisitorGeneration"/> stays): anyone watching a named member's
/// profile was otherwise told "they just wrote on a members-only case". <see cref="Generation"/> moves on every
/// eviction, for members' in-memory caches of derived data (the shared read models, per-member parts). Runs after
/// commit (<see cref="WriteEffectStage.Caches"/>).
/// </summary>
public sealed class CaseCache(IOutputCacheStore store, CachingOptions options, IEvictionBus bus, TimeProvider clock) : IRemoteEvictions
{
    private long _generation;
    private long _visitorGeneration;

    /// <summary>Moves on every write to cases: what members' caches follow.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Moves only on writes visitors can see: what the caches of what visitors read follow.</summary>
    public long VisitorGeneration => Interlocked.Read(ref _visitorGeneration);

    /// <summary>After a write that bypassed SaveChanges (ExecuteUpdate of counters), once it is committed.</summary>
    public async Task CaseChangedAsync(DbContext db, int caseId, CancellationToken ct) =>
        await EvictAsync(await ResolveAsync(db, new Changes { CaseIds = { caseId } }, clock.GetUtcNow().UtcDateTime, ct), ct);

    /// <summary>The eviction tags of a set of changes (reads the cases' tags and authors: call before commit).</summary>
    internal static async Task<Eviction> ResolveAsync(DbContext db, Changes changes, DateTime nowUtc, CancellationToken ct)
    {
        if (changes.Everything) return new Eviction([PageCache.AllPages]);
        var ids = changes.CaseIds.Union(changes.CaseTags.Select(t => t.CaseId)).ToList();   // a reply's case is among them
        if (ids.Count == 0) return Eviction.MembersOnly;

        var cases = await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.AuthorId, c.Pseudonym, c.Status, c.Visibility, c.MembersOnlyUntilUtc }).ToListAsync(ct);
        // Only cases visitors see, before or after the write, move what visitors read.
        var seen = cases.Where(c => CaseQueries.VisibleToVisitors(c.Status, c.Visibility, c.MembersOnlyUntilUtc, nowUtc)).Select(c => c.Id)
            .Concat(changes.SeenByVisitorsBefore).ToList();
        if (seen.Count == 0) return Eviction.MembersOnly;

        var rows = await db.Set<CaseTag>().AsNoTracking().Where(t => seen.Contains(t.CaseId)).Select(t => t.TagId).ToListAsync(ct);
        var tags = new HashSet<string>(changes.CaseTags.Where(t => seen.Contains(t.CaseId)).Select(t => CaseCacheTags.Tag(t.TagId))) { CaseCacheTags.Lists };
        tags.UnionWith(seen.Select(CaseCacheTags.Case));
        tags.UnionWith(rows.Select(CaseCacheTags.Tag));
        // Profiles: authors of cases under their name, and repliers unless the byline rule shows the reply under the pseudonym.
        var shown = cases.Where(c => seen.Contains(c.Id)).ToList();
        tags.UnionWith(shown.Where(c => c.AuthorId is not null && c.Pseudonym is null).Select(c => CaseCacheTags.Member(c.AuthorId!)));
        var pseudonymous = shown.ToDictionary(c => c.Id, c => new CaseAuthorship(c.AuthorId, c.Pseudonym));
        tags.UnionWith(changes.ReplyAuthors.Where(p => seen.Contains(p.CaseId)
                && !(pseudonymous.TryGetValue(p.CaseId, out var @case) && Bylines.UnderPseudonym(@case, p.AuthorId)))
            .Select(p => CaseCacheTags.Member(p.AuthorId)));
        return new Eviction(tags);
    }

    /// <summary>Evicts on this instance, then tells the others (PostgreSQL: within a second, through NOTIFY).</summary>
    internal async Task EvictAsync(Eviction eviction, CancellationToken ct)
    {
        await EvictHereAsync(eviction, ct);
        if (options.Enabled) await bus.PublishAsync(eviction.SeenByVisitors ? eviction.Tags : [CaseCacheTags.MembersOnly], ct);
    }

    /// <summary>Another instance evicted these tags (none: everything; <see cref="CaseCacheTags.MembersOnly"/>: members' caches only).</summary>
    public Task ApplyAsync(IReadOnlyCollection<string> tags, CancellationToken ct) =>
        EvictHereAsync(tags.Count == 0 ? new Eviction([PageCache.AllPages])
            : tags.SequenceEqual([CaseCacheTags.MembersOnly]) ? Eviction.MembersOnly : new Eviction(tags), ct);

    private async Task EvictHereAsync(Eviction eviction, CancellationToken ct)
    {
        Interlocked.Increment(ref _generation);
        if (!eviction.SeenByVisitors) return;
        Interlocked.Increment(ref _visitorGeneration);
        if (!options.Enabled) return;
        foreach (var tag in eviction.Tags) await store.EvictByTagAsync(tag, ct);
    }

    /// <param name="SeenByVisitors">False for a write visitors cannot see: no page dropped, members' caches only.</param>
    internal sealed record Eviction(IReadOnlyCollection<string> Tags, bool SeenByVisitors = true)
    {
        public static readonly Eviction MembersOnly = new([], SeenByVisitors: false);
    }

    internal sealed class Changes
    {
        public HashSet<int> CaseIds { get; } = [];
        /// <summary>Tags added to or removed from a case (the case's id is known once saved).</summary>
        public List<CaseTag> CaseTags { get; } = [];
        /// <summary>Cases changed by the write that visitors saw before it (their pages must drop if they no longer do).</summary>
        public HashSet<int> SeenByVisitorsBefore { get; } = [];
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
public sealed class CaseCacheEffect(CaseCache cache, TimeProvider clock) : IWriteEffect
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
                // A removed CaseTag has left its case's Tags already: find the case by id too.
                case CaseTag t when db.ChangeTracker.Entries<Case>()
                                        .FirstOrDefault(e => e.Entity.Tags.Contains(t) || (t.CaseId > 0 && e.Entity.Id == t.CaseId)) is { } tagged
                                    && !SeenByReaders(tagged, nameof(Case.Status), status => Case.SeenByReaders((CaseStatus)status)):
                case Reply when !SeenByReaders(entry, nameof(Reply.Status), status => Reply.SeenByReaders((ReplyStatus)status)):
                    Changes();
                    break;
                case Case c when entry.State == EntityState.Added:
                    Changes().AddedCases.Add(c);   // its author's profile: through CaseIds once it has an id
                    break;
                case Case c:
                    Changes().CaseIds.Add(c.Id);
                    if (CaseQueries.VisibleToVisitors((CaseStatus)entry.Property(nameof(Case.Status)).OriginalValue!,
                            (CaseVisibility)entry.Property(nameof(Case.Visibility)).OriginalValue!,
                            (DateTime?)entry.Property(nameof(Case.MembersOnlyUntilUtc)).OriginalValue, clock.GetUtcNow().UtcDateTime))
                        Changes().SeenByVisitorsBefore.Add(c.Id);
                    break;
                case CaseTag t:
                    Changes().CaseTags.Add(t);
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
        return await CaseCache.ResolveAsync(db, changes, clock.GetUtcNow().UtcDateTime, ct);
    }

    public Task AfterCommitAsync(object prepared, CancellationToken ct) => cache.EvictAsync((CaseCache.Eviction)prepared, ct);
}
