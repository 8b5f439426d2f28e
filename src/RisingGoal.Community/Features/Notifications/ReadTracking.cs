using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>What a list row shows for the signed-in member: replies added since they last read the case, and "new".</summary>
public readonly record struct RowMark(int NewReplies, bool IsNew);

/// <summary>What the case page tells the member: how many replies are new to them and where the first one is.</summary>
public sealed record ReadingPosition(int NewReplies, int? FirstUnreadReplyId);

/// <summary>
/// A member's read state of one discussion before a page view: the last reply read, how many replies were seen, whether
/// notifications about the case wait unread (null ids: never opened). Read with the member's marks on the case page.
/// </summary>
public sealed record DiscussionReadState(int? LastReadReplyId, int? SeenReplyCount, bool UnreadNotifications);

/// <summary>
/// Unread tracking, cheap at scale: one <see cref="DiscussionRead"/> row per member and case they opened, written only when
/// a page view showed something new; lists read the member's kept read state (<see cref="SeenCounts"/>) and the visit
/// remembered between records (<see cref="SeenMemory"/>), so most list views send no query for the marks at all.
/// </summary>
public sealed class ReadTracking(OnDemandDb data, TimeProvider clock, UnreadCounts counts, SeenCounts seenCounts, SeenMemory seenMemory,
    SinceVisits sinceVisits, Cases.CaseMarksCache marks, ILogger<ReadTracking> logger)
{
    /// <summary>Page views further apart than this start a new visit.</summary>
    public static readonly TimeSpan VisitGap = TimeSpan.FromMinutes(30);
    /// <summary>The visit row is written at most this often.</summary>
    public static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(5);

    /// <summary>Built only when something is read or written (a list's marks from the kept read state need none).</summary>
    private CommunityDbContext db => data.Context;

    private DateTime? _previousVisitEnd;
    private bool _visitRead;

    /// <summary>The marks given per list in this request: a page's kept HTML is keyed by them, its rendering shows the same.</summary>
    private readonly Dictionary<IReadOnlyList<CaseRow>, IReadOnlyDictionary<int, RowMark>> _marks = new(ReferenceEqualityComparer.Instance);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The member opened a page of the discussion <paramref name="replies"/> (all of it, in order) that showed every reply up
    /// to <paramref name="readThrough"/>: returns where their unread replies start (as before this view), moves their read
    /// mark forward to what this page showed (never back, never past it: page 1 of a long discussion leaves pages 2 and
    /// after unread), and marks the case's notifications read. <paramref name="before"/> is the member's state as read
    /// with their marks (<see cref="Cases.CaseView.MemberReading"/>): no query at all when nothing changed.
    /// </summary>
    public async Task<ReadingPosition> CaseViewedAsync(string memberId, int caseId, IReadOnlyList<Cases.CaseReplyRow> replies, int readThrough,
        DiscussionReadState before, CancellationToken ct = default)
    {
        // No context is built unless something is written: a view that changes nothing sends nothing.
        var lastShown = Math.Max(before.LastReadReplyId ?? 0, readThrough);
        // One pass, no list: a discussion of 1,000 replies was copied and walked four times on every view.
        var (seen, unreadCount, firstUnread) = (0, 0, (int?)null);
        foreach (var reply in replies)
        {
            if (reply.Removed || reply.AwaitingReview) continue;
            if (reply.Id <= lastShown) seen++;
            if (reply.Id > before.LastReadReplyId)
            {
                unreadCount++;
                firstUnread ??= reply.Id;
            }
        }
        var now = Now;

        ReadingPosition position = new(0, null);
        if (before.LastReadReplyId is not { } lastRead)
        {
            db.Add(DiscussionRead.Of(memberId, caseId, lastShown, seen, now));
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException ex)
            {
                logger.LogDebug(ex, "Read state of case {CaseId} written by a parallel view", caseId);   // two tabs at once
                db.ChangeTracker.Clear();
            }
            ReadStateChanged(memberId);
        }
        else
        {
            position = new ReadingPosition(unreadCount, firstUnread);
            if (lastShown > lastRead || seen != before.SeenReplyCount)
            {
                await db.Set<DiscussionRead>().Where(r => r.MemberId == memberId && r.CaseId == caseId).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.LastReadReplyId, r => r.LastReadReplyId > lastShown ? r.LastReadReplyId : lastShown)
                    .SetProperty(r => r.SeenReplyCount, seen)
                    .SetProperty(r => r.ReadUtc, now), ct);
                ReadStateChanged(memberId);
            }
        }
        if (before.UnreadNotifications)
        {
            await db.Set<Notification>().Where(n => n.RecipientId == memberId && n.CaseId == caseId && n.ReadUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), ct);
            counts.Evict(memberId);
            marks.Evict(memberId);
        }
        return position;
    }

    /// <summary>The member's read state moved (committed): what is kept of it goes.</summary>
    private void ReadStateChanged(string memberId)
    {
        seenCounts.Evict(memberId);
        sinceVisits.Evict(memberId);
        marks.Evict(memberId);
    }

    /// <summary>
    /// The marks of the rows of one list: from the member's kept read state and visit (<see cref="SeenCounts"/>,
    /// <see cref="SeenMemory"/>), so most list views send no query for them; else one query (plus the visit, once per request).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, RowMark>> MarksAsync(string memberId, IReadOnlyList<CaseRow> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return new Dictionary<int, RowMark>();
        if (_marks.TryGetValue(rows, out var given)) return given;
        var previousVisitEnd = await PreviousVisitEndAsync(memberId, ct);
        var seen = seenCounts.Enabled
            ? await seenCounts.GetAsync(memberId, async () => await SeenAsync(memberId, null, ct), s => s.Count / 256 + 1)
            : await SeenAsync(memberId, rows.Select(r => r.Id).Distinct().ToList(), ct);
        var marks = new Dictionary<int, RowMark>(rows.Count);   // sized once: resizing was 7 % of a member list's allocations
        foreach (var row in rows)
            marks[row.Id] = seen.TryGetValue(row.Id, out var count)
                ? new RowMark(Math.Max(0, row.ReplyCount - count), false)
                : new RowMark(0, previousVisitEnd is { } end && row.PublishedUtc > end);
        return _marks[rows] = marks;
    }

    /// <summary>How many replies the member had seen per discussion read: all of them (to keep), or those of <paramref name="caseIds"/>.</summary>
    private async Task<IReadOnlyDictionary<int, int>> SeenAsync(string memberId, List<int>? caseIds, CancellationToken ct)
    {
        var reads = db.Set<DiscussionRead>().AsNoTracking().Where(r => r.MemberId == memberId);
        if (caseIds is not null) reads = reads.Where(r => caseIds.Contains(r.CaseId));
        return await reads.Select(r => new { r.CaseId, r.SeenReplyCount }).ToDictionaryAsync(r => r.CaseId, r => r.SeenReplyCount, ct);
    }

    /// <summary>
    /// Where the member's previous visit ended; records this one (a write at most every <see cref="SeenResolution"/>).
    /// Between two records the end is read from <see cref="SeenMemory"/>: no query.
    /// </summary>
    public async ValueTask<DateTime?> PreviousVisitEndAsync(string memberId, CancellationToken ct = default)
    {
        if (_visitRead) return _previousVisitEnd;
        var now = Now;
        if (seenMemory.Known(memberId, now, out var known))
        {
            _visitRead = true;
            return _previousVisitEnd = known;
        }
        var visit = await db.Set<MemberVisit>().AsNoTracking().Where(v => v.MemberId == memberId)
            .Select(v => new { v.LastSeenUtc, v.PreviousVisitEndUtc }).FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            db.Add(MemberVisit.First(memberId, now));
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); }
            _previousVisitEnd = null;
        }
        else if (now - visit.LastSeenUtc >= VisitGap)
        {
            // A new visit starts: what was new during the last one is not new any more.
            var ended = visit.LastSeenUtc;
            await db.Set<MemberVisit>().Where(v => v.MemberId == memberId).ExecuteUpdateAsync(s => s
                .SetProperty(v => v.PreviousVisitEndUtc, ended).SetProperty(v => v.LastSeenUtc, now), ct);
            _previousVisitEnd = ended;
        }
        else
        {
            if (now - visit.LastSeenUtc >= SeenResolution)
                await db.Set<MemberVisit>().Where(v => v.MemberId == memberId).ExecuteUpdateAsync(s => s.SetProperty(v => v.LastSeenUtc, now), ct);
            _previousVisitEnd = visit.PreviousVisitEndUtc;
        }
        _visitRead = true;
        seenMemory.Recorded(memberId, now, _previousVisitEnd);
        return _previousVisitEnd;
    }

    /// <summary>Where to send the member for "first unread" of a case: the reply after the last one they read.</summary>
    public async Task<int?> FirstUnreadReplyIdAsync(string memberId, int caseId, CancellationToken ct = default)
    {
        var last = await db.Set<DiscussionRead>().AsNoTracking().Where(r => r.MemberId == memberId && r.CaseId == caseId)
            .Select(r => (int?)r.LastReadReplyId).FirstOrDefaultAsync(ct);
        if (last is null) return null;
        return await db.Set<Reply>().AsNoTracking().Where(r => r.CaseId == caseId && r.Id > last && r.Status == ReplyStatus.Published)
            .OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The cases the member opened that have replies they have not read, most recently active first (key pagination).</summary>
    public IQueryable<Case> Unread(IQueryable<Case> visible, string memberId)
    {
        var reads = db.Set<DiscussionRead>();
        return visible.Where(c => reads.Any(r => r.MemberId == memberId && r.CaseId == c.Id && r.SeenReplyCount < c.ReplyCount));
    }
}
