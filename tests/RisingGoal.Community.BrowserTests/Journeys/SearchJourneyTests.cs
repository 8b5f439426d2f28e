using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class SearchJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_searches_from_the_header_without_accents_and_opens_the_result()
    {
        var app = fixture.App;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Chercheur"));
        await app.Seed(A.Case().By(author).Titled("Arbitrages budgétaires répétés").PublishedAt(now.AddHours(-2)).Tagged("ambition-vs-execution", "apparent-alignment"));
        await app.Seed(A.Case().By(author).Titled("Un voisin du même thème").PublishedAt(now.AddHours(-1)).Tagged("ambition-vs-execution"));

        var page = await fixture.NewPageAsync("fr-FR");
        await page.GotoAsync("/");
        await page.FillAsync("header form[role=search] input[name=q]", "budgetaire arbitrage");
        await page.ClickAsync("header form[role=search] button[type=submit]");
        await page.WaitForURLAsync("**/search?q=budgetaire*");
        Assert.Contains("1 résultat", await page.TextContentAsync("#results-title"));
        Assert.Equal("Arbitrages", (await page.TextContentAsync("ol.search-hits h3 mark"))!.Trim());
        await page.AssertAccessibleAsync();

        await page.ClickAsync("ol.search-hits h3 a");
        await page.WaitForURLAsync("**/cases/*/arbitrages-budgetaires-repetes");
        Assert.Equal("Arbitrages budgétaires répétés", (await page.TextContentAsync("h1"))!.Trim());
        Assert.Contains("Un voisin du même thème", await page.TextContentAsync("section.related-cases"));
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/search?q=%22(%20NOT%20*");
        Assert.Matches(@"\b0\s+résultat\b", await page.TextContentAsync("#results-title"));   // French: singular for 0
        await page.AssertAccessibleAsync();
    }
}
