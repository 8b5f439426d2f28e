using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Content;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Taxonomy;

/// <summary>
/// Start-up import of content/taxonomy into <see cref="Tag"/> rows, idempotent: rows are matched by slug and updated
/// in place; a slug no longer in content is retired (never deleted: cases keep pointing at it) and reported; a
/// retired slug that comes back is un-retired. Invalid files are logged with their name and skipped.
/// Reloads <see cref="TaxonomyCatalog"/> at the end.
/// </summary>
internal sealed class TaxonomyImporter(
    CommunityDbContext db, ContentLibrary content, TaxonomyCatalog catalog, TimeProvider clock, ILogger<TaxonomyImporter> logger)
    : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var files = ReadFiles();
        var tags = await db.Set<Tag>().ToDictionaryAsync(t => t.Slug, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        int added = 0, updated = 0, retired = 0;

        foreach (var (kind, file) in files.Values)
        {
            if (!tags.TryGetValue(file.Slug!, out var tag))
            {
                tag = new Tag { Slug = file.Slug! };
                db.Add(tag);
                added++;
            }
            else if (tag.RetiredUtc is not null)
                logger.LogInformation("Taxonomy: '{Slug}' is back in content and is active again", tag.Slug);

            if (Apply(tag, kind, file) && tag.Id != 0)
                updated++;
        }

        foreach (var tag in tags.Values.Where(t => t.RetiredUtc is null && !files.ContainsKey(t.Slug)))
        {
            tag.RetiredUtc = now;
            retired++;
            logger.LogWarning(
                "Taxonomy: '{Slug}' ({Kind}) is no longer in content/taxonomy (removed or renamed); it is retired, not deleted. " +
                "If it was renamed, move the cases that use it to the new slug.", tag.Slug, tag.Kind);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Taxonomy imported: {Added} added, {Updated} updated, {Retired} retired, {Total} in content",
            added, updated, retired, files.Count);
        await catalog.ReloadAsync(db, cancellationToken);
    }

    /// <summary>Valid files by slug; invalid files and duplicate slugs are logged and skipped.</summary>
    private Dictionary<string, (TagKind Kind, TaxonomyFile File)> ReadFiles()
    {
        var result = new Dictionary<string, (TagKind, TaxonomyFile)>(StringComparer.Ordinal);
        foreach (var (folder, kind) in TaxonomyFile.Folders)
        {
            var set = content.Read<TaxonomyFile>($"taxonomy/{folder}");
            foreach (var error in set.Errors)
                logger.LogError("Taxonomy: skipped {File}: {Problem}", error.FileName, error.Message);
            foreach (var document in set.Documents)
            {
                var problems = document.Meta.Problems(kind).ToList();
                if (problems.Count > 0)
                    logger.LogError("Taxonomy: skipped {File}: {Problem}", document.FileName, string.Join("; ", problems));
                else if (result.ContainsKey(document.Meta.Slug!))
                    logger.LogError("Taxonomy: skipped {File}: slug '{Slug}' is already used by another file", document.FileName, document.Meta.Slug);
                else
                    result[document.Meta.Slug!] = (kind, document.Meta);
            }
        }
        return result;
    }

    /// <summary>Copies the file onto the row; true when something changed.</summary>
    private static bool Apply(Tag tag, TagKind kind, TaxonomyFile file)
    {
        var before = (tag.Kind, tag.SortOrder, tag.NameFr, tag.NameEn, tag.DescriptionFr, tag.DescriptionEn, tag.RetiredUtc);
        tag.Kind = kind;
        tag.SortOrder = file.Order;
        tag.NameFr = file.Name.Fr!.Trim();
        tag.NameEn = file.Name.En!.Trim();
        tag.DescriptionFr = file.Description.Fr?.Trim() ?? "";
        tag.DescriptionEn = file.Description.En?.Trim() ?? "";
        tag.RetiredUtc = null;
        return before != (tag.Kind, tag.SortOrder, tag.NameFr, tag.NameEn, tag.DescriptionFr, tag.DescriptionEn, tag.RetiredUtc);
    }
}
