using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.IntegrationTests.Builders;

/// <summary>
/// A tag (a tension unless told), for a test that needs its id or a tag no case carries yet. Cases and digest
/// preferences name tags by slug and make the missing ones the same way (<see cref="TagsBySlug"/>).
/// </summary>
public sealed class TagBuilder : ITestData<Tag>
{
    private string _slug = "tag-" + Guid.NewGuid().ToString("N")[..8];
    private TagKind _kind = TagKind.Tension;

    public TagBuilder Slugged(string slug) { _slug = slug; return this; }
    public TagBuilder OfKind(TagKind kind) { _kind = kind; return this; }

    public async Task<Tag> CreateAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var id = (await TagsBySlug.IdsAsync(db, [(_slug, _kind)])).Single();
        return await db.Set<Tag>().AsNoTracking().SingleAsync(t => t.Id == id);
    }
}

/// <summary>Tags named by slug, the missing ones made with the names tests read ("slug (fr)", "slug (en)").</summary>
internal static class TagsBySlug
{
    public static async Task<List<int>> IdsAsync(CommunityDbContext db, IReadOnlyCollection<(string Slug, TagKind KindIfNew)> tags)
    {
        if (tags.Count == 0) return [];
        var slugs = tags.Select(t => t.Slug).ToList();
        var existing = await db.Set<Tag>().Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, t => t);
        foreach (var (slug, kind) in tags.Where(t => !existing.ContainsKey(t.Slug)).DistinctBy(t => t.Slug))
            db.Add(existing[slug] = new Tag { Slug = slug, Kind = kind, NameFr = slug + " (fr)", NameEn = slug + " (en)" });
        await db.SaveChangesAsync();
        return slugs.Select(s => existing[s].Id).ToList();
    }
}
