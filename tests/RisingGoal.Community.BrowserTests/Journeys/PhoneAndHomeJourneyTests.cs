using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>The app with the demo content and caching on, as a first visitor sees it.</summary>
public sealed class DemoBrowserApp : CommunityAppFactory
{
    public DemoBrowserApp()
    {
        With("Community:DemoContent", "true");
        With("Caching:Enabled", "true");
    }
}

public sealed class DemoBrowserFixture : BrowserFixture<DemoBrowserApp>
{
    public Task<IPage> NewPageAsync(int width, int height) =>
        NewPageAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = width, Height = height } });
}

public sealed class PhoneAndHomeJourneyTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task No_page_scrolls_sideways_and_the_home_explains_invites_and_shows_a_pattern(int width, int height)
    {
        var page = await fixture.NewPageAsync(width, height);
        using var scope = fixture.App.Services.CreateScope();
        var first = await scope.ServiceProvider.GetRequiredService<CommunityDbContext>().Set<Case>()
            .Where(c => c.DemoId == "scale-up-80-okr-relance").Select(c => new { c.Id, c.Slug }).SingleAsync();
        foreach (var url in new[]
        {
            "/", "/cases", "/tensions/centralisation-vs-autonomy", "/cases?drift=apparent-alignment&tension=centralisation-vs-autonomy",
            CaseUrls.Read(first.Id, first.Slug), "/search?q=alignement", "/moderation/log", "/page-qui-n-existe-pas",
        })
        {
            await page.GotoAsync(url);
            var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"),
                await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
            Assert.True(scroll <= client, $"{url} at {width} px: scrollWidth {scroll} > clientWidth {client}");
        }

        await page.GotoAsync("/");
        Assert.Contains("Être synchronisé n’est pas être aligné.", await page.InnerTextAsync(".hero"));
        Assert.True(await page.IsVisibleAsync(".hero a.button[href='/cases/new']"));
        // The matrix (a table on wide screens, a list by tension on phones) shows a pattern, not the same count everywhere.
        var counts = width < 640
            ? await page.EvalOnSelectorAllAsync<int[]>(".matrix-list li", "lis => lis.map(li => li.classList.contains('heat-0') ? 0 : parseInt(li.querySelector('.count').textContent))")
            : await page.EvalOnSelectorAllAsync<int[]>("table.matrix tbody td", "tds => tds.map(td => td.classList.contains('heat-0') ? 0 : parseInt(td.textContent))");
        Assert.Equal(12, counts.Length);
        Assert.True(counts.Distinct().Count() >= 3, string.Join(",", counts));
        Assert.True(await page.IsVisibleAsync(width < 640 ? ".matrix-list" : "table.matrix"));
        Assert.True(await page.IsVisibleAsync(".matrix-legend"));   // the empty crossings' invite, said once at either width
        await page.AssertAccessibleAsync();
    }
}
