using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>A member's mail settings and the e-mails queued or sent to them; erasure deletes all of it.</summary>
internal sealed class DigestPersonalData(CommunityDbContext db) : IPersonalData
{
    public async Task<(string Section, object Data)> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var settings = await db.Set<DigestPreference>().AsNoTracking().Where(p => p.MemberId == memberId)
            .Select(p => new
            {
                Frequency = p.Frequency.ToString(), p.ReplyNotifications, FollowedTagIds = p.FollowedTags.Select(t => t.TagId).ToList(),
                p.LastDigestPeriodEndUtc, p.NextDigestDueUtc, p.MailPausedUtc, p.BounceCount,
            })
            .FirstOrDefaultAsync(cancellationToken);
        var mail = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MemberId == memberId).OrderBy(m => m.Id)
            .Select(m => new { Kind = m.Kind.ToString(), m.To, m.Subject, Status = m.Status.ToString(), m.CreatedUtc, m.SentUtc })
            .ToListAsync(cancellationToken);
        return ("mail", new { settings, mail });
    }

    public async Task EraseAsync(string memberId, CancellationToken cancellationToken)
    {
        await db.Set<OutboxMessage>().Where(m => m.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<DigestFollowedTag>().Where(t => t.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<DigestPreference>().Where(p => p.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
    }
}
