using Microsoft.EntityFrameworkCore;
using System.Globalization;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// Sets the moderators' pick of a tension for the current weekly period (one per tension and period). Every pick, from
/// the case page or the digest administration, is written to the moderation log in the same save.
/// </summary>
public sealed class DigestPicks(CommunityDbContext db, DigestSchedule schedule, TimeProvider clock)
{
    /// <summary>Returns false when the case is not published or the tag does not exist.</summary>
    public async Task<bool> ChooseAsync(int tagId, int caseId, string moderatorId, CancellationToken cancellationToken)
    {
        var authorId = await db.Set<Case>().Where(c => c.Id == caseId && c.Status == CaseStatus.Published)
            .Select(c => new { c.AuthorId }).FirstOrDefaultAsync(cancellationToken);
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var tagName = await db.Set<Taxonomy.Tag>().Where(t => t.Id == tagId).Select(t => en ? t.NameEn : t.NameFr).FirstOrDefaultAsync(cancellationToken);
        if (authorId is null || tagName is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var moderatorName = await db.Users.Where(m => m.Id == moderatorId).Select(m => m.DisplayName).FirstOrDefaultAsync(cancellationToken);
        db.Add(ModerationLogEntry.Record(new ModerationActor(moderatorId, moderatorName ?? ""), ModerationAction.PickForDigest,
            new ModerationTarget(TargetKind.Case, caseId, null, authorId.AuthorId), tagName, null, now));
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
