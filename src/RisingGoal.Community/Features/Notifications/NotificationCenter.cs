using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>
/// The one road for telling members what happened: every event writes in-site notifications first; the reply e-mail
/// (<see cref="ReplyNotifier"/>, batched per discussion and hour) is a delivery of those rows, to the members among
/// them who want mail. Only published content is ever announced, and only to members who may read it.
/// </summary>
public sealed class NotificationCenter(CommunityDbContext db, ReplyNotifier mail, TimeProvider clock,
    UnreadCounts counts, Cases.CaseMarksCache marks, ILogger<NotificationCenter> logger)
{
    /// <summary>
    /// A reply was published (posted directly, or approved by a moderator): the members it mentions, the case's author and
    /// its followers are told (never the replier). Returns for how many of them an e-mail was queued or batched.
    /// </summary>
    public async Task<int> ReplyPublishedAsync(int caseId, int replyId, CancellationToken ct = default)
    {
        var reply = await db.Set<Reply>().AsNoTracking()
            .Where(r => r.Id == replyId && r.CaseId == caseId && r.Status == ReplyStatus.Published)
            .Select(r => new { r.AuthorId }).FirstOrDefaultAsync(ct);
        var @case = await db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId && c.Status == CaseStatus.Published)
            .Select(c => new { c.AuthorId }).FirstOrDefaultAsync(ct);
        if (reply is null || @case is null) return 0;

        var followers = db.Set<CaseFollow>().Where(f => f.CaseId == caseId).Select(f => f.MemberId);
        var audience = await db.Set<Member>().AsNoTracking()
            .Where(m => m.Id != reply.AuthorId && (m.Id == @case.AuthorId || followers.Contains(m.Id)))
            .Select(m => m.Id).ToListAsync(ct);
        // A published case (members-only included) is readable by every signed-in member, so any member may be mentioned.
        // Whom the reply mentioned when it was written (held for review, it may be approved after a rename, or after
        // someone else took a name it mentions).
        var mentioned = (await db.Set<ReplyMention>().Where(m => m.ReplyId == replyId && m.MemberId != reply.AuthorId)
            .Select(m => m.MemberId).ToListAsync(ct)).ToHashSet();
        var rows = mentioned.Select(id => (id, NotificationKind.Mention))
            .Concat(audience.Where(id => !mentioned.Contains(id)).Select(id => (id, NotificationKind.Reply)));
        await AddAsync(rows, caseId, replyId, reply.AuthorId, refresh: false, ct);
        return await mail.NotifyReplyAsync(caseId, replyId, ct);
    }

    /// <summary>A follow-up was published on a case: the members who resonated with it are told (not its writer).</summary>
    public async Task FollowUpPublishedAsync(int caseId, int followUpId, CancellationToken ct = default)
    {
        var followUp = await db.Set<FollowUp>().AsNoTracking().Where(f => f.Id == followUpId && f.CaseId == caseId)
            .Select(f => new { f.AuthorId }).FirstOrDefaultAsync(ct);
        if (followUp is null || !await db.Set<Case>().AnyAsync(c => c.Id == caseId && c.Status == CaseStatus.Published, ct)) return;
        var resonated = await db.Set<Resonance>().AsNoTracking().Where(r => r.CaseId == caseId && r.MemberId != followUp.AuthorId)
            .Select(r => r.MemberId).ToListAsync(ct);
        await AddAsync(resonated.Select(id => (id, NotificationKind.FollowUp)), caseId, followUpId, followUp.AuthorId, refresh: false, ct);
    }

    /// <summary>
    /// A moderator approved or rejected the author's post held for review. Saved with the caller's changes (inside its
    /// transaction when there is one); a second decision on the same post brings the notification back as unread.
    /// </summary>
    public async Task DecisionAsync(string? authorId, TargetKind kind, int postId, bool approved, CancellationToken ct = default)
    {
        if (authorId is null) return;
        var caseId = kind == TargetKind.Case ? postId
            : await db.Set<Reply>().AsNoTracking().Where(r => r.Id == postId).Select(r => r.CaseId).FirstOrDefaultAsync(ct);
        if (caseId == 0) return;
        var what = (kind, approved) switch
        {
            (TargetKind.Case, true) => NotificationKind.CaseApproved,
            (TargetKind.Case, false) => NotificationKind.CaseRejected,
            (_, true) => NotificationKind.ReplyApproved,
            _ => NotificationKind.ReplyRejected,
        };
        await AddAsync([(authorId, what)], caseId, kind == TargetKind.Case ? 0 : postId, null, refresh: true, ct);
    }

    /// <summary>
    /// A moderator hid, redacted, locked or re-tagged the author's post: the author alone is told, by the moderation
    /// team (no moderator is named; nobody else learns whose post it was, a pseudonym's account included). A second
    /// action of the same kind on the same post brings the notification back as unread. Other actions tell nobody.
    /// </summary>
    public async Task ModeratedAsync(ModerationAction action, TargetKind kind, int caseId, int replyId, string? authorId,
        CancellationToken ct = default)
    {
        NotificationKind? what = (action, kind) switch
        {
            (ModerationAction.Hide, TargetKind.Case) => NotificationKind.CaseHidden,
            (ModerationAction.Hide, TargetKind.Reply) => NotificationKind.ReplyHidden,
            (ModerationAction.Redact, TargetKind.Case) => NotificationKind.CaseRedacted,
            (ModerationAction.Redact, TargetKind.Reply) => NotificationKind.ReplyRedacted,
            (ModerationAction.Lock, TargetKind.Case) => NotificationKind.CaseLocked,
            (ModerationAction.Retag, TargetKind.Case) => NotificationKind.CaseRetagged,
            (ModerationAction.AutoHide, TargetKind.Case) => NotificationKind.CaseAutoHidden,
            (ModerationAction.AutoHide, TargetKind.Reply) => NotificationKind.ReplyAutoHidden,
            _ => null,
        };
        if (what is null || authorId is null) return;
        await AddAsync([(authorId, what.Value)], caseId, kind == TargetKind.Reply ? replyId : 0, null, refresh: true, ct);
    }

    /// <summary>
    /// The moderators wrote to the member (<see cref="Messages.MessageThread"/>): one notification per thread, back to
    /// unread at each new message. It names no moderator; the page shows the latest message, signed by the team.
    /// </summary>
    public Task ModeratorMessageAsync(string memberId, int caseId, int threadId, CancellationToken ct = default) =>
        AddAsync([(memberId, NotificationKind.ModeratorMessage)], caseId, threadId, null, refresh: true, ct);

    /// <summary>
    /// The case's author marked a reply "This helped me": its author is told once per reply (taking the mark back and
    /// giving it again tells nothing new; the page shows it only while the mark stays). The actor is not stored: the
    /// page says "the author of the case", so a pseudonym's account is never named.
    /// </summary>
    public Task ReplyHelpedAsync(int caseId, int replyId, string? replyAuthorId, CancellationToken ct = default) =>
        replyAuthorId is null ? Task.CompletedTask
            : AddAsync([(replyAuthorId, NotificationKind.ReplyHelped)], caseId, replyId, null, refresh: false, ct);

    /// <summary>Writes the rows not there yet (one query to find them); <paramref name="refresh"/> marks existing ones unread again.</summary>
    private async Task AddAsync(IEnumerable<(string RecipientId, NotificationKind Kind)> wanted, int caseId, int targetId, string? actorId,
        bool refresh, CancellationToken ct)
    {
        var list = wanted.Distinct().ToList();
        if (list.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var recipients = list.Select(w => w.RecipientId).Distinct().ToList();
        var existing = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.CaseId == caseId && n.TargetId == targetId && recipients.Contains(n.RecipientId))
            .Select(n => new { n.RecipientId, n.Kind }).ToListAsync(ct);
        var there = existing.Select(e => (e.RecipientId, e.Kind)).ToHashSet();
        foreach (var (recipient, kind) in list.Where(w => !there.Contains(w)))
            db.Add(Notification.Of(recipient, kind, caseId, targetId, actorId, now));
        if (refresh && there.Count > 0)
            foreach (var (recipient, kind) in there)
                await db.Set<Notification>()
                    .Where(n => n.RecipientId == recipient && n.Kind == kind && n.CaseId == caseId && n.TargetId == targetId)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, (DateTime?)null).SetProperty(n => n.CreatedUtc, now), ct);
        // Bulk updates bypass the write effects. Inside a moderator's transaction this runs before the commit; the
        // decision itself moves CaseCache.Generation once committed, which drops any count read in between.
        if (refresh && there.Count > 0)
        {
            counts.Evict(there.Select(t => t.RecipientId));
            marks.Evict(there.Select(t => t.RecipientId));   // their case pages' "unread notifications here"
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (db.Database.CurrentTransaction is null)
        {
            // Two requests announcing the same event at once: the unique index kept one row each, which is the point.
            logger.LogDebug(ex, "Notifications for case {CaseId} target {TargetId} already written", caseId, targetId);
            db.ChangeTracker.Clear();
        }
    }
}
