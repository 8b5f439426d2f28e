using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

public sealed record DigestCaseRow(int Id, string Slug, string Title, string Summary, string Author, int Resonances);

/// <param name="Helpful">Among the new replies, those the case's author marked "This helped me".</param>
public sealed record DigestDiscussionRow(int Id, string Slug, string Title, int NewReplies, int Helpful = 0);

public sealed record DigestFollowUpRow(int CaseId, string Slug, string Title, FollowUpStatus Status);

/// <summary>
/// The cases behind a member's own sections: those they follow and those they wrote under their name. A digest treats
/// the member's pseudonymous cases as anyone's (listed among new cases, in discussions and follow-ups only if followed):
/// its subject, shown with the address on the outbox page, and its content would otherwise differ from every other
/// reader's exactly where the member wrote under a pseudonym ("2 new cases" when everyone else got 3).
/// </summary>
public sealed record DigestMemberCases(IReadOnlyList<int> Followed, IReadOnlyList<int> Authored);

/// <summary>The reads behind a digest; every one keeps to published content and projects into rows.</summary>
public sealed class DigestQueries(CommunityDbContext db)
{
    private IQueryable<Case> Published => db.Set<Case>().AsNoTracking().Where(c => c.Status == CaseStatus.Published);

    public async Task<List<DigestCaseRow>> PicksAsync(IReadOnlyList<int> tagIds, DateTime weekStartUtc, DateTime sinceUtc, DateTime untilUtc, CancellationToken ct)
    {
        var picks = db.Set<DigestPick>().AsNoTracking()
            .Where(p => p.PeriodStartUtc == weekStartUtc && p.ChosenUtc < untilUtc && (p.ChosenUtc >= sinceUtc || sinceUtc <= p.PeriodStartUtc));
        if (tagIds.Count > 0) picks = picks.Where(p => tagIds.Contains(p.TagId));
        var caseIds = picks.Select(p => p.CaseId);
        return (await Rows(Published.Where(c => caseIds.Contains(c.Id)).OrderBy(c => c.Id)).ToListAsync(ct)).Select(x => x.Row).ToList();
    }

    public async Task<List<DigestCaseRow>> NewCasesAsync(DigestRecipient r, DateTime sinceUtc, DateTime untilUtc, List<int> exclude, int max, CancellationToken ct) =>
        (await NewCasesAsync(r.FollowedTagIds, sinceUtc, untilUtc, exclude, max, r.MemberId, ct)).Select(x => x.Row).ToList();

    /// <summary>
    /// New cases in the tags (none = all), most resonant first, with their author's id (none for a pseudonymous case, kept
    /// for everyone, its author included) so that a list shared by every member following the same tags can drop each
    /// member's own cases in memory; <paramref name="notBy"/> filters here.
    /// </summary>
    public async Task<List<(DigestCaseRow Row, string? AuthorId)>> NewCasesAsync(IReadOnlyList<int> followedTagIds, DateTime sinceUtc,
        DateTime untilUtc, List<int> exclude, int max, string? notBy, CancellationToken ct)
    {
        var cases = Published.Where(c => c.PublishedUtc >= sinceUtc && c.PublishedUtc < untilUtc && !exclude.Contains(c.Id));
        if (notBy is not null) cases = cases.Where(c => c.AuthorId != notBy || c.Pseudonym != null);
        if (followedTagIds.Count > 0)
        {
            var tagIds = followedTagIds.ToList();
            cases = cases.Where(c => c.Tags.Any(t => tagIds.Contains(t.TagId)));
        }
        var rows = await Rows(cases.OrderByDescending(c => c.ResonanceCount).ThenByDescending(c => c.PublishedUtc).ThenByDescending(c => c.Id)
                .Take(max))
            .ToListAsync(ct);
        return rows.Select(x => (x.Row, x.AuthorId)).ToList();
    }

    /// <summary>
    /// Cases the member wrote under their name or follows that received replies from others in the window (their own
    /// replies under a pseudonym count, as any follower's would). The member's cases are read
    /// first (two index lookups), then their replies in the window by (CaseId, CreatedUtc): an OR of "wrote" and
    /// "follows" in one WHERE made the database walk every published case, once per digest.
    /// </summary>
    public async Task<List<DigestDiscussionRow>> DiscussionsAsync(string memberId, DateTime sinceUtc, DateTime untilUtc, int max, CancellationToken ct) =>
        await DiscussionsAsync(memberId, await MemberCasesAsync(memberId, ct), sinceUtc, untilUtc, max, ct);

