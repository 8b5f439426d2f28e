using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Messages;

/// <summary>The author of a post, resolved on the server: <see cref="MemberId"/> never leaves this feature towards staff.</summary>
public sealed record PostAuthor(TargetKind Kind, int Id, int CaseId, string MemberId, bool UnderPseudonym);

/// <summary>
/// Moderators write to the author of a post, and the author answers. Each moderator message is one moderation log entry
/// (no text, no public trace of who the author is), one in-site notification and one e-mail through the outbox.
/// </summary>
public sealed class MessageService(CommunityDbContext db, TimeProvider clock, NotificationCenter notifications, MessageMail mail)
{
    /// <summary>The author of a case or reply that is not deleted, or null (no such post, or its author's account is gone).</summary>
    public async Task<PostAuthor?> AuthorOfAsync(TargetKind kind, int id, CancellationToken ct = default)
    {
        if (kind == TargetKind.Case)
            return await db.Set<Case>().AsNoTracking().Where(c => c.Id == id && c.Status != CaseStatus.Deleted && c.AuthorId != null)
                .Select(c => new PostAuthor(TargetKind.Case, c.Id, c.Id, c.AuthorId!, c.Pseudonym != null)).FirstOrDefaultAsync(ct);
        if (kind != TargetKind.Reply) return null;
        return await (from r in db.Set<Reply>().AsNoTracking()
                      join c in db.Set<Case>() on r.CaseId equals c.Id
                      where r.Id == id && r.Status != ReplyStatus.Deleted && c.Status != CaseStatus.Deleted && r.AuthorId != null
                      // The byline rule: the case author's replies in their own pseudonymous discussion are under the pseudonym.
                      select new PostAuthor(TargetKind.Reply, r.Id, r.CaseId, r.AuthorId!, c.Pseudonym != null && r.AuthorId == c.AuthorId))
            .FirstOrDefaultAsync(ct);
    }

    public Task<int?> ThreadOfAsync(TargetKind kind, int id, CancellationToken ct = default) =>
        db.Set<MessageThread>().AsNoTracking().Where(t => t.TargetKind == kind && t.TargetId == id).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);

    /// <summary>A moderator writes to the author of the post (a new thread, or the post's thread). Returns the thread, or null when the post has no author.</summary>
    public async Task<int?> WriteToAuthorAsync(ModerationActor actor, TargetKind kind, int id, string body, CancellationToken ct = default)
    {
        var author = await AuthorOfAsync(kind, id, ct);
        if (author is null) return null;
        var threadId = await ThreadOfAsync(kind, id, ct);
        if (threadId is null)
        {
            var thread = MessageThread.About(author, clock.GetUtcNow().UtcDateTime);
            db.Add(thread);
            try
            {
                await db.SaveChangesAsync(ct);
                threadId = thread.Id;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();   // another moderator opened it at the same moment: write into theirs
                threadId = await ThreadOfAsync(kind, id, ct);
                if (threadId is null) throw;
            }
        }
        await ModeratorWritesAsync(actor, threadId.Value, body, ct);
        return threadId;
    }

    /// <summary>A moderator writes in an existing thread: logged (no text), notified in the site and mailed, signed by the team.</summary>
    public async Task<bool> ModeratorWritesAsync(ModerationActor actor, int threadId, string body, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        ModeratorMessage message;
        MessageThread? thread;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            thread = await db.Set<MessageThread>().FirstOrDefaultAsync(t => t.Id == threadId, ct);
            if (thread is null) return false;
            thread.Wrote(byMember: false, now);
            message = ModeratorMessage.Of(thread.Id, fromMember: false, actor.MemberId, body, now);
            db.Add(message);
            var target = new ModerationTarget(thread.TargetKind, thread.CaseId, thread.TargetKind == TargetKind.Reply ? thread.TargetId : null, thread.MemberId);
            // Neither the text nor the member goes to the public log (PublicLog shows this action without its case).
            db.Add(ModerationLogEntry.Record(actor, ModerationAction.MessageAuthor, target, null, null, now));
            await db.SaveChangesAsync(ct);
            await mail.QueueAsync(thread, message, ct);
            await transaction.CommitAsync(ct);
        }
        // After the commit, as for approvals: the notification tolerates a concurrent duplicate, a transaction would not.
        await notifications.ModeratorMessageAsync(thread.MemberId, thread.CaseId, thread.Id, ct);
        return true;
    }

    /// <summary>
    /// The member answers in their thread. Suspended members may answer too (as Discourse lets them write to staff): a
    /// suspension is a matter to discuss with the moderators. Returns false when the thread is not theirs.
    /// </summary>
    public async Task<bool> MemberAnswersAsync(string memberId, int threadId, string body, CancellationToken ct = default)
    {
        var thread = await db.Set<MessageThread>().FirstOrDefaultAsync(t => t.Id == threadId && t.MemberId == memberId, ct);
        if (thread is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        thread.Wrote(byMember: true, now);
        db.Add(ModeratorMessage.Of(thread.Id, fromMember: true, null, body, now));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
