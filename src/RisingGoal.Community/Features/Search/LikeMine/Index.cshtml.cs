using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Search.LikeMine;

/// <summary>
/// /cases/like-mine?size=…&amp;sector=…&amp;stage=…&amp;role=…&amp;tension=…&amp;drift=…: a short form about one's own
/// organisation, and the closest cases with why each is listed. A GET form: the situation is in the URL, shareable
/// and cached like any list; values that are not ours are ignored.
/// </summary>
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class IndexModel(CasesLikeMine likeMine, BrowseQueries browse, CaseLabels labels) : PageModel
{
    [FromQuery(Name = "size")] public string? Size { get; set; }
    [FromQuery(Name = "sector")] public string? Sector { get; set; }
    [FromQuery(Name = "stage")] public string? Stage { get; set; }
    [FromQuery(Name = "role")] public string? Role { get; set; }
    [FromQuery(Name = "tension")] public string[] TensionSlugs { get; set; } = [];
    [FromQuery(Name = "drift")] public string[] DriftSlugs { get; set; } = [];

    public IReadOnlyList<TagChip> Tensions { get; private set; } = [];
    public IReadOnlyList<TagChip> Drifts { get; private set; } = [];
    public MySituation Situation { get; private set; } = new(null, null, null, null, [], []);
    /// <summary>Null until the form was sent with something in it.</summary>
    public IReadOnlyList<CaseLikeMine>? Matches { get; private set; }

    public string Label(Enum value) => labels.OfContext(value);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var dimensions = await browse.DimensionsAsync(ct);
        Tensions = dimensions.Where(t => t.Kind == TagKind.Tension).ToList();
        Drifts = dimensions.Where(t => t.Kind == TagKind.DriftType).ToList();
        Situation = new MySituation(SearchVocabulary.ParseEnum<SizeBand>(Size), SearchVocabulary.ParseEnum<Sector>(Sector),
            SearchVocabulary.ParseEnum<Stage>(Stage), SearchVocabulary.ParseEnum<AuthorRole>(Role),
            Tensions.Where(t => TensionSlugs.Contains(t.Slug)).Select(t => t.Id).ToList(),
            Drifts.Where(t => DriftSlugs.Contains(t.Slug)).Select(t => t.Id).ToList());
        if (Situation.IsEmpty) return;
        Matches = await likeMine.FindAsync(Situation, User.Identity?.IsAuthenticated == true, ct);
        PageCache.Tag(HttpContext, CaseCacheTags.Lists);   // any case published, hidden or retagged may change the answer
    }

    public TagChip? Tag(int id) => Tensions.Concat(Drifts).FirstOrDefault(t => t.Id == id);

    /// <summary>The composer, with the situation's first drift type and tension ticked: "tell yours".</summary>
    public string ComposerUrl =>
        Drifts.FirstOrDefault(d => Situation.DriftIds.Contains(d.Id)) is { } drift && Tensions.FirstOrDefault(t => Situation.TensionIds.Contains(t.Id)) is { } tension
            ? BrowseUrls.ComposerFor(drift.Slug, tension.Slug)
            : "/cases/new";
}
