using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Browse;

public sealed partial class BrowseQueries
{
    public sealed record TagDetail(int Id, TagKind Kind, string Slug, string NameFr, string NameEn, string DescriptionFr, string DescriptionEn)
    {
        public string Name(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? NameEn : NameFr;
        public string Description(System.Globalization.CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? DescriptionEn : DescriptionFr;
        public TagChip Chip => new(Id, Kind, Slug, NameFr, NameEn);
    }

    public async Task<TagDetail?> TagAsync(TagKind kind, string slug, CancellationToken ct = default)
    {
        var wanted = slug.Trim().ToLowerInvariant();
        // Only tags in force are cached (unknown slugs would let anyone fill the cache).
        var tags = await CachedTagsAsync(ct);
        if (tags.FirstOrDefault(t => t.Kind == kind && t.Slug == wanted) is { } known) return known;
        return await db.Set<Tag>().AsNoTracking()
            .Where(t => t.Slug == wanted && t.Kind == kind)
            .Select(t => new TagDetail(t.Id, t.Kind, t.Slug, t.NameFr, t.NameEn, t.DescriptionFr, t.DescriptionEn))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The taxonomy in force, from the read cache (tag pages, cell headings, search suggestions).</summary>
    public Task<IReadOnlyList<TagDetail>> CachedTagsAsync(CancellationToken ct = default) =>
        cache.GetOrComputeAsync("tag-details", async () => await AllTagsAsync(ct), visitorsView: true);   // the taxonomy: the same for everyone

    /// <summary>The whole taxonomy in force, for /tags.</summary>
    public async Task<IReadOnlyList<TagDetail>> AllTagsAsync(CancellationToken ct = default) =>
        await db.Set<Tag>().AsNoTracking()
            .Where(t => t.RetiredUtc == null)
            .OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).ThenBy(t => t.Slug)
            .Select(t => new TagDetail(t.Id, t.Kind, t.Slug, t.NameFr, t.NameEn, t.DescriptionFr, t.DescriptionEn))
            .ToListAsync(ct);
}
