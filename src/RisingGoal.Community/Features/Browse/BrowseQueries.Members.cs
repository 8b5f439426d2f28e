using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Features.Browse;

/// <summary>
/// A member's public profile: cases published under the display name and replies. Nothing here reads a case
/// published under a pseudonym, nor replies the author left on such a case (they would tie the two together).
/// </summary>
public sealed partial class BrowseQueries
{
    public const int ProfileListSize = 50;

    public sealed record MemberCard(string Id, string DisplayName, DateTime CreatedUtc);

    /// <summary>
    /// By public display name whatever its case or spacing (Member.NormalizedDisplayName, unique and indexed: accented
    /// names fold too); null when nobody has it.
    /// </summary>
    public async Task<MemberCard?> MemberAsync(string displayName, CancellationToken ct = default)
    {
        var normalized = Member.NormalizeDisplayName(displayName);
        if (normalized.Length == 0 || normalized.Length > Member.DisplayNameMaxLength) return null;
        return await db.Set<Member>().AsNoTracking()
            .Where(m => m.NormalizedDisplayName == normalized)
            .Select(m => new MemberCard(m.Id, m.DisplayName, m.CreatedUtc))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The discussions the member replied on, one row each (their reply count and latest reply), most recent first:
    /// thirty replies to one case are one line, not thirty identical ones. Grouped in SQL, at most
    /// <see cref="ProfileListSize"/> rows.
    /// </summary>
    public async Task<IReadOnlyList<ProfileReplyRow>> MemberRepliesAsync(string memberId, bool signedIn, CancellationToken ct = default) =>
        await db.Set<Reply>().AsNoTracking()
            .Where(r => r.AuthorId == memberId && r.Status == ReplyStatus.Published)
            .Join(Visible(signedIn).Where(c => !(c.AuthorId == memberId && c.Pseudonym != null)),
                r => r.CaseId, c => c.Id, (r, c) => r)
            .GroupBy(r => r.CaseId)
            .Select(g => new { CaseId = g.Key, Count = g.Count(), LatestUtc = g.Max(r => r.CreatedUtc), LatestId = g.Max(r => r.Id) })
            .OrderByDescending(g => g.LatestUtc).ThenByDescending(g => g.CaseId)
            .Take(ProfileListSize)
            .Join(db.Set<Case>(), g => g.CaseId, c => c.Id, (g, c) => new { g, c.Slug, c.Title })
            .OrderByDescending(x => x.g.LatestUtc).ThenByDescending(x => x.g.CaseId)
            .Select(x => new ProfileReplyRow(x.g.LatestId, x.g.CaseId, x.Slug, x.Title, x.g.LatestUtc) { Count = x.g.Count })
            .ToListAsync(ct);
}
