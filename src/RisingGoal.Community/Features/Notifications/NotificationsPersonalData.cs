using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>
/// A member's notifications, read positions and visit times are theirs: exported, and erased with the account (the
/// foreign keys cascade too). Notifications told to others about what they wrote lose the link to them ("Former member").
/// </summary>
internal sealed class NotificationsPersonalData(CommunityDbContext db, NotificationQueries queries) : IPersonalData
{
    public async Task<(string Section, object Data)> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        // As the site shows them now: no id of a case or reply hidden since (the export is read outside the site).
        var notifications = await queries.ExportAsync(memberId, cancellationToken);
        var reads = await queries.ExportReadsAsync(memberId, cancellationToken);
        var visit = await db.Set<MemberVisit>().AsNoTracking().Where(v => v.MemberId == memberId)
            .Select(v => new { v.LastSeenUtc, v.PreviousVisitEndUtc }).FirstOrDefaultAsync(cancellationToken);
        return ("notifications", new { notifications, discussionsRead = reads, lastVisit = visit });
    }

    public async Task EraseAsync(string memberId, CancellationToken cancellationToken)
    {
        await db.Set<Notification>().Where(n => n.RecipientId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Notification>().Where(n => n.ActorId == memberId).ExecuteUpdateAsync(s => s.SetProperty(n => n.ActorId, (string?)null), cancellationToken);
        await db.Set<DiscussionRead>().Where(r => r.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<MemberVisit>().Where(v => v.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
    }
}
