using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

public sealed class CaseListFilterTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Filters_combine_tension_and_drift_with_size_and_sector_and_ignore_unknown_values()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await factory.Seed(A.Member().Named("Filtreuse").JoinedAt(now));
        CaseBuilder CaseTitled(string title, DateTime publishedUtc, params string[] tags) => A.Case().By(author).Titled(title).PublishedAt(publishedUtc).Tagged(tags);
        await factory.Seed(CaseTitled("T1", now.AddHours(-4), "ambition-vs-execution", "apparent-alignment").In(Context(SizeBand.From1To10, Sector.Software)));
        await factory.Seed(CaseTitled("T2", now.AddHours(-3), "ambition-vs-execution", "invisible-trade-offs"));
        await factory.Seed(CaseTitled("T3", now.AddHours(-2), "centralisation-vs-autonomy", "apparent-alignment"));
        await factory.Seed(CaseTitled("T4", now.AddHours(-1), "ambition-vs-execution", "apparent-alignment").In(Context(SizeBand.From51To200, Sector.Finance)));
        var client = factory.CreateClient();

        Assert.Equal(["T4", "T1"], Titles(await GetAsync(client, "/cases?tension=ambition-vs-execution&drift=apparent-alignment")));
        Assert.Equal(["T4"], Titles(await GetAsync(client, "/cases?tension=ambition-vs-execution&drift=apparent-alignment&sector=finance")));
        Assert.Equal(["T1"], Titles(await GetAsync(client, "/cases?drift=apparent-alignment&size=from1to10")));
        Assert.Equal(["T4", "T3", "T1"],
            Titles(await GetAsync(client, "/cases?tension=ambition-vs-execution&tension=centralisation-vs-autonomy&drift=apparent-alignment")));

        var form = await GetAsync(client, "/cases?tension=ambition-vs-execution&sector=finance");
        Assert.True(form.QuerySelector("input[name=tension][value=ambition-vs-execution]")!.HasAttribute("checked"));
        Assert.True(form.QuerySelector("select[name=sector] option[value=finance]")!.HasAttribute("selected"));
        foreach (var field in form.QuerySelectorAll("form.filters select"))
            Assert.NotNull(form.QuerySelector($"label[for={field.Id}]"));
        Assert.Null(form.QuerySelector("p.notice"));

        var odd = await GetAsync(client, "/cases?tension=nope&drift=ambition-vs-execution&size=huge&sector=7&sort=weird&after=garbage");
        Assert.NotNull(odd.QuerySelector("p.notice.warn"));
        Assert.Equal(["T4", "T3", "T2", "T1"], Titles(odd));
    }

    private static CaseContext Context(SizeBand size, Sector sector) => new(size, sector, Stage.Established, null, 2, AuthorRole.Coach);
}

public sealed class CaseListSortTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Sorts_by_newest_most_active_and_most_resonant_with_ties_broken_by_id()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await factory.Seed(A.Member().Named("Trieur").JoinedAt(now));
        CaseBuilder CaseTitled(string title, DateTime publishedUtc, int resonances) =>
            A.Case().By(author).Titled(title).PublishedAt(publishedUtc).Tagged("ambition-vs-execution").With(c => c.SetResonanceCount(resonances));
        await factory.Seed(CaseTitled("X", now.AddDays(-3), 5).WithReplies(1, now.AddHours(-1)).WithFollowUp(FollowUpStatus.Stabilised, now.AddHours(-1)));
        await factory.Seed(CaseTitled("Y", now.AddDays(-2), 1));
        await factory.Seed(CaseTitled("Z", now.AddDays(-1), 5));
        var client = factory.CreateClient();

        Assert.Equal(["Z", "Y", "X"], Titles(await GetAsync(client, "/cases")));
        Assert.Equal(["Z", "Y", "X"], Titles(await GetAsync(client, "/cases?sort=newest")));
        Assert.Equal(["X", "Z", "Y"], Titles(await GetAsync(client, "/cases?sort=active")));
        Assert.Equal(["Z", "X", "Y"], Titles(await GetAsync(client, "/cases?sort=resonant")));

        var row = (await GetAsync(client, "/cases?sort=active")).QuerySelector(".case-row")!;
        Assert.Contains("1 réponse", row.TextContent);
        Assert.Contains("5 résonances", row.TextContent);
        Assert.Contains("Stabilisé", row.TextContent);
        Assert.Contains(RisingGoal.Community.Infrastructure.Localization.Dates.Long(now.AddDays(-3), new System.Globalization.CultureInfo("fr")), row.TextContent);
        Assert.Equal("/members/Trieur", row.QuerySelector(".meta a")!.GetAttribute("href"));
    }
}

public sealed class CaseListPaginationTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Theory]
    [InlineData("newest", Sector.Health)]
    [InlineData("active", Sector.Retail)]
    [InlineData("resonant", Sector.Education)]
    public async Task Pages_by_key_stay_stable_when_a_newer_case_arrives(string sort, Sector sector)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await factory.Seed(A.Member().Named($"Pagineur {sort}").JoinedAt(now));
        CaseBuilder CaseTitled(string title, DateTime publishedUtc, int resonances) => A.Case().By(author).Titled(title).PublishedAt(publishedUtc)
            .Tagged("delivery-vs-scalability").In(new CaseContext(SizeBand.From51To200, sector, Stage.Established, null, 2, AuthorRole.Coach))
            .With(c => c.SetResonanceCount(resonances));
        // Same instants and counts in pairs, so the id tie-break is exercised across the page boundary.
        for (var i = 0; i < 25; i++)
            await factory.Seed(CaseTitled($"{sort} {i:00}", now.AddMinutes(-100 + i / 2), 10 + i / 2));
        var client = factory.CreateClient();
        var url = $"/cases?sector={sector.ToString().ToLowerInvariant()}&sort={sort}&tension=delivery-vs-scalability";
        var expected = Enumerable.Range(0, 25).Select(i => $"{sort} {i:00}").Reverse().ToList();

        var page1 = await GetAsync(client, url);
        var rows1 = Titles(page1);
        Assert.Equal(expected.Take(20), rows1);
        var next = NextLink(page1)!;

        await factory.Seed(CaseTitled($"{sort} newer", now, 100));

        var page2 = await GetAsync(client, next);
        Assert.Equal(expected.Skip(20), Titles(page2));
        Assert.Null(NextLink(page2));
        Assert.Equal($"{sort} newer", Titles(await GetAsync(client, url)).First());

        // A cursor of another sort is ignored (first page, with a notice), never an error.
        var otherSort = sort == "newest" ? "active" : "newest";
        var mismatched = await GetAsync(client, next.Replace($"sort={sort}", $"sort={otherSort}"));
        Assert.NotNull(mismatched.QuerySelector("p.notice.warn"));
    }
}
