using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.MemberSpace;

/// <param name="ReturnedDraftId">The draft a rejected case came back as, to edit and submit again (null once resubmitted or deleted).</param>
public sealed record MyCase(int Id, string Slug, string Title, CaseStatus Status, bool Pseudonymous, DateTime CreatedUtc, Guid? ReturnedDraftId);
/// <summary>A discussion the member replied on: how many of their replies are there (and wait for review), and the latest.</summary>
public sealed record MyReplies(int LatestReplyId, int CaseId, string CaseSlug, string CaseTitle, int Count, int Pending, DateTime LatestUtc);
public sealed record CaseLink(int Id, string Slug, string Title);
public sealed record TagLink(int Id, TagKind Kind, string Slug, string Name);

/// <summary>What /account shows of the member's own activity; a handful of short indexed queries, each capped.</summary>
/// <param name="Pending">All their cases awaiting review, and <paramref name="Returned"/> all those returned to edit: counted, not
/// taken from <paramref name="Cases"/>, which lists the latest only.</param>
public sealed record Dashboard(IReadOnlyList<MyCase> Cases, IReadOnlyList<MyReplies> Replies, IReadOnlyList<CaseLink> Saved,
    IReadOnlyList<CaseLink> FollowedCases, IReadOnlyList<TagLink> FollowedTags, int Drafts, int Pending, int Returned)
{
    /// <summary>The header's own count (kept per member, <see cref="Notifications.UnreadCounts"/>), set by the page.</summary>
    public int UnreadNotifications { get; init; }
}

/// <summary>One line of the home's "new since your last visit": a case published since, or new replies in a discussion the member follows or wrote.</summary>
public sealed record SinceVisitItem(int Id, string Slug, string Title, bool NewCase, int NewReplies);

/// <summary>A page of saved cases, newest save first, and the cursor of the next one ("ticks-caseId").</summary>
public sealed record SavedPage(IReadOnlyList<CaseRow> Rows, string? Next);

public sealed class MemberSpaceQueries(OnDemandDb data, BrowseQueries browse, TimeProvider clock, FollowedTags followed)
{
    /// <summary>Built at first use: the home's since-visit section is mostly kept (SinceVisits), with no query.</summary>
    private CommunityDbContext db => data.Context;

    public const int Shown = 10;

    private IQueryable<Case> Visible => db.Set<Case>().AsNoTracking().VisibleTo(true, clock.GetUtcNow().UtcDateTime);

