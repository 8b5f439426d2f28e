using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

/// <summary>/search?q=…&amp;tension=…&amp;drift=…&amp;page=…: ranked results (offset pages: bm25 order has no stable key).</summary>
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class IndexModel(CommunityDbContext db, ISearchIndex index, TimeProvider clock, CaseReadCache cache, BrowseQueries browse) : PageModel
{
    public const int PageSize = 20;
    public const int MaxPage = 50;

    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "tension")] public string? Tension { get; set; }
    [FromQuery(Name = "drift")] public string? Drift { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<TagChip> Tensions { get; private set; } = [];
    public IReadOnlyList<TagChip> Drifts { get; private set; } = [];
    public SearchResults? Results { get; private set; }
    public bool Searched => Results is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var dimensions = await browse.DimensionsAsync(ct);   // in taxonomy order, kept in the shared read cache
        Tensions = dimensions.Where(t => t.Kind == TagKind.Tension).ToList();
        Drifts = dimensions.Where(t => t.Kind == TagKind.DriftType).ToList();

        // Unknown filter values are ignored rather than failing.
        var tension = Tensions.FirstOrDefault(t => t.Slug == Tension);
        var drift = Drifts.FirstOrDefault(t => t.Slug == Drift);
        Tension = tension?.Slug;
        Drift = drift?.Slug;
        PageNumber = Math.Clamp(PageNumber, 1, MaxPage);
        PageCache.Tag(HttpContext, CaseCacheTags.Lists);

        var terms = SearchQueryText.Terms(Q);
        if (terms.Count == 0) return;
        var signedIn = User.Identity?.IsAuthenticated == true;
        // Members are not served from the page cache; the same search by another member reuses the results.
        Results = await cache.GetOrComputeAsync($"search:{signedIn}:{tension?.Id}:{drift?.Id}:{PageNumber}:{string.Join(' ', terms)}",
            () => index.SearchAsync(db,
                new SearchRequest(terms, signedIn, clock.GetUtcNow().UtcDateTime, tension?.Id, drift?.Id, PageNumber, PageSize), ct));
    }

    public int PageCount => Results is null ? 0 : Math.Min(MaxPage, (Results.Total + PageSize - 1) / PageSize);

    public string PageUrl(int page)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Q ?? "") };
        if (Tension is not null) parts.Add("tension=" + Uri.EscapeDataString(Tension));
        if (Drift is not null) parts.Add("drift=" + Uri.EscapeDataString(Drift));
        if (page > 1) parts.Add("page=" + page);
        return "/search?" + string.Join("&", parts);
    }
}
