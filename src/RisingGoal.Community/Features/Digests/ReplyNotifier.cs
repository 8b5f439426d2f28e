using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MimeKit;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// The e-mail delivery of reply notifications: the members told in the site of a published reply
/// (<see cref="Notifications.NotificationCenter.ReplyPublishedAsync"/> writes those rows first: author, followers, mentioned
/// members) get it by mail when their address is confirmed, they want it and their mail is not paused. At most one message
/// per recipient and discussion per rolling hour (<see cref="ReplyBatching"/>): replies inside the hour are batched into one
/// message sent when the hour ends. Each message lists the replies it covers (a header), so calling twice for one reply is harmless.
/// </summary>
public sealed class ReplyNotifier(CommunityDbContext db, MailComposer composer, MailLinks links, TimeProvider clock,
    IStringLocalizer<Strings> l, ILogger<ReplyNotifier> logger, IDatabaseDialect dialect)
{
    /// <summary>Header naming the reply ids a notification covers (space separated).</summary>
    public const string RepliesHeader = "X-Community-Replies";

    private const int MaxAttempts = 64;

    private sealed record CaseInfo(int Id, string Title, string Slug, CaseAuthorship Authorship);
    private sealed record Recipient(string Id, string Email, string DisplayName, string? PreferredCulture);

    /// <summary>Queues (or adds to a waiting batch) the e-mails of one published reply's in-site notifications; returns for how many recipients.</summary>
    public async Task<int> NotifyReplyAsync(int caseId, int replyId, CancellationToken cancellationToken = default)
    {
        var reply = await db.Set<Reply>().AsNoTracking()
            .Where(x => x.Id == replyId && x.CaseId == caseId && x.Status == ReplyStatus.Published)
            .Select(x => new { x.AuthorId }).FirstOrDefaultAsync(cancellationToken);
        var @case = await db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId && c.Status == CaseStatus.Published)
            .Select(c => new { c.Id, c.AuthorId, c.Pseudonym, c.Title, c.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (reply is null || @case is null) return 0;
        var now = clock.GetUtcNow().UtcDateTime;

        // One road: whoever was told in the site of this reply, and only them.
        var told = db.Set<Notifications.Notification>()
            .Where(n => n.CaseId == caseId && n.TargetId == replyId
                && (n.Kind == Notifications.NotificationKind.Reply || n.Kind == Notifications.NotificationKind.Mention))
            .Select(n => n.RecipientId);
        var recipients = await db.Set<Member>().AsNoTracking()
            .Where(m => m.EmailConfirmed && m.Email != null && m.Id != reply.AuthorId && told.Contains(m.Id))
            .Where(m => !db.Set<DigestPreference>().Any(p => p.MemberId == m.Id && (!p.ReplyNotifications || p.MailPausedUtc != null)))
            // A suspended member keeps the in-site notification (read once they are back) but gets no mail meanwhile.
            .Where(m => !db.Set<Suspension>().ActiveAt(now).Any(s => s.MemberId == m.Id))
            .Select(m => new Recipient(m.Id, m.Email!, m.DisplayName, m.PreferredCulture))
            .ToListAsync(cancellationToken);

        var info = new CaseInfo(@case.Id, @case.Title, @case.Slug, new CaseAuthorship(@case.AuthorId, @case.Pseudonym));
        var count = 0;
        foreach (var r in recipients)
            if (await NotifyOneAsync(info, replyId, r, cancellationToken)) count++;
        return count;
    }

    private async Task<bool> NotifyOneAsync(CaseInfo @case, int replyId, Recipient r, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Each failed attempt means another writer got its reply in: bounded by how many write at once.
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // The last two messages are enough: a reply is covered by the message of its own window or the next one.
            var recent = await Outbox.LatestAsync(db, r.Id, ReplyBatching.KeyPrefix(@case.Id, r.Id), 2, cancellationToken);
            if (recent.Any(m => CoveredReplies(m).Contains(replyId))) return false;
            var latest = recent.FirstOrDefault();
            var waiting = latest is { Status: OutboxStatus.Pending, ClaimedBy: null };
            var plan = ReplyBatching.Plan(latest is null ? null : ReplyBatching.SlotOf(latest.DedupeKey) ?? latest.CreatedUtc, waiting, now);

            if (plan.Step == ReplyBatchStep.Join)
            {
                var ids = CoveredReplies(latest!).Append(replyId).Order().ToList();
                if (await Outbox.TryReplacePendingAsync(db, latest!, await ComposeAsync(@case, r, ids, batched: true, cancellationToken), cancellationToken))
                    return true;
                continue;   // another reply joined it, or the sender took it, meanwhile: read it again (taken: next window)
            }

            var message = await ComposeAsync(@case, r, [replyId], batched: plan.Step == ReplyBatchStep.Defer, cancellationToken);
            Outbox.Add(db, OutboxKind.Notification, r.Id, ReplyBatching.Key(@case.Id, r.Id, plan.SlotUtc), message, now, plan.SlotUtc);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException ex) when (dialect.IsUniqueViolation(ex))
            {
                // Another request wrote the message of this slot first: read it again and join it.
                logger.LogDebug(ex, "Reply notification slot for case {CaseId} already queued", @case.Id);
                db.ChangeTracker.Clear();
            }
        }
        logger.LogWarning("Reply {ReplyId} could not be added to a notification for member {MemberId}", replyId, r.Id);
        return false;
    }

    /// <summary>
    /// A message sent at once quotes the reply. A batched one (sent up to an hour later) names the repliers only:
    /// a reply hidden or redacted meanwhile is never quoted in a late e-mail.
    /// </summary>
    private async Task<MimeMessage> ComposeAsync(CaseInfo @case, Recipient r, List<int> replyIds, bool batched, CancellationToken cancellationToken)
    {
        var replies = await db.Set<Reply>().AsNoTracking().Where(x => replyIds.Contains(x.Id) && x.Status == ReplyStatus.Published)
            .OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.BodyMarkdown, x.AuthorId, x.KeepsPseudonym, Author = db.Set<Member>().Where(m => m.Id == x.AuthorId).Select(m => m.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var first = replies.Count > 0 ? replies[0].Id : replyIds[0];
        using (CultureScope.ForMember(r.PreferredCulture))
        {
            // Each replier as the page shows them: the case's pseudonymous author answering in their own discussion by
            // the pseudonym (kept after their erasure), a member whose account was erased since as "Former member"
            // (never an empty name, nor left out of the list), in the recipient's language.
            var names = string.Join(", ", replies.Select(x => Bylines.ForPost(@case.Authorship, x.AuthorId, x.Author, x.KeepsPseudonym).Name ?? l["Former member"].Value).Distinct());
            // The subject names no case: it is stored with the outbox row after sending, shown to administrators next to
            // the address, logged, and read on lock screens; a pseudonymous author's title there would tie it to them.
            // The title is in the body, which a redaction rebuilds while the mail waits and which is not kept after.
            // Counted from the replies still shown, not from those the mail once covered.
            var count = replies.Count > 0 ? replies.Count : replyIds.Count;
            string subject = l.Plural(count, "New reply in a discussion you take part in", "{0} new replies in a discussion you take part in");
            List<string> paragraphs;
            if (!batched && replies.Count == 1)
            {
                var body = replies[0].BodyMarkdown;
                paragraphs = [l["{0} replied on “{1}”:", names, @case.Title], body.Length > 400 ? body[..400] + "…" : body];
            }
            else if (count == 1)
                paragraphs = [l["{0} replied on “{1}”.", names, @case.Title]];
            else
                paragraphs = [l["{0} new replies on “{1}”, from {2}.", Numbers.Count(count), @case.Title, names]];
            var message = composer.Compose(r.Email, r.DisplayName, subject, paragraphs,
                (l["Read the discussion"], links.Absolute(CaseUrls.Reply(@case.Id, first))),
                l["You receive this because you wrote or follow this case. Stop reply notifications: {0}", links.Unsubscribe(r.Id, MailList.Replies)]);
            links.AddListHeaders(message, r.Id, MailList.Replies);
            message.Headers.Add(RepliesHeader, string.Join(' ', replyIds));
            return message;
        }
    }

    /// <summary>
    /// Rebuilds a queued notification after content was removed: names only the replies still published (never
    /// quotes), keeps every covered id so none is notified twice; null when nothing published is left to announce.
    /// </summary>
    public async Task<MimeMessage?> RecomposeAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        if (row.MemberId is not { } memberId || !TryParseKey(row.DedupeKey, out var caseId)) return null;
        var covered = CoveredReplies(row).Order().ToList();
        var stillShown = await db.Set<Reply>().AsNoTracking()
            .AnyAsync(x => covered.Contains(x.Id) && x.CaseId == caseId && x.Status == ReplyStatus.Published, cancellationToken);
        var @case = await db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId && c.Status == CaseStatus.Published)
            .Select(c => new CaseInfo(c.Id, c.Title, c.Slug, new CaseAuthorship(c.AuthorId, c.Pseudonym))).FirstOrDefaultAsync(cancellationToken);
        var recipient = await db.Set<Member>().AsNoTracking().Where(m => m.Id == memberId && m.Email != null)
            .Select(m => new Recipient(m.Id, m.Email!, m.DisplayName, m.PreferredCulture)).FirstOrDefaultAsync(cancellationToken);
        if (!stillShown || @case is null || recipient is null) return null;
        return await ComposeAsync(@case, recipient, covered, batched: true, cancellationToken);
    }

    public static bool HandlesKey(string dedupeKey) => TryParseKey(dedupeKey, out _);

    private static bool TryParseKey(string dedupeKey, out int caseId)
    {
        caseId = 0;
        var parts = dedupeKey.Split(':');
        return parts.Length == 4 && parts[0] == "reply" && int.TryParse(parts[1], out caseId);
    }

    private static HashSet<int> CoveredReplies(OutboxMessage row)
    {
        if (row.Mime.Length == 0) return [];
        try
        {
            using var stream = new MemoryStream(row.Mime);
            var value = HeaderList.Load(stream)[RepliesHeader] ?? "";
            return value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => int.TryParse(v, out var id) ? id : 0).Where(id => id > 0).ToHashSet();
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
