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
public sealed class IndexModel(OnDemandDb data, ISearchIndex index, TimeProvider clock, CaseReadCache cache, BrowseQueries browse,
    CaseLabels labels) : PageModel, Shared.IMemberPageVariant
{
    /// <summary>
    /// Nothing of the member's own: results depend on the query, the culture and the visibility class only (every member
    /// sees the members-only cases; staff are never served a kept page), so one rendering serves every member who asks
    /// the same search, until a write moves <see cref="CaseCache.Generation"/> (<see cref="Shared.MemberPages"/>).
    /// </summary>
    public string? MemberVariant => "";

    public const int PageSize = 20;
    public const int MaxPage = 50;

    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "tension")] public string? Tension { get; set; }
    [FromQuery(Name = "drift")] public string? Drift { get; set; }
    [FromQuery(Name = "size")] public string? Size { get; set; }
    [FromQuery(Name = "sector")] public string? Sector { get; set; }
    [FromQuery(Name = "stage")] public string? Stage { get; set; }
    [FromQuery(Name = "role")] public string? Role { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    /// <summary>Tags whose name or description hold the words: "See the drift …" above the results.</summary>
    public IReadOnlyList<BrowseQueries.TagDetail> Suggestions { get; private set; } = [];

    public string Label(Enum value) => labels.OfContext(value);

    public IReadOnlyList<TagChip> Tensions { get; private set; } = [];
    public IReadOnlyList<TagChip> Drifts { get; private set; } = [];
    public SearchResults? Results { get; private set; }
    public bool Searched => Results is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var dimensions = await browse.DimensionsAsync(ct);   // in taxonomy order, kept in the shared read cache
        Tensions = dimensions.Where(t => t.Kind == TagKind.Tension).ToList();
        Drifts = dimensions.Where(t => t.Kind == TagKind.DriftType).ToList();

        // Operators typed in the query become filters, shown in the URL (and in the form) by one redirect.
        var operators = SearchVocabulary.ParseOperators(Q, dimensions, Label);
        if (operators.Any)
        {
            Q = operators.Text;
            Tension = operators.Tension ?? Tension;
            Drift = operators.Drift ?? Drift;
            Size = operators.Size ?? Size;
            Sector = operators.Sector ?? Sector;
            Stage = operators.Stage ?? Stage;
            Role = operators.Role ?? Role;
            From = operators.From ?? From;
            To = operators.To ?? To;
            return Redirect(PageUrl(1));
        }

        // Unknown filter values are ignored rather than failing.
        var tension = Tensions.FirstOrDefault(t => t.Slug == Tension);
        var drift = Drifts.FirstOrDefault(t => t.Slug == Drift);
        Tension = tension?.Slug;
        Drift = drift?.Slug;
        var context = new SearchContextFilter(SearchVocabulary.ParseEnum<SizeBand>(Size), SearchVocabulary.ParseEnum<Sector>(Sector),
            SearchVocabulary.ParseEnum<Stage>(Stage), SearchVocabulary.ParseEnum<AuthorRole>(Role),
            SearchVocabulary.ParseDay(From), SearchVocabulary.ParseDay(To)?.AddDays(1));   // "to" includes that day
        Size = context.Size?.ToString().ToLowerInvariant();
        Sector = context.Sector?.ToString().ToLowerInvariant();
        Stage = context.Stage?.ToString().ToLowerInvariant();
        Role = context.Role?.ToString().ToLowerInvariant();
        From = context.FromUtc?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        To = context.ToUtc?.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        PageNumber = Math.Clamp(PageNumber, 1, MaxPage);
        PageCache.Tag(HttpContext, CaseCacheTags.Lists);

        var terms = SearchQueryText.Terms(Q);
        if (terms.Count == 0) return Page();
        Suggestions = SearchVocabulary.Suggest(Q, await browse.CachedTagsAsync(ct));
        var signedIn = User.Identity?.IsAuthenticated == true;
        // Members are not served from the page cache; the same search by another member reuses the results.
        Results = await cache.GetOrComputeAsync($"search:{signedIn}:{tension?.Id}:{drift?.Id}:{context.Key}:{PageNumber}:{string.Join(' ', terms)}",
            () => index.SearchAsync(data.Context,
                new SearchRequest(terms, signedIn, clock.GetUtcNow().UtcDateTime, tension?.Id, drift?.Id, PageNumber, PageSize) { Context = context }, ct), visitorsView: !signedIn);
        return Page();
    }

    public int PageCount => Results is null ? 0 : Math.Min(MaxPage, (Results.Total + PageSize - 1) / PageSize);

    public string PageUrl(int page)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Q ?? "") };
        if (Tension is not null) parts.Add("tension=" + Uri.EscapeDataString(Tension));
        if (Drift is not null) parts.Add("drift=" + Uri.EscapeDataString(Drift));
        foreach (var (key, value) in new[] { ("size", Size), ("sector", Sector), ("stage", Stage), ("role", Role), ("from", From), ("to", To) })
            if (!string.IsNullOrWhiteSpace(value)) parts.Add(key + "=" + Uri.EscapeDataString(value));
        if (page > 1) parts.Add("page=" + page);
        return "/search?" + string.Join("&", parts);
    }
}
