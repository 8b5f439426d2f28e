using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

/// <summary>Where a batch ended, in the (due instant, member id) order of the due index; the next batch starts after it.</summary>
public sealed record DueCursor(DateTime DueUtc, string MemberId);

/// <param name="LastSeenUtc">When the member was last seen on the site (unread tracking's visit row), null if never.</param>
public sealed record DueDigest(string MemberId, DateTime DueUtc, DigestFrequency Frequency, DateTime? LastPeriodEndUtc, DateTime? LastSeenUtc)
{
    public DueCursor Cursor => new(DueUtc, MemberId);
}

/// <summary>
/// Reads the digests that are due, a batch at a time, and who they are for. Batches are read in index order
/// (NextDigestDueUtc, MemberId) after a cursor, not "the first still due": the planner reads batch k+1 while batch k is
/// being written, and a batch must not come back before its schedules moved.
/// </summary>
public sealed class DueDigests(CommunityDbContext db, IOptions<DigestOptions> options)
{
    public async Task<List<DueDigest>> NextAsync(DateTime now, DueCursor? after, CancellationToken cancellationToken)
    {
        var due = db.Set<DigestPreference>().AsNoTracking()
            .Where(p => p.NextDigestDueUtc != null && p.NextDigestDueUtc <= now && p.Frequency != DigestFrequency.Never && p.MailPausedUtc == null);
        if (after is { } c)
            due = due.Where(p => p.NextDigestDueUtc >= c.DueUtc   // a range on the index; the rest picks up after the member
                                 && (p.NextDigestDueUtc > c.DueUtc || string.Compare(p.MemberId, c.MemberId) > 0));
        var rows = await due
            .Join(db.Set<Member>().Where(m => m.EmailConfirmed), p => p.MemberId, m => m.Id, (p, m) => p)
            .OrderBy(p => p.NextDigestDueUtc).ThenBy(p => p.MemberId)
            .Take(options.Value.BatchSize)
            .Select(p => new { p.MemberId, Due = p.NextDigestDueUtc!.Value, p.Frequency, p.LastDigestPeriodEndUtc })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0) return [];
        // The visits of the chosen members only, in a second query: a subquery per row ran before the LIMIT.
        var ids = rows.Select(r => r.MemberId).ToList();
        var seen = await db.Set<MemberVisit>().AsNoTracking().Where(v => ids.Contains(v.MemberId))
            .ToDictionaryAsync(v => v.MemberId, v => v.LastSeenUtc, cancellationToken);
        return rows.Select(r => new DueDigest(r.MemberId, r.Due, r.Frequency, r.LastDigestPeriodEndUtc,
            seen.TryGetValue(r.MemberId, out var at) ? at : null)).ToList();
    }

    /// <summary>The recipients of a batch (address, name, language, followed tags) in two queries.</summary>
    public async Task<Dictionary<string, DigestRecipient>> RecipientsAsync(IReadOnlyCollection<string> memberIds, CancellationToken cancellationToken)
    {
        var ids = memberIds.ToList();
        var members = await db.Set<Member>().AsNoTracking().Where(m => ids.Contains(m.Id) && m.Email != null)
            .Select(m => new { m.Id, m.Email, m.DisplayName, m.PreferredCulture }).ToListAsync(cancellationToken);
        var tags = (await db.Set<DigestFollowedTag>().AsNoTracking().Where(t => ids.Contains(t.MemberId))
                .Select(t => new { t.MemberId, t.TagId }).ToListAsync(cancellationToken))
            .ToLookup(t => t.MemberId, t => t.TagId);
        return members.ToDictionary(m => m.Id,
            m => new DigestRecipient(m.Id, m.Email!, m.DisplayName, m.PreferredCulture, tags[m.Id].Order().ToList()));
    }
}
