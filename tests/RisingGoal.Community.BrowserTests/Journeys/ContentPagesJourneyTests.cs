using RisingGoal.Community.BrowserTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class ContentPagesJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_opens_the_guidelines_from_the_footer_then_reads_them_in_english()
    {
        var page = await fixture.NewPageAsync("fr-FR");
        await page.GotoAsync("/");

        await page.ClickAsync("footer a[href='/pages/guidelines']");
        await page.ArriveAsync("**/pages/guidelines");
        Assert.Equal("Charte de la communauté", (await page.TextContentAsync("main h1"))?.Trim());
        Assert.Contains("pseudonyme", await page.TextContentAsync("main article") ?? "");
        await page.AssertAccessibleAsync();

        await page.ClickAsync("form.lang-switch button[value=en]");
        await page.ArriveAsync("**/pages/guidelines");
        Assert.Equal("Community guidelines", (await page.TextContentAsync("main h1"))?.Trim());
        await page.AssertAccessibleAsync();

        await page.ClickAsync("footer a[href='/pages/writing-a-good-case']");
        await page.ArriveAsync("**/pages/writing-a-good-case");
        Assert.Equal("Writing a good case", (await page.TextContentAsync("main h1"))?.Trim());
        await page.AssertAccessibleAsync();
    }
}