    public async Task<List<DigestDiscussionRow>> DiscussionsAsync(string memberId, DigestMemberCases mine, DateTime sinceUtc, DateTime untilUtc,
        int max, CancellationToken ct)
    {
        var ids = mine.Followed.Union(mine.Authored).ToList();
        if (ids.Count == 0) return [];
        var counts = await db.Set<Reply>().AsNoTracking()
            .Where(x => ids.Contains(x.CaseId) && x.CreatedUtc >= sinceUtc && x.CreatedUtc < untilUtc
                        && x.Status == ReplyStatus.Published
                        && (x.AuthorId != memberId || db.Set<Case>().Any(c => c.Id == x.CaseId && c.Pseudonym != null && c.AuthorId == memberId)))
            .GroupBy(x => x.CaseId)
            .Select(g => new { CaseId = g.Key, Count = g.Count(), Helpful = g.Count(x => x.MarkedHelpfulUtc != null) })
            .ToListAsync(ct);
        if (counts.Count == 0) return [];
        var withReplies = counts.Select(c => c.CaseId).ToList();
        var cases = await Published.Where(c => withReplies.Contains(c.Id))
            .Select(c => new { c.Id, c.Slug, c.Title })
            .ToDictionaryAsync(c => c.Id, ct);
        return counts.Where(c => cases.ContainsKey(c.CaseId))
            // Discussions where the author marked replies that helped them come first: they are the ones worth the visit.
            .OrderByDescending(c => c.Helpful).ThenByDescending(c => c.Count).ThenBy(c => c.CaseId)
            .Take(max)
            .Select(c => new DigestDiscussionRow(c.CaseId, cases[c.CaseId].Slug, cases[c.CaseId].Title, c.Count, c.Helpful))
            .ToList();
    }

    /// <summary>Follow-ups written in the window on cases the member follows (not their own, unless under a pseudonym).</summary>
    public async Task<List<DigestFollowUpRow>> FollowUpsAsync(string memberId, DateTime sinceUtc, DateTime untilUtc, int max, CancellationToken ct) =>
        await FollowUpsAsync(memberId, await MemberCasesAsync(memberId, ct), sinceUtc, untilUtc, max, ct);

    public async Task<List<DigestFollowUpRow>> FollowUpsAsync(string memberId, DigestMemberCases mine, DateTime sinceUtc, DateTime untilUtc,
        int max, CancellationToken ct)
    {
        var followed = mine.Followed.ToList();
        if (followed.Count == 0) return [];
        return await db.Set<FollowUp>().AsNoTracking()
            .Where(f => followed.Contains(f.CaseId) && f.CreatedUtc >= sinceUtc && f.CreatedUtc < untilUtc)
            .Join(Published, f => f.CaseId, c => c.Id, (f, c) => new { f.Id, c.Slug, c.Title, CaseId = c.Id, f.Status, f.AuthorId, c.Pseudonym })
            .Where(x => x.AuthorId != memberId || x.Pseudonym != null)
            .OrderByDescending(x => x.Id)
            .Take(max)
            .Select(x => new DigestFollowUpRow(x.CaseId, x.Slug, x.Title, x.Status))
            .ToListAsync(ct);
    }

    /// <summary>The ids of the cases a member follows and of those they wrote: two index lookups, read once per digest.</summary>
    public async Task<DigestMemberCases> MemberCasesAsync(string memberId, CancellationToken ct) => new(
        await db.Set<CaseFollow>().AsNoTracking().Where(f => f.MemberId == memberId).Select(f => f.CaseId).ToListAsync(ct),
        await db.Set<Case>().AsNoTracking().Where(c => c.AuthorId == memberId && c.Pseudonym == null).Select(c => c.Id).ToListAsync(ct));

    /// <summary>The same for a batch of members, in two queries (a planner batch reads them once, not twice per digest).</summary>
    public async Task<Dictionary<string, DigestMemberCases>> MemberCasesAsync(IReadOnlyCollection<string> memberIds, CancellationToken ct)
    {
        var ids = memberIds.ToList();
        var followed = (await db.Set<CaseFollow>().AsNoTracking().Where(f => ids.Contains(f.MemberId)).Select(f => new { f.MemberId, f.CaseId })
            .ToListAsync(ct)).ToLookup(f => f.MemberId, f => f.CaseId);
        var authored = (await db.Set<Case>().AsNoTracking().Where(c => c.AuthorId != null && ids.Contains(c.AuthorId) && c.Pseudonym == null).Select(c => new { c.AuthorId, c.Id })
            .ToListAsync(ct)).ToLookup(c => c.AuthorId!, c => c.Id);
        return ids.Distinct().ToDictionary(id => id, id => new DigestMemberCases(followed[id].ToList(), authored[id].ToList()));
    }

    private sealed record AuthoredRow(DigestCaseRow Row, string? AuthorId);

    private IQueryable<AuthoredRow> Rows(IQueryable<Case> cases)
    {
        var members = db.Set<Member>();
        return cases.Select(c => new AuthoredRow(new DigestCaseRow(
            c.Id, c.Slug, c.Title, c.Summary,
            Bylines.ForCase(new CaseAuthorship(null, c.Pseudonym),
                c.Pseudonym == null ? members.Where(m => m.Id == c.AuthorId).Select(m => m.DisplayName).FirstOrDefault() : null).Name ?? "",
            c.ResonanceCount), c.Pseudonym == null ? c.AuthorId : null));
    }
}
