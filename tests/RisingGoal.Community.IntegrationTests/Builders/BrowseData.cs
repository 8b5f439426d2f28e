using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.IntegrationTests.Builders;

/// <summary>
/// Real rows for the browsing tests, written through a scope's DbContext: taxonomy tags (reused when the import
/// already created them), members and published cases.
/// </summary>
public sealed class BrowseData(IServiceProvider services)
{
    public static readonly string[] Drifts = ["apparent-alignment", "invisible-trade-offs", "steering-without-regulation"];
    public static readonly string[] Tensions = ["ambition-vs-execution", "centralisation-vs-autonomy", "delivery-vs-scalability", "framework-vs-culture"];
    public const string Symptom = "green-dashboards";

    /// <summary>The drift types, tensions and one symptom; returns slug → id.</summary>
    public async Task<IReadOnlyDictionary<string, int>> TaxonomyAsync()
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var wanted = Drifts.Select((s, i) => (s, TagKind.DriftType, i))
            .Concat(Tensions.Select((s, i) => (s, TagKind.Tension, i)))
            .Append((Symptom, TagKind.Symptom, 0));
        var existing = await db.Set<Tag>().ToDictionaryAsync(t => t.Slug);
        foreach (var (slug, kind, order) in wanted.Where(w => !existing.ContainsKey(w.Item1)))
        {
            var words = slug.Replace('-', ' ');
            db.Set<Tag>().Add(new Tag
            {
                Kind = kind, Slug = slug, SortOrder = order,
                NameFr = $"FR {words}", NameEn = $"EN {words}",
                DescriptionFr = $"Description française de {words}.", DescriptionEn = $"English description of {words}.",
            });
        }
        await db.SaveChangesAsync();
        return await db.Set<Tag>().ToDictionaryAsync(t => t.Slug, t => t.Id);
    }

    /// <summary>A confirmed member with the given public display name; returns its id.</summary>
    public async Task<string> MemberAsync(string displayName, DateTime createdUtc)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var local = Guid.NewGuid().ToString("N")[..12];
        var member = new Member
        {
            UserName = $"{local}@example.test", Email = $"{local}@example.test", EmailConfirmed = true,
            DisplayName = displayName, CreatedUtc = createdUtc,
        };
        var result = await users.CreateAsync(member);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return member.Id;
    }

    /// <summary>A published case; replies (by the author) and resonances set the list counters. Returns its id.</summary>
    public async Task<int> CaseAsync(string authorId, string title, DateTime publishedUtc, IEnumerable<string> tagSlugs,
        string? pseudonym = null, CaseVisibility visibility = CaseVisibility.Public, SizeBand size = SizeBand.From51To200,
        Sector sector = Sector.Software, int replies = 0, int resonances = 0, DateTime? featuredUtc = null,
        DateTime? lastActivityUtc = null, FollowUpStatus? followUp = null)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var slugs = tagSlugs.ToList();
        var tagIds = await db.Set<Tag>().Where(t => slugs.Contains(t.Slug)).Select(t => t.Id).ToListAsync();
        var body = new RenderedMarkdown("<p>Corps du cas.</p>", 1);
        var @case = Case.Publish(authorId,
            new CaseText(title, $"Résumé de « {title} ».", "Corps du cas.", null, "Qu’auriez-vous fait ?"), body,
            new CaseContext(size, sector, Stage.Established, null, 2, AuthorRole.Coach),
            pseudonym, visibility, null, tagIds, publishedUtc);
        if (featuredUtc is { } featured) @case.Feature(featured);
        @case.SetResonanceCount(resonances);
        db.Add(@case);
        await db.SaveChangesAsync();

        var activity = lastActivityUtc ?? publishedUtc;
        for (var i = 0; i < replies; i++)
            db.Add(@case.AddReply(authorId, "Une réponse.", new RenderedMarkdown("<p>Une réponse.</p>", 1), activity)!);
        if (followUp is { } status)
            db.Add(@case.AddFollowUp(authorId, status, "Suite.", new RenderedMarkdown("<p>Suite.</p>", 1), activity));
        await db.SaveChangesAsync();
        if (replies > 0)   // replies do not touch the case row; the counters are recomputed, as the reply handler does
            await db.Set<Case>().Where(c => c.Id == @case.Id).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.ReplyCount, replies).SetProperty(c => c.LastActivityUtc, activity));
        return @case.Id;
    }

    /// <summary>A published reply by <paramref name="authorId"/> on someone's case.</summary>
    public async Task ReplyAsync(int caseId, string authorId, DateTime nowUtc)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
        db.Add(@case.AddReply(authorId, "Réponse.", new RenderedMarkdown("<p>Réponse.</p>", 1), nowUtc)!);
        await db.SaveChangesAsync();
    }
}
