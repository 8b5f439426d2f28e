using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>One notification as shown: the byline comes from <see cref="Bylines"/> (a pseudonym never leads to the account).</summary>
/// <param name="Text">The moderators' latest message, for <see cref="NotificationKind.ModeratorMessage"/> only (it is addressed to this member).</param>
public sealed record NotificationRow(int Id, NotificationKind Kind, int CaseId, string? CaseTitle, string Url, Byline? By, DateTime CreatedUtc, bool Unread,
    string? Text = null);

/// <summary>A notification in the member's export: no case or target id when the page would not show them now.</summary>
public sealed record ExportedNotification(string Kind, int? CaseId, int? TargetId, DateTime CreatedUtc, DateTime? ReadUtc);

public sealed record ExportedRead(int CaseId, int LastReadReplyId, DateTime ReadUtc);

/// <summary>
/// What the page lists for one discussion: its notifications of one kind, unread ones apart from read ones, told once
/// ("3 nouvelles réponses"). <see cref="Url"/> leads to the oldest of them (the first unread reply); <see cref="By"/> are
/// their writers' bylines, oldest first, each once; <see cref="LatestUtc"/> dates the newest. A moderators' message is a
/// line of its own (each carries its text).
/// </summary>
public sealed record NotificationLine(NotificationKind Kind, int Count, string Url, IReadOnlyList<Byline?> By, DateTime LatestUtc, bool Unread,
    string? Text)
{
    /// <summary>How many writers a line names; more are counted ("and 2 others").</summary>
    public const int NamedWriters = 3;

    /// <summary>The lines of one discussion's notifications (<paramref name="rows"/> newest first), newest line first.</summary>
    public static IReadOnlyList<NotificationLine> Of(IReadOnlyList<NotificationRow> rows) =>
        rows.GroupBy(r => (r.Kind, r.Unread, Own: r.Kind == NotificationKind.ModeratorMessage ? r.Id : 0))
            .Select(g => new NotificationLine(g.Key.Kind, g.Count(), g.Last().Url,
                g.Reverse().Select(r => r.By).DistinctBy(b => b?.Name).ToList(), g.First().CreatedUtc, g.Key.Unread, g.First().Text))
            .ToList();
}

/// <summary>
/// The notifications of one discussion as lines (<see cref="NotificationLine"/>), newest first; groups are ordered by
/// their newest notification. Title and link are null when the case is no longer shown to the member (only the
/// moderators' messages are then listed).
/// </summary>
public sealed record NotificationGroup(int CaseId, string? CaseTitle, string? CaseUrl, IReadOnlyList<NotificationLine> Lines)
{
    public int UnreadCount => Lines.Count(l => l.Unread);
}

/// <summary>
/// Reads a member's notifications as the site shows things now: a notification whose case or reply is no longer
/// published (hidden, deleted, awaiting review) is not shown nor counted, except the author's own rejected post; titles
/// are read at display time, so a redacted title shows redacted.
/// </summary>
public sealed class NotificationQueries(CommunityDbContext db, UnreadCounts counts, Cases.CaseMarksCache marks)
{
    public const int PageSize = 100;