    public async Task<Dashboard> DashboardAsync(string memberId, CancellationToken ct)
    {
        var visible = Visible;
        var drafts = db.Set<Draft>();
        var cases = await db.Set<Case>().AsNoTracking()
            .Where(c => c.AuthorId == memberId && (c.Status == CaseStatus.Published || c.Status == CaseStatus.Pending || c.Status == CaseStatus.Rejected))
            .OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id).Take(20)
            .Select(c => new MyCase(c.Id, c.Slug, c.Title, c.Status, c.Pseudonym != null, c.CreatedUtc,
                drafts.Where(d => d.MemberId == memberId && d.RejectedCaseId == c.Id).Select(d => (Guid?)d.Id).FirstOrDefault()))
            .ToListAsync(ct);
        // One line per discussion (four replies to one case were four identical lines), most recent first.
        var replies = await db.Set<Reply>().AsNoTracking()
            .Where(r => r.AuthorId == memberId && (r.Status == ReplyStatus.Published || r.Status == ReplyStatus.Pending))
            .Join(visible, r => r.CaseId, c => c.Id, (r, c) => r)
            .GroupBy(r => r.CaseId)
            .Select(g => new
            {
                CaseId = g.Key, Count = g.Count(), Pending = g.Count(r => r.Status == ReplyStatus.Pending),
                LatestUtc = g.Max(r => r.CreatedUtc), LatestId = g.Max(r => r.Id),
            })
            .OrderByDescending(g => g.LatestUtc).ThenByDescending(g => g.CaseId)
            .Take(Shown)
            .Join(db.Set<Case>(), g => g.CaseId, c => c.Id, (g, c) => new { g, c.Slug, c.Title })
            .OrderByDescending(x => x.g.LatestUtc).ThenByDescending(x => x.g.CaseId)
            .Select(x => new MyReplies(x.g.LatestId, x.g.CaseId, x.Slug, x.Title, x.g.Count, x.g.Pending, x.g.LatestUtc))
            .ToListAsync(ct);
        var saved = await db.Set<Bookmark>().AsNoTracking().Where(b => b.MemberId == memberId)
            .OrderByDescending(b => b.CreatedUtc).ThenByDescending(b => b.CaseId)
            .Join(visible, b => b.CaseId, c => c.Id, (b, c) => new CaseLink(c.Id, c.Slug, c.Title)).Take(5).ToListAsync(ct);
        var followed = await db.Set<CaseFollow>().AsNoTracking().Where(f => f.MemberId == memberId)
            .Join(visible, f => f.CaseId, c => c.Id, (f, c) => new { c.Id, c.Slug, c.Title, c.LastActivityUtc })
            .OrderByDescending(c => c.LastActivityUtc).Take(50).Select(c => new CaseLink(c.Id, c.Slug, c.Title)).ToListAsync(ct);
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var tags = await db.Set<DigestFollowedTag>().AsNoTracking().Where(t => t.MemberId == memberId)
            .Join(db.Set<Tag>(), f => f.TagId, t => t.Id, (f, t) => t)
            .OrderBy(t => t.Kind).ThenBy(t => t.SortOrder)
            .Select(t => new TagLink(t.Id, t.Kind, t.Slug, en ? t.NameEn : t.NameFr)).ToListAsync(ct);
        var draftCount = await drafts.CountAsync(d => d.MemberId == memberId, ct);   // at most Drafts.MaxPerMember rows
        var waiting = await db.Set<Case>().AsNoTracking()
            .Where(c => c.AuthorId == memberId && (c.Status == CaseStatus.Pending
                || (c.Status == CaseStatus.Rejected && drafts.Any(d => d.MemberId == memberId && d.RejectedCaseId == c.Id))))
            .GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        return new Dashboard(cases, replies, saved, followed, tags, draftCount,
            waiting.GetValueOrDefault(CaseStatus.Pending), waiting.GetValueOrDefault(CaseStatus.Rejected));
    }

    public const int SinceVisitShown = 8;

    /// <summary>
    /// What is new for the member since <paramref name="sinceUtc"/> (the end of their previous visit, from the unread
    /// tracking): cases published since, and discussions they follow or wrote with replies they have not seen (the case
    /// row's ReplyCount against their read state, as lists do). One query, most recent activity first.
    /// </summary>
    public async Task<IReadOnlyList<SinceVisitItem>> SinceVisitAsync(string memberId, DateTime sinceUtc, CancellationToken ct)
    {
        var follows = db.Set<CaseFollow>();
        var reads = db.Set<DiscussionRead>();
        var rows = await Visible
            .Where(c => c.PublishedUtc > sinceUtc
                        || (c.LastActivityUtc > sinceUtc && (c.AuthorId == memberId || follows.Any(f => f.MemberId == memberId && f.CaseId == c.Id))))
            .OrderByDescending(c => c.LastActivityUtc).ThenByDescending(c => c.Id)
            .Take(SinceVisitShown * 2)
            .Select(c => new
            {
                c.Id, c.Slug, c.Title, NewCase = c.PublishedUtc > sinceUtc, c.ReplyCount,
                Seen = reads.Where(r => r.MemberId == memberId && r.CaseId == c.Id).Select(r => (int?)r.SeenReplyCount).FirstOrDefault(),
                Mine = c.AuthorId == memberId,
            })
            .ToListAsync(ct);
        return rows
            .Select(r => new SinceVisitItem(r.Id, r.Slug, r.Title, r.NewCase && !r.Mine, Math.Max(0, r.ReplyCount - (r.Seen ?? 0))))
            .Where(r => r.NewCase || r.NewReplies > 0)
            .Take(SinceVisitShown).ToList();
    }

    /// <summary>Saved cases the member may still read, by key: (save instant, case id) strictly after the cursor.</summary>
    public async Task<SavedPage> SavedAsync(string memberId, string? after, CancellationToken ct)
    {
        var visible = Visible;
        var saves = db.Set<Bookmark>().AsNoTracking().Where(b => b.MemberId == memberId && visible.Any(c => c.Id == b.CaseId));
        if (ParseCursor(after) is { } cursor)
            saves = saves.Where(b => b.CreatedUtc < cursor.At || (b.CreatedUtc == cursor.At && b.CaseId < cursor.CaseId));
        var page = await saves.OrderByDescending(b => b.CreatedUtc).ThenByDescending(b => b.CaseId)
            .Select(b => new { b.CaseId, b.CreatedUtc }).Take(BrowseQueries.PageSize + 1).ToListAsync(ct);
        var shown = page.Take(BrowseQueries.PageSize).ToList();
        var ids = shown.Select(p => p.CaseId).ToList();
        var rows = (await browse.Project(visible.Where(c => ids.Contains(c.Id))).ToListAsync(ct)).ToDictionary(r => r.Id);
        var ordered = shown.Where(p => rows.ContainsKey(p.CaseId)).Select(p => rows[p.CaseId]).ToList();
        var next = page.Count > BrowseQueries.PageSize
            ? $"{shown[^1].CreatedUtc.Ticks.ToString(CultureInfo.InvariantCulture)}-{shown[^1].CaseId.ToString(CultureInfo.InvariantCulture)}"
            : null;
        return new SavedPage(await browse.WithTagsAsync(ordered, ct), next);
    }

    private static (DateTime At, int CaseId)? ParseCursor(string? value)
    {
        var parts = (value ?? "").Split('-');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (new DateTime(ticks, DateTimeKind.Utc), id) : null;
    }

    /// <summary>Stops following a tag for the digest (the dashboard's unfollow); nothing else of the preferences changes.</summary>
    public async Task<int> UnfollowTagAsync(string memberId, int tagId, CancellationToken ct)
    {
        var removed = await db.Set<DigestFollowedTag>().Where(t => t.MemberId == memberId && t.TagId == tagId).ExecuteDeleteAsync(ct);
        followed.Evict(memberId);   // a bulk delete bypasses SaveChanges and its FollowedTagsEffect
        return removed;
    }
}
