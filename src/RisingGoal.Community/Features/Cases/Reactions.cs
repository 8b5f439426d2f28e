using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// Resonance, bookmarks and follows (one row per member and case, the primary key guarantees it) and the
/// denormalised counters, recomputed from the rows in one UPDATE so parallel requests cannot lose a count.
/// </summary>
public sealed class Reactions(CommunityDbContext db, TimeProvider clock, CaseCache cache, IDatabaseDialect dialect,
    Notifications.SinceVisits sinceVisits, CaseMarksCache marks, Notifications.SeenCounts seenCounts)
{
    public async Task SetResonanceAsync(int caseId, string memberId, bool on, CancellationToken ct)
    {
        var @case = await db.Set<Case>().Include(c => c.Resonances.Where(r => r.MemberId == memberId))
            .FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return;
        var changed = on ? @case.Resonate(memberId, Now) : @case.WithdrawResonance(memberId);
        if (changed) await SaveIgnoringDuplicateAsync(ct);
        await db.Set<Case>().Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(
            c => c.ResonanceCount, c => db.Set<Resonance>().Count(r => r.CaseId == c.Id)), ct);
        await cache.CaseChangedAsync(db, caseId, ct);
    }

    public async Task SetBookmarkAsync(int caseId, string memberId, bool on, CancellationToken ct)
    {
        if (!on)
        {
            await db.Set<Bookmark>().Where(b => b.CaseId == caseId && b.MemberId == memberId).ExecuteDeleteAsync(ct);
            marks.Evict(memberId);   // a bulk delete: no write effect sees it
        }
        else if (!await db.Set<Bookmark>().AnyAsync(b => b.CaseId == caseId && b.MemberId == memberId, ct))
        {
            db.Add(new Bookmark(caseId, memberId, Now));
            await SaveIgnoringDuplicateAsync(ct);
        }
    }

    public async Task SetFollowAsync(int caseId, string memberId, bool on, CancellationToken ct)
    {
        if (!on)
        {
            await db.Set<CaseFollow>().Where(f => f.CaseId == caseId && f.MemberId == memberId).ExecuteDeleteAsync(ct);
            marks.Evict(memberId);   // a bulk delete: no write effect sees it
        }
        else if (!await db.Set<CaseFollow>().AnyAsync(f => f.CaseId == caseId && f.MemberId == memberId, ct))
        {
            db.Add(new CaseFollow(caseId, memberId, Now));
            await SaveIgnoringDuplicateAsync(ct);
        }
        sinceVisits.Evict(memberId);   // followed discussions' replies show on the member's home
    }

    /// <summary>
    /// After a reply is added or removed: the published count, and the last activity: now when one was added (or
    /// approved); otherwise the newest post readers still see (the case, its published replies, follow-ups and edits),
    /// as if a hidden or deleted reply had never been written. Left at the removed reply's time, the case kept its place
    /// in the "active" order and its sitemap lastmod, which no visible post explained (<c>Privacy/Aggregates/RemovedReplyActivityTests</c>).
    /// </summary>
    public async Task RefreshRepliesAsync(int caseId, bool added, CancellationToken ct)
    {
        var now = Now;
        var (replies, followUps, revisions) = (db.Set<Reply>(), db.Set<FollowUp>(), db.Set<CaseRevision>());
        var theCase = db.Set<Case>().Where(c => c.Id == caseId);
        if (added)
            await theCase.ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ReplyCount, c => replies.Count(r => r.CaseId == c.Id && r.Status == ReplyStatus.Published))
                .SetProperty(c => c.LastActivityUtc, now), ct);
        else
            await theCase.ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ReplyCount, c => replies.Count(r => r.CaseId == c.Id && r.Status == ReplyStatus.Published))
                .SetProperty(c => c.LastActivityUtc, c => replies.Where(r => r.CaseId == c.Id && r.Status == ReplyStatus.Published).Select(r => r.CreatedUtc)
                    .Concat(followUps.Where(f => f.CaseId == c.Id).Select(f => f.CreatedUtc))
                    .Concat(revisions.Where(r => r.CaseId == c.Id).Select(r => r.CreatedUtc))
                    .Concat(db.Set<Case>().Where(k => k.Id == c.Id).Select(k => k.CreatedUtc))
                    .Max()), ct);
        if (!added) await RecountSeenAsync(caseId, ct);
        await cache.CaseChangedAsync(db, caseId, ct);   // the counters changed after SaveChanges already evicted
    }

    /// <summary>
    /// What each reader of the discussion had seen, counted again as a page view counts it (the published replies up to
    /// their read mark): a hidden reply they had read no longer counts, an unhidden one counts again. Left counted, the
    /// next reply was never "new" for them (<c>Privacy/Aggregates/RemovedReplyReadMarksTests</c>).
    /// </summary>
    private async Task RecountSeenAsync(int caseId, CancellationToken ct)
    {
        var replies = db.Set<Reply>();
        var reads = db.Set<Notifications.DiscussionRead>().Where(r => r.CaseId == caseId
            && r.SeenReplyCount != replies.Count(x => x.CaseId == r.CaseId && x.Status == ReplyStatus.Published && x.Id <= r.LastReadReplyId));
        var readers = await reads.Select(r => r.MemberId).ToListAsync(ct);
        if (readers.Count == 0) return;
        await reads.ExecuteUpdateAsync(s => s.SetProperty(r => r.SeenReplyCount,
            r => replies.Count(x => x.CaseId == r.CaseId && x.Status == ReplyStatus.Published && x.Id <= r.LastReadReplyId)), ct);
        seenCounts.Evict(readers);   // kept per member, without a generation: only their own views evicted it
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Two clicks racing: the second insert hits the primary key, which means the row is there — done. Any other failure
    /// propagates (and is logged as the request's error).
    /// </summary>
    private async Task SaveIgnoringDuplicateAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (dialect.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
        }
    }
}
