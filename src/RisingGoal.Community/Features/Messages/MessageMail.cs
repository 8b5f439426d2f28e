using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Features.Messages;

/// <summary>
/// The e-mail delivery of a moderator message, to the post's author only, through the outbox (once per message). It
/// carries the moderators' text and a link to the conversation, not the case title nor any text of the post: those may be
/// redacted or hidden while the e-mail waits, and the conversation page shows them as they are now. A suspended member
/// has no session, so their mail has no link to that page: it says when they can answer there, and how to reach the
/// moderators until then (<see cref="ModerationContact"/>), whether they were suspended before it was written or while
/// it waited; a lift writes it back with its link (<see cref="RewriteQueuedAsync"/>).
/// </summary>
public sealed class MessageMail(CommunityDbContext db, MailComposer composer, IStringLocalizer<Strings> l, TimeProvider clock, IConfiguration configuration,
    ISuspensionCheck suspensions, ModerationContact contact)
{
    public const string KeyPrefix = "message:";

    public async Task<bool> QueueAsync(MessageThread thread, ModeratorMessage message, CancellationToken ct)
    {
        var suspension = await suspensions.ActiveAsync(thread.MemberId, ct);
        return await AuthorMail.QueueAsync(db, clock, thread.MemberId, KeyPrefix + message.Id,
            (email, name) => Compose(email, name, thread, message, suspension), ct);
    }

    /// <summary>
    /// At a suspension or its lift, in its transaction: the member's moderator messages not sent yet are written again,
    /// in the suspended form (<paramref name="suspension"/>) or, once lifted (null), in the ordinary one with its link,
    /// so no queued mail still says "suspended until" to a member who is not. One query reads them with their messages
    /// and threads, one the member; each is then replaced by its own conditional UPDATE (its text differs, and a message
    /// being sent at this very moment leaves as it was). Returns how many were.
    /// </summary>
    public async Task<int> RewriteQueuedAsync(string memberId, SuspensionNotice? suspension, CancellationToken ct)
    {
        var queued = await (from row in db.Set<OutboxMessage>().AsNoTracking()
                            where row.MemberId == memberId && row.Status == OutboxStatus.Pending && row.DedupeKey.StartsWith(KeyPrefix)
                            join m in db.Set<ModeratorMessage>().AsNoTracking() on row.DedupeKey equals KeyPrefix + m.Id.ToString()
                            join t in db.Set<MessageThread>().AsNoTracking() on m.ThreadId equals t.Id
                            select new { Row = row, Message = m, Thread = t }).ToListAsync(ct);
        if (queued.Count == 0) return 0;
        var mails = await AuthorMail.ComposeEachAsync(db, memberId, queued,
            (email, name, q) => Compose(email, name, q.Thread, q.Message, suspension), ct);
        var rewritten = 0;
        for (var i = 0; i < mails.Count; i++)
            if (await Outbox.TryReplacePendingAsync(db, queued[i].Row, mails[i], ct)) rewritten++;
        return rewritten;
    }

    private MimeMessage Compose(string email, string name, MessageThread thread, ModeratorMessage message, SuspensionNotice? suspension)
    {
        var about = thread.TargetKind == TargetKind.Case
            ? l["The moderators wrote to you about your case."].Value
            : l["The moderators wrote to you about your reply."].Value;
        List<string> paragraphs = [l["Hello {0},", name].Value, about, message.Body, l["— The moderators"].Value];
        if (suspension is null)
        {
            var baseUrl = (configuration["Community:PublicBaseUrl"] ?? "http://localhost").TrimEnd('/');
            return composer.Compose(email, name, l["A message from the moderators"].Value, paragraphs,
                (l["Read and answer"].Value, baseUrl + MessageUrls.Member(thread.Id)));
        }
        paragraphs.Add(l["Your account is suspended until {0}: you can read this conversation and answer it on the site once the suspension is over.",
            Dates.LongWithTime(suspension.EndsUtc)].Value);
        if (contact.InMail() is { } howToAnswer) paragraphs.Add(howToAnswer);
        return contact.RepliesReachModerators(composer.Compose(email, name, l["A message from the moderators"].Value, paragraphs));
    }
}

public static class MessageUrls
{
    public static string Member(int threadId) => $"/messages/{threadId}";
    public static string Staff(int threadId) => $"/moderation/messages/{threadId}";
    public static string Write(TargetKind kind, int id) => $"/moderation/messages/write/{kind.ToString().ToLowerInvariant()}/{id}";
}

/// <summary>
/// A moderator message holds no text of any post nor the case title (see <see cref="MessageMail"/>): a removal made
/// while it waits changes nothing in it, so it leaves as written instead of being withdrawn. Moderators often write to
/// the author and then hide the post: the author must still get the message.
/// </summary>
public sealed class MessageMailRecomposer() : KeptAsWrittenRecomposer(MessageMail.KeyPrefix);
