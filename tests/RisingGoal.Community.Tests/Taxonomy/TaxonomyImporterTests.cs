using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Content;
using RisingGoal.Community.Tests.Data;

namespace RisingGoal.Community.Tests.Taxonomy;

public sealed class TaxonomyImporterTests : IAsyncLifetime
{
    private readonly string _content = Path.Combine(Path.GetTempPath(), "rg-unit", Guid.NewGuid().ToString("N"), "content");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly TaxonomyCatalog _catalog = new();
    private readonly ListLogger<TaxonomyImporter> _log = new();
    private TempSqliteDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TempSqliteDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_content)!, recursive: true);
    }

    private void Write(string folder, string slug, string nameEn, int order = 10, string? raw = null)
    {
        Directory.CreateDirectory(Path.Combine(_content, "taxonomy", folder));
        File.WriteAllText(Path.Combine(_content, "taxonomy", folder, slug + ".md"), raw ??
            $"---\nslug: {slug}\norder: {order}\nname:\n  fr: \"FR {nameEn}\"\n  en: \"{nameEn}\"\ndescription:\n  fr: Description.\n  en: Description.\n---\n");
    }

    private async Task ImportAsync()
    {
        await using var db = _database.NewContext();
        await new TaxonomyImporter(db, new ContentLibrary(_content), _catalog, _clock, _log).RunAsync(CancellationToken.None);
    }

    private async Task<List<Tag>> TagsAsync()
    {
        await using var db = _database.NewContext();
        return await db.Set<Tag>().AsNoTracking().OrderBy(t => t.Slug).ToListAsync();
    }

    [Fact]
    public async Task Importing_twice_gives_the_same_rows()
    {
        Write("drift-types", "apparent-alignment", "Apparent alignment");
        Write("tensions", "ambition-vs-execution", "Ambition vs execution", order: 20);

        await ImportAsync();
        var first = await TagsAsync();
        await ImportAsync();
        var second = await TagsAsync();

        Assert.Equal(2, second.Count);
        Assert.Equal(first.Select(t => (t.Id, t.Slug, t.Kind, t.NameEn, t.SortOrder)), second.Select(t => (t.Id, t.Slug, t.Kind, t.NameEn, t.SortOrder)));
        Assert.Equal(TagKind.Tension, second.Single(t => t.Slug == "ambition-vs-execution").Kind);
        Assert.Equal(20, second.Single(t => t.Slug == "ambition-vs-execution").SortOrder);
        Assert.All(second, t => Assert.Null(t.RetiredUtc));
    }

    [Fact]
    public async Task An_edited_file_updates_its_row()
    {
        Write("symptoms", "initiative-stacking", "Initiative stacking", order: 10);
        await ImportAsync();
        var id = (await TagsAsync()).Single().Id;

        Write("symptoms", "initiative-stacking", "Initiatives piling up", order: 30);
        await ImportAsync();

        var tag = Assert.Single(await TagsAsync());
        Assert.Equal(id, tag.Id);
        Assert.Equal("Initiatives piling up", tag.NameEn);
        Assert.Equal("FR Initiatives piling up", tag.NameFr);
        Assert.Equal(30, tag.SortOrder);
        Assert.Equal("Initiatives piling up", _catalog.BySlug("initiative-stacking")?.NameEn);
    }

    [Fact]
    public async Task A_removed_or_renamed_slug_is_retired_and_reported_then_comes_back()
    {
        Write("safeguards", "test-arbitrations-first", "Test arbitrations first");
        Write("safeguards", "old-name", "Old name");
        await ImportAsync();

        File.Delete(Path.Combine(_content, "taxonomy", "safeguards", "old-name.md"));
        Write("safeguards", "new-name", "New name");
        _clock.Advance(TimeSpan.FromDays(1));
        await ImportAsync();

        var tags = await TagsAsync();
        Assert.Equal(3, tags.Count);
        var retired = tags.Single(t => t.Slug == "old-name");
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, retired.RetiredUtc);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("old-name") && e.Message.Contains("removed or renamed"));
        Assert.DoesNotContain(_catalog.Safeguards, t => t.Slug == "old-name");
        Assert.True(_catalog.BySlug("old-name")?.Retired);

        // A second run does not retire it again nor warn again.
        var warnings = _log.Entries.Count(e => e.Level == LogLevel.Warning);
        await ImportAsync();
        Assert.Equal(warnings, _log.Entries.Count(e => e.Level == LogLevel.Warning));

        Write("safeguards", "old-name", "Old name");
        await ImportAsync();
        Assert.Null((await TagsAsync()).Single(t => t.Slug == "old-name").RetiredUtc);
        Assert.Equal(retired.Id, (await TagsAsync()).Single(t => t.Slug == "old-name").Id);
        Assert.Contains(_catalog.Safeguards, t => t.Slug == "old-name");
    }

    [Fact]
    public async Task Invalid_files_are_logged_by_name_and_skipped()
    {
        Write("tensions", "framework-vs-culture", "Framework vs culture");
        Write("tensions", "bad-yaml", "", raw: "---\nslug: [bad\n---\n");
        Write("tensions", "no-names", "", raw: "---\nslug: no-names\nname:\n  fr: Seulement\n---\n");
        Write("tensions", "no-slug", "", raw: "---\nname:\n  fr: A\n  en: A\n---\n");
        Write("tensions", "wrong-kind", "", raw: "---\nslug: wrong-kind\nkind: symptoms\nname:\n  fr: A\n  en: A\n---\n");
        Write("tensions", "not-front-matter", "", raw: "just text");
        Write("symptoms", "duplicate", "", raw: "---\nslug: framework-vs-culture\nname:\n  fr: A\n  en: A\n---\n");

        await ImportAsync();

        Assert.Equal("framework-vs-culture", Assert.Single(await TagsAsync()).Slug);
        var errors = _log.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message).ToList();
        foreach (var file in new[] { "bad-yaml.md", "no-names.md", "no-slug.md", "wrong-kind.md", "not-front-matter.md", "duplicate.md" })
            Assert.Contains(errors, m => m.Contains(file));
        Assert.Equal(TagKind.Tension, Assert.Single(_catalog.Tensions).Kind);
    }

    [Fact]
    public async Task Catalog_lists_active_tags_by_kind_in_editorial_order()
    {
        Write("tensions", "second", "Second", order: 20);
        Write("tensions", "first", "First", order: 10);
        Write("drift-types", "drift", "Drift");
        await ImportAsync();

        Assert.Equal(["first", "second"], _catalog.Tensions.Select(t => t.Slug));
        Assert.Equal("drift", Assert.Single(_catalog.DriftTypes).Slug);
        Assert.Empty(_catalog.Symptoms);
        Assert.Equal("FR First", _catalog.BySlug("first")!.Name(new System.Globalization.CultureInfo("fr-FR")));
        Assert.Null(_catalog.BySlug("nope"));

        await using var db = _database.NewContext();
        Assert.Equal(["first", "second"], await db.Set<Tag>().Active().OfKind(TagKind.Tension).InDisplayOrder().Select(t => t.Slug).ToListAsync());
    }
}
