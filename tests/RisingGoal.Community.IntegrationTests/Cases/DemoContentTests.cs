using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

public sealed class DemoContentFactory : CommunityAppFactory
{
    public DemoContentFactory()
    {
        With("Community:DemoContent", "true");
        With("Caching:Enabled", "true");
    }
}

public sealed class DemoContentTests(DemoContentFactory factory) : IClassFixture<DemoContentFactory>
{
    /// <summary>Each demo case's drift types and tensions: one or two of each, so the matrix shows a pattern.</summary>
    private static readonly Dictionary<string, string[]> ExpectedDimensions = new()
    {
        ["scale-up-80-okr-relance"] = ["apparent-alignment", "centralisation-vs-autonomy", "invisible-trade-offs"],
        ["comex-objectifs-par-direction"] = ["ambition-vs-execution", "apparent-alignment", "centralisation-vs-autonomy"],
        ["feuilles-de-route-saturees"] = ["ambition-vs-execution", "delivery-vs-scalability", "invisible-trade-offs"],
        ["agence-publique-tableau-vert"] = ["framework-vs-culture", "steering-without-regulation"],
        ["industriel-kpi-renommes"] = ["apparent-alignment", "framework-vs-culture"],
        ["fintech-neuf-objectifs"] = ["ambition-vs-execution", "invisible-trade-offs"],
        ["groupe-hospitalier-remontees"] = ["centralisation-vs-autonomy", "steering-without-regulation"],
        ["ecommerce-dette-plateforme"] = ["delivery-vs-scalability", "invisible-trade-offs"],
        ["association-objectifs-financeurs"] = ["ambition-vs-execution", "apparent-alignment"],
        ["edtech-incidents-recurrents"] = ["delivery-vs-scalability", "steering-without-regulation"],
        ["saas-okr-ecrits-par-le-cto"] = ["apparent-alignment", "centralisation-vs-autonomy"],
        ["banque-programme-agile"] = ["framework-vs-culture", "invisible-trade-offs", "steering-without-regulation"],
        ["logistics-quarterly-reviews"] = ["ambition-vs-execution", "invisible-trade-offs"],
        ["insurer-okr-champions"] = ["apparent-alignment", "framework-vs-culture"],
    };

    /// <summary>The demo cases written in English (French first: the others are French).</summary>
    private static readonly string[] EnglishCases = ["logistics-quarterly-reviews", "insurer-okr-champions"];

    private sealed record Snapshot(int Cases, int Replies, int Resonances, int FollowUps, int DemoMembers);

    private Task<Snapshot> SnapshotAsync() => factory.Query(async db => new Snapshot(
        await db.Set<Case>().CountAsync(c => c.DemoId != null),
        await db.Set<Reply>().CountAsync(),
        await db.Set<Resonance>().CountAsync(),
        await db.Set<FollowUp>().CountAsync(),
        await db.Set<Member>().CountAsync(m => m.Email!.EndsWith("@demo.invalid"))));

    [Fact]
    public async Task The_demo_cases_carry_sharp_tags_their_language_and_a_discussion_and_a_second_start_adds_nothing()
    {
        var cases = await factory.Query(db => db.Set<Case>().Where(c => c.DemoId != null)
            .Select(c => new
            {
                c.DemoId, c.AuthorId, c.ReplyCount, c.ResonanceCount, c.LastActivityUtc, c.PublishedUtc, c.Language,
                Dimensions = db.Set<CaseTag>().Where(t => t.CaseId == c.Id)
                    .Join(db.Set<Tag>(), t => t.TagId, t => t.Id, (_, t) => t)
                    .Where(t => t.Kind == TagKind.DriftType || t.Kind == TagKind.Tension).Select(t => t.Slug).ToList(),
                Replies = db.Set<Reply>().Count(r => r.CaseId == c.Id && r.Status == ReplyStatus.Published),
            }).ToListAsync());

        Assert.Equal(ExpectedDimensions.Keys.Order(), cases.Select(c => c.DemoId!).Order());
        Assert.All(cases, c =>
        {
            Assert.Null(c.AuthorId);
            Assert.Equal(ExpectedDimensions[c.DemoId!], c.Dimensions.Order().ToArray());
            Assert.Equal(EnglishCases.Contains(c.DemoId!) ? "en" : "fr", c.Language);
            Assert.InRange(c.Replies, 3, 10);
            Assert.Equal(c.Replies, c.ReplyCount);
            Assert.True(c.ResonanceCount >= 2, $"{c.DemoId}: {c.ResonanceCount} resonances");
            Assert.True(c.LastActivityUtc > c.PublishedUtc, $"{c.DemoId}: the last reply moves the last activity");
        });
        var before = await SnapshotAsync();
        Assert.True(before.FollowUps >= 3);
        Assert.InRange(before.DemoMembers, 6, 12);
        // Nobody can sign in as a demo member or receive mail in their name.
        Assert.True(await factory.Query(db => db.Set<Member>()
            .Where(m => m.Email!.EndsWith("@demo.invalid"))
            .AllAsync(m => !m.EmailConfirmed && m.PasswordHash == null && m.DisplayName.EndsWith("(démo)"))));

        using (var scope = factory.Services.CreateScope())
            foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
                await task.RunAsync(CancellationToken.None);
        Assert.Equal(before, await SnapshotAsync());

        var first = await factory.Query(db => db.Set<Case>().Where(c => c.DemoId == "scale-up-80-okr-relance").Select(c => new { c.Id, c.Slug }).SingleAsync());
        var page = await factory.CreateFormClient().GetDocumentAsync(CaseUrls.Read(first.Id, first.Slug));
        Assert.Equal("Coach de passage", page.QuerySelector("header .byline")!.TextContent);
        Assert.Contains("Élise V. (démo)", page.Body!.TextContent);
        // Its follow-ups go on with the case's own story: under its pseudonym, not "Ancien membre" (a demo case has no account).
        var followUps = page.QuerySelectorAll(".follow-up .meta .byline");
        Assert.NotEmpty(followUps);
        Assert.All(followUps, b => Assert.Equal(("Coach de passage", "SPAN"), (b.TextContent, b.TagName)));
    }
}
