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
        var data = new BrowseData(factory.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await data.TaxonomyAsync();
        var author = await data.MemberAsync("Filtreuse", now);
        await data.CaseAsync(author, "T1", now.AddHours(-4), ["ambition-vs-execution", "apparent-alignment"], size: SizeBand.From1To10);
        await data.CaseAsync(author, "T2", now.AddHours(-3), ["ambition-vs-execution", "invisible-trade-offs"]);
        await data.CaseAsync(author, "T3", now.AddHours(-2), ["centralisation-vs-autonomy", "apparent-alignment"]);
        await data.CaseAsync(author, "T4", now.AddHours(-1), ["ambition-vs-execution", "apparent-alignment"], sector: Sector.Finance);
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
}

public sealed class CaseListSortTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Sorts_by_newest_most_active_and_most_resonant_with_ties_broken_by_id()
    {
        var data = new BrowseData(factory.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await data.TaxonomyAsync();
        var author = await data.MemberAsync("Trieur", now);
        await data.CaseAsync(author, "X", now.AddDays(-3), ["ambition-vs-execution"], resonances: 5, replies: 1, lastActivityUtc: now.AddHours(-1),
            followUp: FollowUpStatus.Stabilised);
        await data.CaseAsync(author, "Y", now.AddDays(-2), ["ambition-vs-execution"], resonances: 1);
        await data.CaseAsync(author, "Z", now.AddDays(-1), ["ambition-vs-execution"], resonances: 5);
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
        var data = new BrowseData(factory.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await data.TaxonomyAsync();
        var author = await data.MemberAsync($"Pagineur {sort}", now);
        // Same instants and counts in pairs, so the id tie-break is exercised across the page boundary.
        for (var i = 0; i < 25; i++)
            await data.CaseAsync(author, $"{sort} {i:00}", now.AddMinutes(-100 + i / 2), ["delivery-vs-scalability"], sector: sector,
                resonances: 10 + i / 2);
        var client = factory.CreateClient();
        var url = $"/cases?sector={sector.ToString().ToLowerInvariant()}&sort={sort}&tension=delivery-vs-scalability";
        var expected = Enumerable.Range(0, 25).Select(i => $"{sort} {i:00}").Reverse().ToList();

        var page1 = await GetAsync(client, url);
        var rows1 = Titles(page1);
        Assert.Equal(expected.Take(20), rows1);
        var next = NextLink(page1)!;

        await data.CaseAsync(author, $"{sort} newer", now, ["delivery-vs-scalability"], sector: sector, resonances: 100);

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
