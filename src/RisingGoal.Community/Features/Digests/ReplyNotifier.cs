using RisingGoal.Community.Infrastructure.Localization;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// E-mails the author and the followers of a case when someone replies: at most one message per discussion, member
/// and clock hour (the dedupe key carries the hour), only to confirmed addresses that want it and are not paused.
/// The Cases feature calls <see cref="NotifyReplyAsync"/> after saving a reply.
/// </summary>
public sealed class ReplyNotifier(CommunityDbContext db, MailComposer composer, MailLinks links, TimeProvider clock,
    IStringLocalizer<Strings> l, ILogger<ReplyNotifier> logger)
{
    /// <summary>Queues the notifications for one new reply; returns how many were queued. Safe to call twice.</summary>
    public async Task<int> NotifyReplyAsync(int caseId, int replyId, CancellationToken cancellationToken = default)
    {
        var reply = await db.Set<Reply>().AsNoTracking()
            .Where(x => x.Id == replyId && x.CaseId == caseId && x.Status == ReplyStatus.Published)
            .Select(x => new { x.AuthorId, x.BodyMarkdown, x.CreatedUtc }).FirstOrDefaultAsync(cancellationToken);
        var @case = await db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId && c.Status == CaseStatus.Published)
            .Select(c => new { c.Id, c.AuthorId, c.Title, c.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (reply is null || @case is null) return 0;

        var replier = await db.Set<Member>().AsNoTracking().Where(m => m.Id == reply.AuthorId).Select(m => m.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var followers = db.Set<CaseFollow>().Where(f => f.CaseId == caseId).Select(f => f.MemberId);
        var recipients = await db.Set<Member>().AsNoTracking()
            .Where(m => m.EmailConfirmed && m.Email != null && m.Id != reply.AuthorId && (m.Id == @case.AuthorId || followers.Contains(m.Id)))
            .Where(m => !db.Set<DigestPreference>().Any(p => p.MemberId == m.Id && (!p.ReplyNotifications || p.MailPausedUtc != null)))
            .Select(m => new { m.Id, m.Email, m.DisplayName, m.PreferredCulture })
            .ToListAsync(cancellationToken);

        var hour = reply.CreatedUtc.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        var queued = 0;
        foreach (var r in recipients)
        {
            var key = $"reply:{caseId}:{r.Id}:{hour}";
            if (await Outbox.ExistsAsync(db, key, cancellationToken)) continue;
            using (CultureScope.ForMember(r.PreferredCulture))
            {
                var excerpt = reply.BodyMarkdown.Length > 400 ? reply.BodyMarkdown[..400] + "…" : reply.BodyMarkdown;
                var message = composer.Compose(r.Email!, r.DisplayName, l["New reply on “{0}”", @case.Title],
                    [l["{0} replied in a discussion you take part in:", replier], excerpt],
                    (l["Read the discussion"], links.Absolute(CaseUrls.Read(@case.Id, @case.Slug))),
                    l["You receive this because you wrote or follow this case. Stop reply notifications: {0}", links.Unsubscribe(r.Id, MailList.Replies)]);
                links.AddListHeaders(message, r.Id, MailList.Replies);
                Outbox.Add(db, OutboxKind.Notification, r.Id, key, message, clock.GetUtcNow().UtcDateTime);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }
            catch (DbUpdateException ex)
            {
                // Another request queued the same (discussion, member, hour) first: that one is enough.
                logger.LogDebug(ex, "Reply notification {Key} already queued", key);
                db.ChangeTracker.Clear();
            }
        }
        return queued;
    }
}