    /// <summary>The rows of <paramref name="memberId"/> that may be shown to them now.</summary>
    private IQueryable<Notification> Shown(string memberId)
    {
        var cases = db.Set<Case>();
        var replies = db.Set<Reply>();
        var followUps = db.Set<FollowUp>();
        var threads = db.Set<Messages.MessageThread>();
        return db.Set<Notification>().AsNoTracking().Where(n => n.RecipientId == memberId)
            // What moderators did to the member's own case is shown to them while the case exists, whatever its state.
            // The moderators' messages are addressed to the member, whatever became of the case: a reply's author on a
            // case hidden since still gets them (the title is then not shown, see GroupsAsync).
            .Where(n => n.Kind == NotificationKind.ModeratorMessage || cases.Any(c => c.Id == n.CaseId && (c.Status == CaseStatus.Published
                || (c.AuthorId == memberId && c.Status != CaseStatus.Deleted
                    && ((n.Kind >= NotificationKind.CaseApproved && n.Kind <= NotificationKind.CaseRetagged)
                        || n.Kind == NotificationKind.CaseAutoHidden)))))
            .Where(n => !(n.Kind == NotificationKind.Reply || n.Kind == NotificationKind.Mention || n.Kind == NotificationKind.ReplyApproved)
                || replies.Any(r => r.Id == n.TargetId && r.Status == ReplyStatus.Published))
            .Where(n => !(n.Kind == NotificationKind.ReplyRejected || n.Kind == NotificationKind.ReplyHidden || n.Kind == NotificationKind.ReplyRedacted
                    || n.Kind == NotificationKind.ReplyAutoHidden)
                || replies.Any(r => r.Id == n.TargetId && r.AuthorId == memberId && r.Status != ReplyStatus.Deleted))
            // "This helped me" while the mark stays and the reply is shown.
            .Where(n => n.Kind != NotificationKind.ReplyHelped
                || replies.Any(r => r.Id == n.TargetId && r.Status == ReplyStatus.Published && r.MarkedHelpfulUtc != null))
            .Where(n => n.Kind != NotificationKind.ModeratorMessage || threads.Any(t => t.Id == n.TargetId && t.MemberId == memberId))
            .Where(n => n.Kind != NotificationKind.FollowUp || followUps.Any(f => f.Id == n.TargetId));
    }

    /// <summary>
    /// Every notification of the member, for their data export, as the page would show it now: the case and the target
    /// only where the page lists the notification and shows the case. One about a case or reply hidden since keeps its
    /// kind and dates, never the id of what the member can no longer see.
    /// </summary>
    public async Task<IReadOnlyList<ExportedNotification>> ExportAsync(string memberId, CancellationToken ct = default)
    {
        var listed = Shown(memberId).Select(n => n.Id);
        var cases = db.Set<Case>().ShownToMember(memberId);
        var rows = await db.Set<Notification>().AsNoTracking().Where(n => n.RecipientId == memberId)
            .OrderBy(n => n.CreatedUtc).ThenBy(n => n.Id)
            .Select(n => new { n.Kind, n.CaseId, n.TargetId, n.CreatedUtc, n.ReadUtc,
                Listed = listed.Contains(n.Id), CaseShown = cases.Any(c => c.Id == n.CaseId) })
            .ToListAsync(ct);
        return rows.Select(r => new ExportedNotification(r.Kind.ToString(), r.Listed && r.CaseShown ? r.CaseId : null,
            r.Listed ? r.TargetId : null, r.CreatedUtc, r.ReadUtc)).ToList();
    }

    /// <summary>How far the member read each discussion, for their export: only the cases they may still see.</summary>
    public async Task<IReadOnlyList<ExportedRead>> ExportReadsAsync(string memberId, CancellationToken ct = default)
    {
        var cases = db.Set<Case>().ShownToMember(memberId);
        return await db.Set<DiscussionRead>().AsNoTracking().Where(r => r.MemberId == memberId && cases.Any(c => c.Id == r.CaseId))
            .OrderBy(r => r.CaseId).Select(r => new ExportedRead(r.CaseId, r.LastReadReplyId, r.ReadUtc)).ToListAsync(ct);
    }

    /// <summary>
    /// The header's count: the unread lines the page shows (<see cref="NotificationLine"/>: one per discussion and kind,
    /// each moderators' message apart), not the rows behind them. One indexed query over the member's unread rows.
    /// </summary>
    public Task<int> UnreadCountAsync(string memberId, CancellationToken ct = default) =>
        Shown(memberId).Where(n => n.ReadUtc == null)
            .Select(n => new { n.CaseId, n.Kind, Own = n.Kind == NotificationKind.ModeratorMessage ? n.TargetId : 0 })
            .Distinct().CountAsync(ct);

