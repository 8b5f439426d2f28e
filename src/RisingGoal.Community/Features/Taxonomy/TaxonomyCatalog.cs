using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Taxonomy;

/// <summary>One tag as pages need it: names without a query per row.</summary>
public sealed record TagInfo(int Id, TagKind Kind, string Slug, string NameFr, string NameEn, string DescriptionFr, string DescriptionEn, int SortOrder, bool Retired)
{
    public string Name(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? NameEn : NameFr;
    public string Description(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? DescriptionEn : DescriptionFr;
}

/// <summary>
/// The whole taxonomy in memory (it is small and only changes at start-up, when <see cref="TaxonomyImporter"/> runs).
/// Lists hold active tags in editorial order; <see cref="BySlug"/> and <see cref="ById"/> also find retired tags so that
/// old cases can still show their names. Singleton; the snapshot is swapped atomically on reload.
/// </summary>
public sealed class TaxonomyCatalog
{
    private volatile Snapshot _snapshot = Snapshot.Empty;

    public IReadOnlyList<TagInfo> DriftTypes => _snapshot.Of(TagKind.DriftType);
    public IReadOnlyList<TagInfo> Tensions => _snapshot.Of(TagKind.Tension);
    public IReadOnlyList<TagInfo> Symptoms => _snapshot.Of(TagKind.Symptom);
    public IReadOnlyList<TagInfo> Safeguards => _snapshot.Of(TagKind.Safeguard);

    /// <summary>Active tags of every kind, in editorial order.</summary>
    public IReadOnlyList<TagInfo> All => _snapshot.Active;

    public TagInfo? BySlug(string slug) => _snapshot.BySlug.GetValueOrDefault(slug);
    public TagInfo? ById(int id) => _snapshot.ById.GetValueOrDefault(id);

    /// <summary>Reads every tag (retired included) from the database and replaces the snapshot.</summary>
    public async Task ReloadAsync(CommunityDbContext db, CancellationToken cancellationToken = default)
    {
        var tags = await db.Set<Tag>().AsNoTracking().InDisplayOrder()
            .Select(t => new TagInfo(t.Id, t.Kind, t.Slug, t.NameFr, t.NameEn, t.DescriptionFr, t.DescriptionEn, t.SortOrder, t.RetiredUtc != null))
            .ToListAsync(cancellationToken);
        _snapshot = new Snapshot(tags);
    }

    private sealed class Snapshot(IReadOnlyList<TagInfo> tags)
    {
        public static readonly Snapshot Empty = new([]);

        public IReadOnlyList<TagInfo> Active { get; } = tags.Where(t => !t.Retired).ToList();
        public Dictionary<string, TagInfo> BySlug { get; } = tags.ToDictionary(t => t.Slug, StringComparer.Ordinal);
        public Dictionary<int, TagInfo> ById { get; } = tags.ToDictionary(t => t.Id);
        private readonly Dictionary<TagKind, IReadOnlyList<TagInfo>> _byKind = Enum.GetValues<TagKind>()
            .ToDictionary(k => k, k => (IReadOnlyList<TagInfo>)tags.Where(t => !t.Retired && t.Kind == k).ToList());

        public IReadOnlyList<TagInfo> Of(TagKind kind) => _byKind[kind];
    }
}
