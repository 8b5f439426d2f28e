using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

/// <summary>Sets the moderators' pick of a tension for the current weekly period (one per tension and period).</summary>
public sealed class DigestPicks(CommunityDbContext db, DigestSchedule schedule, TimeProvider clock)
{
    /// <summary>Returns false when the case is not published or the tag does not exist.</summary>
    public async Task<bool> ChooseAsync(int tagId, int caseId, string moderatorId, CancellationToken cancellationToken)
    {
        if (!await db.Set<Case>().AnyAsync(c => c.Id == caseId && c.Status == CaseStatus.Published, cancellationToken)
            || !await db.Set<Taxonomy.Tag>().AnyAsync(t => t.Id == tagId, cancellationToken))
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var week = schedule.PeriodEndingAt(DigestFrequency.Weekly, schedule.NextDue(DigestFrequency.Weekly, now)!.Value);
        var pick = await db.Set<DigestPick>().FirstOrDefaultAsync(p => p.TagId == tagId && p.PeriodStartUtc == week.StartUtc, cancellationToken);
        if (pick is null)
            db.Set<DigestPick>().Add(DigestPick.Choose(tagId, week.StartUtc, caseId, moderatorId, now));
        else
            pick.Replace(caseId, moderatorId, now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
