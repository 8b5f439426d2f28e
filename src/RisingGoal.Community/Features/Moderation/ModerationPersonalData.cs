using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Flags a member raised and suspensions they received. Erasure deletes both, and the moderation log keeps every
/// action but no longer points to the member (neither as the moderator who acted nor as the member acted upon); the
/// public log then says "a former moderator".
/// </summary>
internal sealed class ModerationPersonalData(CommunityDbContext db) : IPersonalData
{
    public async Task<(string Section, object Data)> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        // A flag names its post only while the member may still see it (never the ids of a post hidden since, often
        // because of the flags): the export is read outside the site, as for their marks and notifications.
        var cases = db.Set<Case>().ShownToMember(memberId).Select(c => c.Id);
        var replies = db.Set<Reply>().Where(r => r.Status == ReplyStatus.Published).Select(r => r.Id);
        var flags = (await db.Set<Flag>().AsNoTracking().Where(f => f.MemberId == memberId)
            .OrderBy(f => f.CreatedUtc)
            .Select(f => new
            {
                f.TargetKind, f.TargetId, f.CaseId, f.Reason, f.Text, f.CreatedUtc, f.ResolvedUtc,
                Shown = cases.Contains(f.CaseId) && (f.TargetKind != TargetKind.Reply || replies.Contains(f.TargetId)),
            })
            .ToListAsync(cancellationToken))
            .Select(f => new
            {
                Kind = f.TargetKind.ToString(), TargetId = f.Shown ? f.TargetId : (int?)null, CaseId = f.Shown ? f.CaseId : (int?)null,
                Reason = f.Reason.ToString(), f.Text, f.CreatedUtc, f.ResolvedUtc,
            }).ToList();
        var suspensions = await db.Set<Suspension>().AsNoTracking().Where(s => s.MemberId == memberId)
            .OrderBy(s => s.StartsUtc)
            .Select(s => new { s.StartsUtc, s.EndsUtc, s.Reason, s.LiftedUtc })
            .ToListAsync(cancellationToken);
        return ("moderation", new { flags, suspensions });
    }

    public async Task EraseAsync(string memberId, CancellationToken cancellationToken)
    {
        await db.Set<Flag>().Where(f => f.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Suspension>().Where(s => s.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Suspension>().Where(s => s.ModeratorId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ModeratorId, (string?)null), cancellationToken);
        await db.Set<ModerationLogEntry>().Where(e => e.ModeratorId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ModeratorId, (string?)null).SetProperty(e => e.ModeratorName, ModerationLogEntry.FormerModeratorName), cancellationToken);
        await db.Set<ModerationLogEntry>().Where(e => e.SubjectMemberId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SubjectMemberId, (string?)null), cancellationToken);
    }
}
