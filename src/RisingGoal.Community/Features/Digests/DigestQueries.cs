using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

public sealed record DigestCaseRow(int Id, string Slug, string Title, string Summary, string Author, int Resonances);

public sealed record DigestDiscussionRow(int Id, string Slug, string Title, int NewReplies);

public sealed record DigestFollowUpRow(int CaseId, string Slug, string Title, FollowUpStatus Status);

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
        return await Rows(Published.Where(c => caseIds.Contains(c.Id)).OrderBy(c => c.Id)).ToListAsync(ct);
    }

    public async Task<List<DigestCaseRow>> NewCasesAsync(DigestRecipient r, DateTime sinceUtc, DateTime untilUtc, List<int> exclude, int max, CancellationToken ct)
    {
        var cases = Published.Where(c => c.PublishedUtc >= sinceUtc && c.PublishedUtc < untilUtc && c.AuthorId != r.MemberId && !exclude.Contains(c.Id));
        if (r.FollowedTagIds.Count > 0)
        {
            var tagIds = r.FollowedTagIds.ToList();
            cases = cases.Where(c => c.Tags.Any(t => tagIds.Contains(t.TagId)));
        }
        return await Rows(cases.OrderByDescending(c => c.ResonanceCount).ThenByDescending(c => c.PublishedUtc).ThenByDescending(c => c.Id))
            .Take(max).ToListAsync(ct);
    }

    /// <summary>Cases the member wrote or follows that received replies from others in the window.</summary>
    public Task<List<DigestDiscussionRow>> DiscussionsAsync(string memberId, DateTime sinceUtc, DateTime untilUtc, int max, CancellationToken ct)
    {
        var followed = db.Set<CaseFollow>().Where(f => f.MemberId == memberId).Select(f => f.CaseId);
        var replies = db.Set<Reply>().Where(x => x.Status == ReplyStatus.Published && x.AuthorId != memberId
                                                 && x.CreatedUtc >= sinceUtc && x.CreatedUtc < untilUtc);
        return Published
            .Where(c => c.AuthorId == memberId || followed.Contains(c.Id))
            .Select(c => new { c.Id, c.Slug, c.Title, NewReplies = replies.Count(x => x.CaseId == c.Id) })
            .Where(d => d.NewReplies > 0)
            .OrderByDescending(d => d.NewReplies).ThenBy(d => d.Id)
            .Take(max)
            .Select(d => new DigestDiscussionRow(d.Id, d.Slug, d.Title, d.NewReplies))
            .ToListAsync(ct);
    }

    /// <summary>Follow-ups written in the window on cases the member follows (not their own).</summary>
    public Task<List<DigestFollowUpRow>> FollowUpsAsync(string memberId, DateTime sinceUtc, DateTime untilUtc, int max, CancellationToken ct)
    {
        var followed = db.Set<CaseFollow>().Where(f => f.MemberId == memberId).Select(f => f.CaseId);
        return db.Set<FollowUp>().AsNoTracking()
            .Where(f => f.CreatedUtc >= sinceUtc && f.CreatedUtc < untilUtc && followed.Contains(f.CaseId) && f.AuthorId != memberId)
            .Join(Published, f => f.CaseId, c => c.Id, (f, c) => new { f.Id, c.Slug, c.Title, CaseId = c.Id, f.Status })
            .OrderByDescending(x => x.Id)
            .Take(max)
            .Select(x => new DigestFollowUpRow(x.CaseId, x.Slug, x.Title, x.Status))
            .ToListAsync(ct);
    }

    private IQueryable<DigestCaseRow> Rows(IQueryable<Case> cases) => cases.Select(c => new DigestCaseRow(
        c.Id, c.Slug, c.Title, c.Summary,
        c.Pseudonym ?? db.Set<Member>().Where(m => m.Id == c.AuthorId).Select(m => m.DisplayName).FirstOrDefault() ?? "",
        c.ResonanceCount));
}
