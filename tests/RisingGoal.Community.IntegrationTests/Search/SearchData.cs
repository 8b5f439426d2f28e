using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>Cases with chosen text, written and changed through the real entities and SaveChanges (so the index follows).</summary>
internal sealed class SearchData(IServiceProvider services)
{
    public async Task<int> CaseAsync(string authorId, string title, string summary, string body, DateTime publishedUtc,
        IEnumerable<string>? tags = null, string? pseudonym = null, CaseVisibility visibility = CaseVisibility.Public)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
        var slugs = (tags ?? []).ToList();
        var tagIds = await db.Set<Tag>().Where(t => slugs.Contains(t.Slug)).Select(t => t.Id).ToListAsync();
        var @case = Case.Publish(authorId, new CaseText(title, summary, body, null, null), renderer.Render(body),
            new CaseContext(SizeBand.From51To200, Sector.Software, Stage.Established, null, 2, AuthorRole.Coach),
            pseudonym, visibility, null, tagIds, publishedUtc);
        db.Add(@case);
        await db.SaveChangesAsync();
        return @case.Id;
    }

    public async Task<int> ReplyAsync(int caseId, string authorId, string body, DateTime nowUtc)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
        var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
        var reply = @case.AddReply(authorId, body, renderer.Render(body), nowUtc)!;
        db.Add(reply);
        await db.SaveChangesAsync();
        return reply.Id;
    }

    public async Task ChangeCaseAsync(int caseId, Action<Case, MarkdownRenderer> change)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var @case = await db.Set<Case>().Include(c => c.Tags).SingleAsync(c => c.Id == caseId);
        change(@case, scope.ServiceProvider.GetRequiredService<MarkdownRenderer>());
        await db.SaveChangesAsync();
    }

    public async Task ChangeReplyAsync(int replyId, Action<Reply> change)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        change(await db.Set<Reply>().SingleAsync(r => r.Id == replyId));
        await db.SaveChangesAsync();
    }
}
