using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

public sealed record RelatedCase(int Id, string Slug, string Title, string Summary, int SharedTags, DateTime? PublishedUtc, string Language);

/// <summary>
/// The visible cases sharing the most tags with a case, ties broken by recency; one query, kept in
/// <see cref="CaseReadCache"/> since it reads every case sharing a tag and is the same for every reader of a kind.
/// </summary>
public sealed class RelatedCases(CommunityDbContext db, TimeProvider clock, CaseReadCache cache)
{
    public const int Max = 4;

    public Task<IReadOnlyList<RelatedCase>> ForAsync(int caseId, bool signedIn, CancellationToken ct) =>
        cache.GetOrComputeAsync($"related:{caseId}:{signedIn}", async () => (IReadOnlyList<RelatedCase>)await ComputeAsync(caseId, signedIn, ct), visitorsView: !signedIn);

    private Task<List<RelatedCase>> ComputeAsync(int caseId, bool signedIn, CancellationToken ct)
    {
        var tagIds = db.Set<CaseTag>().Where(t => t.CaseId == caseId).Select(t => t.TagId);
        return db.Set<Case>().AsNoTracking()
            .VisibleTo(signedIn, clock.GetUtcNow().UtcDateTime)
            .Where(c => c.Id != caseId)
            .Select(c => new { c.Id, c.Slug, c.Title, c.Summary, c.PublishedUtc, c.Language, Shared = c.Tags.Count(t => tagIds.Contains(t.TagId)) })
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared).ThenByDescending(x => x.PublishedUtc).ThenByDescending(x => x.Id)
            .Take(Max)
            .Select(x => new RelatedCase(x.Id, x.Slug, x.Title, x.Summary, x.Shared, x.PublishedUtc, x.Language))
            .ToListAsync(ct);
    }
}

/// <summary>Rendered on the case page: <c>@await Component.InvokeAsync(typeof(RelatedCasesViewComponent), new { caseId })</c>.</summary>
public sealed class RelatedCasesViewComponent(RelatedCases related) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int caseId)
    {
        var rows = await related.ForAsync(caseId, User.Identity?.IsAuthenticated == true, HttpContext.RequestAborted);
        // The cached page shows these cases too: hiding, redacting or retitling one of them evicts it.
        Infrastructure.Web.PageCache.Tag(HttpContext, rows.Select(r => CaseCacheTags.Case(r.Id)));
        return View("/Features/Search/_RelatedCases.cshtml", rows);
    }
}
