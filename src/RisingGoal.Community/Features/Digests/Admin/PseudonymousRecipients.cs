using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Messages;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests.Admin;

/// <summary>
/// Which outbox messages go to an author about a post they wrote under a pseudonym: a moderation decision, a moderator
/// message, a reply notification of their discussion. Their address, next to the time the public log shows the post, would
/// unmask the author without a logged reveal, so staff pages show no address for them. Decided when the page is read, from
/// the dedupe key and the case as it is now: messages queued before this rule, and a case put under a pseudonym later,
/// are covered too.
/// </summary>
public static class PseudonymousRecipients
{
    public sealed record Mail(long Id, string? MemberId, string DedupeKey);

    /// <summary>What the outbox page may count of a masked message: never its id, address or time to the second.</summary>
    public sealed record Masked(long Id, OutboxKind Kind, string MemberId, OutboxStatus Status, DateTime CreatedUtc);

    /// <summary>
    /// Every masked message of the outbox. Only keys of mail about a post can be masked (a moderation decision, a
    /// moderator message, a reply notification), so the scan reads those keys alone, projected.
    /// </summary>
    public static async Task<List<Masked>> AllAsync(CommunityDbContext db, CancellationToken cancellationToken)
    {
        var candidates = await Candidates(db)
            .Select(m => new { m.Id, m.Kind, m.MemberId, m.DedupeKey, m.Status, m.CreatedUtc })
            .ToListAsync(cancellationToken);
        var masked = await AmongAsync(db, candidates.Select(m => new Mail(m.Id, m.MemberId, m.DedupeKey)).ToList(), cancellationToken);
        return candidates.Where(m => masked.Contains(m.Id)).Select(m => new Masked(m.Id, m.Kind, m.MemberId!, m.Status, m.CreatedUtc)).ToList();
    }

    /// <summary>
    /// The mail that may be masked, read through the recipient's index: only the author of a case under a pseudonym can
    /// receive masked mail (<see cref="Bylines.UnderPseudonym"/> asks both), so mail to everyone else, the bulk of the
    /// outbox's history, is never read (it was, every row about a post, on each view of the page).
    /// </summary>
    internal static IQueryable<OutboxMessage> Candidates(CommunityDbContext db)
    {
        // A join from the (few) authors, each one's mail sought by the index: an IN/EXISTS filter walked the outbox.
        var pseudonymousAuthors = db.Set<Case>().Where(c => c.Pseudonym != null && c.AuthorId != null).Select(c => c.AuthorId).Distinct();
        return pseudonymousAuthors
            .Join(db.Set<OutboxMessage>().AsNoTracking(), authorId => authorId, m => m.MemberId, (_, m) => m)
            .Where(m => m.DedupeKey.StartsWith(AuthorMail.KeyPrefix) || m.DedupeKey.StartsWith(MessageMail.KeyPrefix)
                || m.DedupeKey.StartsWith(ReplyBatching.AnyKeyPrefix));
    }

    /// <summary>The ids, among <paramref name="mails"/>, whose recipient must not be shown.</summary>
    public static async Task<HashSet<long>> AmongAsync(CommunityDbContext db, IReadOnlyCollection<Mail> mails, CancellationToken cancellationToken)
    {
        var addressed = mails.Where(m => m.MemberId is not null).ToList();
        var caseIds = new Dictionary<long, int>();     // outbox id → the case the mail is about
        var replyOf = new Dictionary<long, int>();     // outbox id → reply id (its case read below)
        var messageOf = new Dictionary<long, int>();   // outbox id → moderator message id (its thread's case read below)
        foreach (var mail in addressed)
        {
            if (AuthorMail.Parse(mail.DedupeKey) is var (_, kind, postId))
            {
                if (kind == TargetKind.Case) caseIds[mail.Id] = postId;
                else replyOf[mail.Id] = postId;
            }
            else if (mail.DedupeKey.StartsWith(MessageMail.KeyPrefix, StringComparison.Ordinal)
                && int.TryParse(mail.DedupeKey[MessageMail.KeyPrefix.Length..], out var messageId))
                messageOf[mail.Id] = messageId;
            else if (ReplyBatching.CaseOf(mail.DedupeKey) is { } caseId)
                caseIds[mail.Id] = caseId;
        }

        var replyIds = replyOf.Values.Distinct().ToList();
        var replyCases = await db.Set<Reply>().AsNoTracking().Where(r => replyIds.Contains(r.Id))
            .Select(r => new { r.Id, r.CaseId }).ToDictionaryAsync(r => r.Id, r => r.CaseId, cancellationToken);
        foreach (var (id, replyId) in replyOf)
            if (replyCases.TryGetValue(replyId, out var caseId)) caseIds[id] = caseId;

        var messageIds = messageOf.Values.Distinct().ToList();
        var messageCases = await (from m in db.Set<ModeratorMessage>().AsNoTracking()
                                  join t in db.Set<MessageThread>() on m.ThreadId equals t.Id
                                  where messageIds.Contains(m.Id)
                                  select new { m.Id, t.CaseId }).ToDictionaryAsync(x => x.Id, x => x.CaseId, cancellationToken);
        foreach (var (id, messageId) in messageOf)
            if (messageCases.TryGetValue(messageId, out var caseId)) caseIds[id] = caseId;

        var ids = caseIds.Values.Distinct().ToList();
        // Projected: whole rows would bring each reply's and case's body along.
        var authorships = await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.Pseudonym != null)
            .Select(c => new { c.Id, c.AuthorId, c.Pseudonym })
            .ToDictionaryAsync(c => c.Id, c => new CaseAuthorship(c.AuthorId, c.Pseudonym), cancellationToken);
        return addressed
            .Where(m => caseIds.TryGetValue(m.Id, out var caseId) && authorships.TryGetValue(caseId, out var authorship)
                && Bylines.UnderPseudonym(authorship, m.MemberId))
            .Select(m => m.Id).ToHashSet();
    }
}
