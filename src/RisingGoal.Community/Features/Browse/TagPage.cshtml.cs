using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Browse;

/// <summary>/tensions/{slug} and /drifts/{slug}: the tag, its cases (by key) and its cells of the matrix.</summary>
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class TagPageModel(BrowseQueries queries) : PageModel
{
    public BrowseQueries.TagDetail Tag { get; private set; } = null!;
    public CaseListQuery Query { get; private set; } = new();
    public CasePage Results { get; private set; } = new([], null);
    public IReadOnlyList<(TagChip Other, int Count, string Url)> Intersections { get; private set; } = [];
    public bool Ignored { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, string slug, [FromQuery] CaseListQuery query, CancellationToken ct)
    {
        var tagKind = kind == "tensions" ? TagKind.Tension : TagKind.DriftType;
        if (await queries.TagAsync(tagKind, slug, ct) is not { } tag) return NotFound();
        Tag = tag;
        PageCache.Tag(HttpContext, CaseCacheTags.Tag(tag.Id));
        var signedIn = User.Identity?.IsAuthenticated == true;

        // Only the sort and the cursor apply here; the tag itself is the filter.
        Query = new CaseListQuery { Sort = query.Sort, After = query.After };
        var dimensions = await queries.DimensionsAsync(ct);
        var filter = Query.Resolve(dimensions, out var ignored) with
        {
            TensionIds = tagKind == TagKind.Tension ? [tag.Id] : [],
            DriftIds = tagKind == TagKind.DriftType ? [tag.Id] : [],
        };
        Ignored = ignored;
        Results = await queries.ListAsync(filter, signedIn, ct);

        var matrix = await queries.MatrixAsync(dimensions, signedIn, ct);
        Intersections = tagKind == TagKind.Tension
            ? matrix.Drifts.Select(d => (d, matrix.Count(d, tag.Chip), BrowseUrls.Intersection(d.Slug, tag.Slug))).ToList()
            : matrix.Tensions.Select(t => (t, matrix.Count(tag.Chip, t), BrowseUrls.Intersection(tag.Slug, t.Slug))).ToList();
        return Page();
    }
}
