using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases.Demo;

/// <summary>
/// Imports content/cases/*.md when <c>Community:DemoContent</c> is true. Idempotent, keyed by demo-id: an existing
/// demo case is never rewritten (members may have replied), it only gains tags the taxonomy did not have yet.
/// </summary>
internal sealed class DemoCaseImport(CommunityDbContext db, MarkdownRenderer renderer, IConfiguration configuration,
    IHostEnvironment environment, ILogger<DemoCaseImport> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Community:DemoContent")) return;
        var folder = new[] { Path.Combine(AppContext.BaseDirectory, "content", "cases"), Path.Combine(environment.ContentRootPath, "content", "cases") }
            .FirstOrDefault(Directory.Exists);
        if (folder is null) return;
        var tags = await db.Set<Tag>().ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        foreach (var path in Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            DemoCaseFile file;
            try { file = DemoCaseFile.Parse(await File.ReadAllTextAsync(path, cancellationToken)); }
            catch (Exception e) when (e is FormatException or YamlDotNet.Core.YamlException)
            {
                logger.LogWarning("Skipping demo case {File}: {Reason}", Path.GetFileName(path), e.Message);
                continue;
            }
            var tagIds = file.TagSlugs.Where(tags.ContainsKey).Select(s => tags[s]).ToList();
            var existing = await db.Set<Case>().Include(c => c.Tags).FirstOrDefaultAsync(c => c.DemoId == file.DemoId, cancellationToken);
            if (existing is not null)
            {
                existing.AddTags(tagIds);
                continue;
            }
            var context = new CaseContext(file.SizeBand, file.Sector, file.Stage, file.Region, file.OkrCyclesRun, file.AuthorRole);
            var text = new CaseText(file.Title, file.Summary, file.Body, file.Outcome, file.OpenQuestion);
            var @case = Case.PublishDemo(file.DemoId, file.Pseudonym, text, renderer.Render(file.Body), context, tagIds,
                DateTime.SpecifyKind(file.Published, DateTimeKind.Utc));
            db.Add(@case);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var f in file.FollowUps)
                db.Add(@case.AddDemoFollowUp(f.Status, f.Body, renderer.Render(f.Body), DateTime.SpecifyKind(f.Date, DateTimeKind.Utc)));
            logger.LogInformation("Imported demo case {DemoId}", file.DemoId);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
