using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

/// <summary>Loads or creates a member's preference row (tracked) for the pages that change it.</summary>
public sealed class DigestPreferences(CommunityDbContext db, DigestSchedule schedule, TimeProvider clock)
{
    public async Task<DigestPreference> GetOrCreateAsync(string memberId, CancellationToken cancellationToken)
    {
        var preference = await db.Set<DigestPreference>().Include(p => p.FollowedTags)
            .FirstOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        if (preference is not null) return preference;
        preference = DigestPreference.For(memberId);
        db.Set<DigestPreference>().Add(preference);
        return preference;
    }

    public async Task SaveAsync(string memberId, DigestFrequency frequency, IEnumerable<int> tagIds, bool replyNotifications, CancellationToken cancellationToken)
    {
        var preference = await GetOrCreateAsync(memberId, cancellationToken);
        var known = await db.Set<Taxonomy.Tag>().Where(t => tagIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        preference.Change(frequency, known, replyNotifications, schedule.NextDue(frequency, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The offer made after posting ("a weekly summary of the tensions you chose?"), accepted with one click: a weekly
    /// digest for those tags. A digest already on keeps its frequency and gains the tags (one following every tag
    /// stays so). Only tensions and drift types count; none means every tag.
    /// </summary>
    public async Task AcceptOfferAsync(string memberId, IEnumerable<int> tagIds, CancellationToken cancellationToken)
    {
        var preference = await GetOrCreateAsync(memberId, cancellationToken);
        var ids = tagIds.ToList();
        var known = await db.Set<Taxonomy.Tag>()
            .Where(t => ids.Contains(t.Id) && (t.Kind == Taxonomy.TagKind.Tension || t.Kind == Taxonomy.TagKind.DriftType))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        var on = preference.Frequency != DigestFrequency.Never;
        var frequency = on ? preference.Frequency : DigestFrequency.Weekly;
        IEnumerable<int> followed = !on ? known
            : preference.FollowedTags.Count == 0 ? [] : preference.FollowedTags.Select(t => t.TagId).Union(known).ToList();
        preference.Change(frequency, followed, preference.ReplyNotifications, schedule.NextDue(frequency, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Returns false when the token's member no longer exists.</summary>
    public async Task<bool> UnsubscribeAsync(string memberId, MailList list, CancellationToken cancellationToken)
    {
        if (!await db.Set<Accounts.Member>().AnyAsync(m => m.Id == memberId, cancellationToken)) return false;
        var preference = await GetOrCreateAsync(memberId, cancellationToken);
        preference.Unsubscribe(list);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task ResumeMailAsync(string memberId, CancellationToken cancellationToken)
    {
        var preference = await GetOrCreateAsync(memberId, cancellationToken);
        preference.ResumeMail();
        await db.SaveChangesAsync(cancellationToken);
    }
}
