using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

public sealed record TagRow(TagKind Kind, string Slug, string Name);
public sealed record CaseReplyRow(int Id, Byline By, string? AuthorId, SafeHtml BodyHtml, DateTime CreatedUtc, DateTime? EditedUtc, bool Removed,
    bool AwaitingReview = false, int Version = 0)
{
    /// <summary>Marked by the case's author as having helped them (never shown for a removed or pending reply).</summary>
    public bool Helpful { get; init; }

    /// <summary>Refused by a moderator: a placeholder on staff's pages only, so never counted for paging (<see cref="ReplyPages.Counts"/>).</summary>
    public bool Refused { get; init; }
}
public sealed record FollowUpRow(int Id, Byline By, FollowUpStatus Status, SafeHtml BodyHtml, DateTime CreatedUtc);

/// <summary>Everything the case page shows. <see cref="AuthorId"/> is for permission checks only: never rendered.</summary>
public sealed record CaseView(
    int Id, string Slug, string Title, string Summary, SafeHtml BodyHtml, string? AuthorId, Byline By,
    SizeBand SizeBand, Sector Sector, Stage Stage, string? Region, int? OkrCyclesRun, AuthorRole AuthorRole,
    string? Outcome, string? OpenQuestion, CaseVisibility Visibility, DateTime? PublishedUtc, DateTime UpdatedUtc,
    int ResonanceCount, bool Locked, FollowUpStatus? LatestFollowUpStatus,
    IReadOnlyList<TagRow> Tags, IReadOnlyList<CaseReplyRow> Replies, IReadOnlyList<FollowUpRow> FollowUps,
    bool Resonated, bool Bookmarked, bool Following)
{
    public CaseStatus Status { get; init; } = CaseStatus.Published;
    public bool AwaitingReview => Status == CaseStatus.Pending;
    public bool Featured { get; init; }
    /// <summary>The concurrency token the moderator forms carry.</summary>
    public int Version { get; init; }
    /// <summary>The language the case is written in (<see cref="CaseLanguages"/>).</summary>
    public string Language { get; init; } = CaseLanguages.French;
    /// <summary>The reading member has edits of their own on this case awaiting review (read with their marks).</summary>
    public bool HasMyPendingEdits { get; init; }
    /// <summary>The reading member's read state of the discussion before this view (read with their marks: one round trip).</summary>
    public Notifications.DiscussionReadState? MemberReading { get; init; }
}

/// <summary>
/// Reads one case for its page: a few set-based queries, no N+1. What every reader of a kind sees alike (the case,
/// its tags, published replies and follow-ups) is kept in <see cref="CaseReadCache"/>; a signed-in member then costs
/// their own marks (resonance, bookmark, follow), whether they have something pending here (a reply or edits) and their
/// read state of the discussion (<see cref="CaseView.MemberReading"/>, for the page's unread tracking): one query, kept
/// per member (<see cref="CaseMarksCache"/>), so a page served from both caches builds no context at all.
/// </summary>
public sealed class CaseReader(OnDemandDb data, CaseReadCache cache, CaseMarksCache kept)
{
    private CommunityDbContext db => data.Context;

    /// <summary>
    /// The case as <paramref name="memberId"/> may see it: published (and visible to them), or awaiting review when they
    /// wrote it or are staff. Pending replies are shown only to their author and staff.
    /// </summary>
    public async Task<CaseView?> LoadAsync(int id, string? memberId, bool isStaff, DateTime nowUtc, CancellationToken ct)
    {
        if (isStaff) return await WithMarksAsync(await ComputeAsync(id, memberId, signedIn: true, isStaff: true, nowUtc, ct), memberId, ct);
        var signedIn = memberId is not null;
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var shared = await cache.GetOrComputeAsync($"case:{id}:{signedIn}:{culture}",
            () => ComputeAsync(id, memberId: null, signedIn, isStaff: false, nowUtc, ct),
            page => page is null ? 1 : (page.BodyHtml.Value.Length + page.Replies.Sum(r => (long)r.BodyHtml.Value.Length)) / 512 + 1, visitorsView: !signedIn);
        if (memberId is null) return shared;

        var marks = await MarksAsync(id, memberId, ct);
        // Their own case awaiting review, or their own reply awaiting review on it: a page nobody else sees.
        if (shared is null || marks.OwnPendingReply)
            return await WithMarksAsync(await ComputeAsync(id, memberId, signedIn: true, isStaff: false, nowUtc, ct), memberId, ct);
        return WithMarks(shared, marks);
    }