    public async Task<IReadOnlyList<NotificationGroup>> GroupsAsync(string memberId, CancellationToken ct = default)
    {
        var members = db.Set<Member>();
        var messages = db.Set<Messages.ModeratorMessage>();
        var (replies, followUps) = (db.Set<Reply>(), db.Set<FollowUp>());
        var rows = await Shown(memberId)
            .OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id).Take(PageSize)
            .Join(db.Set<Case>(), n => n.CaseId, c => c.Id, (n, c) => new
            {
                n.Id, n.Kind, n.CaseId, n.TargetId, n.ActorId, n.CreatedUtc, n.ReadUtc, c.Title, c.Slug, c.AuthorId, c.Pseudonym,
                // Their own case in any state but deleted; someone else's only while it is published (as MessageQueries).
                Shown = c.Status == CaseStatus.Published || (c.AuthorId == memberId && c.Status != CaseStatus.Deleted),
                // The display name behind a pseudonym is never read: the byline rule would not show it anyway.
                ActorName = c.Pseudonym != null && n.ActorId == c.AuthorId ? null
                    : members.Where(m => m.Id == n.ActorId).Select(m => m.DisplayName).FirstOrDefault(),
                // The pseudonymous author's own post, their account erased since: still the pseudonym (Bylines).
                KeepsPseudonym = n.ActorId == null && c.Pseudonym != null
                    && (n.Kind == NotificationKind.FollowUp ? followUps.Any(f => f.Id == n.TargetId && f.KeepsPseudonym)
                        : (n.Kind == NotificationKind.Reply || n.Kind == NotificationKind.Mention) && replies.Any(x => x.Id == n.TargetId && x.KeepsPseudonym)),
                Text = n.Kind != NotificationKind.ModeratorMessage ? null
                    : messages.Where(m => m.ThreadId == n.TargetId && !m.FromMember).OrderByDescending(m => m.Id).Select(m => m.Body).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.CaseId).Select(g =>
        {
            var first = g.First();
            var caseUrl = first.Shown ? CaseUrls.Read(first.CaseId, first.Slug) : null;
            return new NotificationGroup(first.CaseId, first.Shown ? first.Title : null, caseUrl, NotificationLine.Of(g.Select(r => new NotificationRow(
                r.Id, r.Kind, r.CaseId, r.Shown ? r.Title : null, UrlOf(r.Kind, r.CaseId, caseUrl ?? "/account#my-cases", r.TargetId),
                r.ActorId is null && r.Kind is not (NotificationKind.Reply or NotificationKind.Mention or NotificationKind.FollowUp) ? null
                    : Bylines.ForPost(new CaseAuthorship(r.AuthorId, r.Pseudonym), r.ActorId, r.ActorName, r.KeepsPseudonym),
                r.CreatedUtc, r.ReadUtc is null, r.Text)).ToList()));
        }).ToList();
    }

    private static string UrlOf(NotificationKind kind, int caseId, string caseUrl, int targetId) => kind switch
    {
        // The permalink: lands on the reply's page of a long discussion.
        NotificationKind.Reply or NotificationKind.Mention or NotificationKind.ReplyApproved or NotificationKind.ReplyHidden
            or NotificationKind.ReplyRedacted or NotificationKind.ReplyHelped or NotificationKind.ReplyAutoHidden => CaseUrls.Reply(caseId, targetId),
        NotificationKind.FollowUp => $"{caseUrl}#follow-up-{targetId}",
        NotificationKind.ModeratorMessage => Messages.MessageUrls.Member(targetId),
        NotificationKind.CaseRejected or NotificationKind.ReplyRejected or NotificationKind.CaseHidden or NotificationKind.CaseAutoHidden => "/account#my-cases",
        _ => caseUrl,
    };

    public async Task<int> MarkReadAsync(string memberId, int? caseId, DateTime nowUtc, CancellationToken ct = default)
    {
        var marked = await db.Set<Notification>().Where(n => n.RecipientId == memberId && n.ReadUtc == null && (caseId == null || n.CaseId == caseId))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, nowUtc), ct);
        counts.Evict(memberId);   // autocommitted: the header shows the new count at once
        marks.Evict(memberId);
        return marked;
    }
}
