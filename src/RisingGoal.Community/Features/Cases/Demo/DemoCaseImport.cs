using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases.Demo;

/// <summary>
/// Imports content/cases/*.md when <c>Community:DemoContent</c> is true. Idempotent, keyed by demo-id: an existing
/// demo case keeps its text (members may have replied); its tags follow the file, and a discussion, follow-ups or
/// resonances are added only where the case has none yet (so a database imported before the file had them catches up).
/// </summary>
internal sealed class DemoCaseImport(CommunityDbContext db, UserManager<Member> users, MarkdownRenderer renderer,
    IConfiguration configuration, IHostEnvironment environment, ILogger<DemoCaseImport> logger) : IStartupTask
{
    /// <summary>Demo members get an address no mail can reach and no password: nobody can sign in as them.</summary>
    private const string DemoMailDomain = "demo.invalid";

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
            var @case = await db.Set<Case>().Include(c => c.Tags).FirstOrDefaultAsync(c => c.DemoId == file.DemoId, cancellationToken);
            if (@case is not null)
                @case.SetDemoTags(tagIds);
            else
            {
                var context = new CaseContext(file.SizeBand, file.Sector, file.Stage, file.Region, file.OkrCyclesRun, file.AuthorRole);
                var text = new CaseText(file.Title, file.Summary, file.Body, file.Outcome, file.OpenQuestion, file.Language);
                @case = Case.PublishDemo(file.DemoId, file.Pseudonym, text, renderer.Render(file.Body), context, tagIds,
                    Utc(file.Published));
                db.Add(@case);
                logger.LogInformation("Imported demo case {DemoId}", file.DemoId);
            }
            await db.SaveChangesAsync(cancellationToken);
            await ImportDiscussionAsync(@case, file, cancellationToken);
        }
    }

    private async Task ImportDiscussionAsync(Case @case, DemoCaseFile file, CancellationToken ct)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in file.MemberNames) members[name] = await DemoMemberIdAsync(name, ct);

        if (file.FollowUps.Count > 0 && !await db.Set<FollowUp>().AnyAsync(f => f.CaseId == @case.Id, ct))
            foreach (var f in file.FollowUps)
                db.Add(@case.AddDemoFollowUp(f.Status, f.Body, renderer.Render(f.Body), Utc(f.Date)));
        if (file.Replies.Count > 0 && !await db.Set<Reply>().AnyAsync(r => r.CaseId == @case.Id, ct))
            foreach (var r in file.Replies)
                if (@case.AddReply(members[r.By], r.Body, renderer.Render(r.Body), Utc(r.Date)) is { } reply) db.Add(reply);
        if (file.Resonances.Count > 0 && !await db.Set<Resonance>().AnyAsync(r => r.CaseId == @case.Id, ct))
            foreach (var (name, i) in file.Resonances.Select((n, i) => (n, i)))
                db.Add(new Resonance(@case.Id, members[name], Utc(file.Published).AddDays(1 + i)));
        await db.SaveChangesAsync(ct);

        // The counters and the last activity, recomputed from the rows in one statement (as Reactions does).
        var lastReply = await db.Set<Reply>().Where(r => r.CaseId == @case.Id).MaxAsync(r => (DateTime?)r.CreatedUtc, ct);
        var lastActivity = new[] { @case.LastActivityUtc, lastReply ?? DateTime.MinValue }.Max();
        await db.Set<Case>().Where(c => c.Id == @case.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ReplyCount, c => db.Set<Reply>().Count(r => r.CaseId == c.Id && r.Status == ReplyStatus.Published))
            .SetProperty(c => c.ResonanceCount, c => db.Set<Resonance>().Count(r => r.CaseId == c.Id))
            .SetProperty(c => c.LastActivityUtc, lastActivity), ct);
    }

    /// <summary>
    /// The demo member with this display name, created (unconfirmed, no password, locked) when missing. Found by its demo
    /// address, never by its name alone: a real member who happens to carry a demo name is never credited with demo text.
    /// </summary>
    private async Task<string> DemoMemberIdAsync(string displayName, CancellationToken ct)
    {
        var email = $"{Slugs.From(displayName)}@{DemoMailDomain}";
        var normalisedEmail = users.NormalizeEmail(email);
        var id = await db.Set<Member>().Where(m => m.NormalizedEmail == normalisedEmail).Select(m => m.Id).FirstOrDefaultAsync(ct);
        if (id is not null) return id;
        var member = Member.Create(email, displayName, "fr", DateTime.UnixEpoch);
        member.LockoutEnabled = true;
        member.LockoutEnd = DateTimeOffset.MaxValue;
        var result = await users.CreateAsync(member);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo member {displayName}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        return member.Id;
    }

    private static DateTime Utc(DateTime date) => DateTime.SpecifyKind(date, DateTimeKind.Utc);
}