    /// <summary>
    /// The member's own marks on the case and their read state of its discussion, in one round trip (the case page
    /// sent a second query for the read state on every view). Compiled once: on a page served from the caches this is
    /// the request's only query, and translating its expression again on every view was a visible share of the CPU.
    /// </summary>
    private static readonly Func<CommunityDbContext, int, string, Task<CaseMarks?>> MarksQuery = EF.CompileAsyncQuery(
        (CommunityDbContext context, int id, string memberId) => context.Set<Case>().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CaseMarks(
                context.Set<Resonance>().Any(r => r.CaseId == id && r.MemberId == memberId),
                context.Set<Bookmark>().Any(b => b.CaseId == id && b.MemberId == memberId),
                context.Set<CaseFollow>().Any(f => f.CaseId == id && f.MemberId == memberId),
                context.Set<Reply>().Any(r => r.CaseId == id && r.AuthorId == memberId && r.Status == ReplyStatus.Pending),
                context.Set<PendingEdit>().Any(e => e.CaseId == id && e.AuthorId == memberId),
                // Scalar subqueries on the primary key (an object projection would need APPLY, which SQLite lacks).
                context.Set<Notifications.DiscussionRead>().Where(r => r.MemberId == memberId && r.CaseId == id).Select(r => (int?)r.LastReadReplyId).FirstOrDefault(),
                context.Set<Notifications.DiscussionRead>().Where(r => r.MemberId == memberId && r.CaseId == id).Select(r => (int?)r.SeenReplyCount).FirstOrDefault(),
                context.Set<Notifications.Notification>().Any(n => n.RecipientId == memberId && n.CaseId == id && n.ReadUtc == null)))
            .FirstOrDefault());

    private Task<CaseMarks> MarksAsync(int id, string memberId, CancellationToken ct) => kept.OfAsync(memberId, id, async () =>
    {
        ct.ThrowIfCancellationRequested();   // a compiled query takes no token; the one round trip is short
        return await MarksQuery(db, id, memberId) ?? CaseMarks.None;
    });

    private async Task<CaseView?> WithMarksAsync(CaseView? page, string? memberId, CancellationToken ct) =>
        page is null || memberId is null ? page : WithMarks(page, await MarksAsync(page.Id, memberId, ct));

    private static CaseView WithMarks(CaseView page, CaseMarks marks) => page with
    {
        Resonated = marks.Resonated, Bookmarked = marks.Bookmarked, Following = marks.Following, HasMyPendingEdits = marks.OwnPendingEdit,
        MemberReading = new Notifications.DiscussionReadState(marks.LastReadReplyId, marks.SeenReplyCount, marks.UnreadNotifications),
    };

    /// <summary>
    /// The page as a reader sees it: <paramref name="memberId"/> (null for the shared view) adds their own pending case
    /// and replies; <paramref name="signedIn"/> opens members-only cases. Marks are left false.
    /// </summary>
    private async Task<CaseView?> ComputeAsync(int id, string? memberId, bool signedIn, bool isStaff, DateTime nowUtc, CancellationToken ct)
    {
        var members = db.Set<Member>();
        var c = await db.Set<Case>().AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                Case = x,
                // A pseudonymous case never reads its author's display name at all.
                AuthorName = x.Pseudonym == null ? members.Where(m => m.Id == x.AuthorId).Select(m => m.DisplayName).FirstOrDefault() : null,
            })
            .FirstOrDefaultAsync(ct);
        if (c is null) return null;
        var k = c.Case;
        var visible = k.IsVisibleTo(signedIn, nowUtc) || (k.Status == CaseStatus.Pending && (isStaff || k.IsAuthor(memberId)));
        // Staff also open hidden cases, so they can unhide them from the case page.
        if (!(visible || (isStaff && k.Status == CaseStatus.Hidden))) return null;
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

        var tags = await db.Set<CaseTag>().AsNoTracking().Where(t => t.CaseId == id)
            .Join(db.Set<Tag>(), ct2 => ct2.TagId, t => t.Id, (_, t) => t)
            .OrderBy(t => t.Kind).ThenBy(t => t.SortOrder)
            .Select(t => new TagRow(t.Kind, t.Slug, en ? t.NameEn : t.NameFr))
            .ToListAsync(ct);

        var replies = await db.Set<Reply>().AsNoTracking()
            .Where(r => r.CaseId == id).ShownTo(memberId, isStaff)
            .OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.AuthorId, r.BodyHtml, r.CreatedUtc, r.EditedUtc, r.Status, r.Version, r.MarkedHelpfulUtc, r.KeepsPseudonym,
                Name = members.Where(m => m.Id == r.AuthorId).Select(m => m.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);

        var followUps = await db.Set<FollowUp>().AsNoTracking().Where(f => f.CaseId == id)
            .OrderBy(f => f.CreatedUtc).ThenBy(f => f.Id)
            .Select(f => new { f.Id, f.AuthorId, f.Status, f.BodyHtml, f.CreatedUtc, f.KeepsPseudonym,
                Name = members.Where(m => m.Id == f.AuthorId).Select(m => m.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);

        var authorship = new CaseAuthorship(k.AuthorId, k.Pseudonym);
        Byline By(string? authorId, string? name, bool keepsPseudonym) => Bylines.ForPost(authorship, authorId, name, keepsPseudonym);

        return new CaseView(k.Id, k.Slug, k.Title, k.Summary, SafeHtml.FromStoredBody(k.BodyHtml), k.AuthorId, Bylines.ForCase(authorship, c.AuthorName),
            k.SizeBand, k.Sector, k.Stage, k.Region, k.OkrCyclesRun, k.AuthorRole, k.Outcome, k.OpenQuestion, k.Visibility,
            k.PublishedUtc, k.UpdatedUtc, k.ResonanceCount, k.LockedUtc != null, k.LatestFollowUpStatus, tags,
            replies.Select(r => r.Status is ReplyStatus.Published or ReplyStatus.Pending
                ? new CaseReplyRow(r.Id, By(r.AuthorId, r.Name, r.KeepsPseudonym), r.AuthorId, SafeHtml.FromStoredBody(r.BodyHtml), r.CreatedUtc, r.EditedUtc, false,
                    r.Status == ReplyStatus.Pending, r.Version) { Helpful = r.MarkedHelpfulUtc != null && r.Status == ReplyStatus.Published }
                : new CaseReplyRow(r.Id, Byline.FormerMember, null, default, r.CreatedUtc, null, true, false, r.Version) { Refused = r.Status == ReplyStatus.Rejected }).ToList(),
            followUps.Select(f => new FollowUpRow(f.Id, By(f.AuthorId, f.Name, f.KeepsPseudonym), f.Status, SafeHtml.FromStoredBody(f.BodyHtml), f.CreatedUtc)).ToList(),
            Resonated: false, Bookmarked: false, Following: false)
        { Status = k.Status, Featured = k.FeaturedUtc != null, Version = k.Version, Language = k.Language };
    }
}
