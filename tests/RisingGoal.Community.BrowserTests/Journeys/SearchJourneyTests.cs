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
        await page.ArriveAsync("**/search?q=budgetaire*");
        Assert.Contains("1 résultat", await page.TextContentAsync("#results-title"));
        Assert.Equal("Arbitrages", (await page.TextContentAsync("ol.search-hits h3 mark"))!.Trim());
        await page.AssertAccessibleAsync();

        await page.ClickAsync("ol.search-hits h3 a");
        await page.ArriveAsync("**/cases/*/arbitrages-budgetaires-repetes");
        Assert.Equal("Arbitrages budgétaires répétés", (await page.TextContentAsync("h1"))!.Trim());
        Assert.Contains("Un voisin du même thème", await page.TextContentAsync("section.related-cases"));
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/search?q=%22(%20NOT%20*");
        Assert.Matches(@"\b0\s+résultat\b", await page.TextContentAsync("#results-title"));   // French: singular for 0
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_results_of_a_search_come_on_the_first_screen_with_the_filters_folded_unless_one_is_set()
    {
        var author = await fixture.App.Seed(A.Member().Named("Chercheuse Mobile"));
        await fixture.App.Seed(A.Case().By(author).Titled("Des comités qui ne tranchent plus").Tagged("ambition-vs-execution"));
        await using var phone = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, Locale = "fr-FR", ViewportSize = new() { Width = 390, Height = 844 } });
        phone.SetDefaultTimeout(BrowserFixture.Patience);
        var page = await phone.NewPageAsync();

        await page.GotoAsync("/search?q=comites");
        var hit = page.Locator("ol.search-hits li").First;
        await Microsoft.Playwright.Assertions.Expect(hit).ToContainTextAsync("Des comités qui ne tranchent plus");
        var bottom = await hit.EvaluateAsync<double>("el => el.getBoundingClientRect().bottom + window.scrollY");
        Assert.True(bottom <= 844, $"The first result ends at {bottom:0} px, below a phone's first screen");
        Assert.False(await page.IsVisibleAsync("#search-tension"));   // folded under "Filtres : …"
        await page.ClickAsync("details.search-filters > summary");
        Assert.True(await page.IsVisibleAsync("#search-tension"));
        await page.AssertAccessibleAsync();

        // A filter in use stays in view, and so do all of them before any words are typed.
        await page.GotoAsync("/search?q=comites&tension=ambition-vs-execution");
        Assert.True(await page.IsVisibleAsync("#search-tension"));
        await page.GotoAsync("/search");
        Assert.True(await page.IsVisibleAsync("#search-tension"));
    }
}
