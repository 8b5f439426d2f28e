using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Browse.Counts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Bench;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Bench;

/// <summary>The benchmark data set is reproducible: the same seed into two fresh databases gives the same rows.</summary>
public sealed class BenchSeederTests
{
    private static readonly BenchOptions Tiny = new(Cases: 20, Replies: 50, Members: 10, Seed: 42);

    [SqliteOnlyFact]   // the benchmark runs on the embedded default; its raw INSERTs are written for SQLite
    public async Task Same_seed_gives_the_same_data_set_in_two_databases()
    {
        using var first = new CommunityAppFactory();
        using var second = new CommunityAppFactory();

        var a = await SeedAndReadAsync(first, Tiny);
        var b = await SeedAndReadAsync(second, Tiny);

        Assert.Equal(20, a.Titles.Count);
        Assert.Equal(50, a.Replies);
        Assert.Equal(10, a.Members);
        Assert.Equal(a.Titles, b.Titles);
        Assert.Equal(a.ReplyCounts, b.ReplyCounts);
        Assert.Equal(a.TagPairs, b.TagPairs);
        Assert.Equal((a.Replies, a.Resonances, a.Bookmarks, a.Flags), (b.Replies, b.Resonances, b.Bookmarks, b.Flags));
    }

    [SqliteOnlyFact]   // the benchmark runs on the embedded default; its raw INSERTs are written for SQLite
    public async Task Another_seed_gives_other_titles_and_the_bench_member_can_sign_in()
    {
        using var factory = new CommunityAppFactory();
        var summary = await SeedAndReadAsync(factory, Tiny with { Seed = 7 });
        using var other = new CommunityAppFactory();
        var reference = await SeedAndReadAsync(other, Tiny);
        Assert.NotEqual(reference.Titles, summary.Titles);

        var client = factory.CreateFormClient("fr");
        var response = await client.SubmitAsync("/account/login",
            new Dictionary<string, string> { ["Input.Email"] = BenchOptions.MemberEmail, ["Input.Password"] = BenchOptions.MemberPassword });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("/account/login", response.Headers.Location?.ToString() ?? "");
    }

    [SqliteOnlyFact]   // the benchmark runs on the embedded default; its raw INSERTs are written for SQLite
    public async Task Seeding_fills_the_kept_matrix_and_tag_counts()
    {
        using var factory = new CommunityAppFactory();
        await SeedAndReadAsync(factory, Tiny);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();

        var kept = await CaseCountsRepair.KeptAsync(db, default);
        var published = await db.Set<Case>().CountAsync(c => c.Status == CaseStatus.Published && c.Tags.Count > 0);
        Assert.True(kept.Count > 0, $"no kept count for {published} published tagged cases");
        Assert.Equal((await CaseCountsRepair.CountAsync(db, default)).OrderBy(r => r.Key), kept.OrderBy(r => r.Key));
    }

    private sealed record Snapshot(List<string> Titles, List<int> ReplyCounts, List<string> TagPairs, int Replies, int Members,
        int Resonances, int Bookmarks, int Flags);

    private static async Task<Snapshot> SeedAndReadAsync(CommunityAppFactory factory, BenchOptions options)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        await BenchSeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<MarkdownRenderer>(), options, _ => { });
        db.ChangeTracker.Clear();
        var cases = await db.Set<Case>().AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Title, c.ReplyCount }).ToListAsync();
        var tags = await db.Set<CaseTag>().AsNoTracking().OrderBy(t => t.CaseId).ThenBy(t => t.TagId).Select(t => t.CaseId + ":" + t.TagId).ToListAsync();
        return new Snapshot(cases.Select(c => c.Title).ToList(), cases.Select(c => c.ReplyCount).ToList(), tags,
            await db.Set<Reply>().CountAsync(), await db.Users.CountAsync(), await db.Set<Resonance>().CountAsync(),
            await db.Set<Bookmark>().CountAsync(), await db.Set<Features.Moderation.Flag>().CountAsync());
    }
}
