using RisingGoal.Community.BrowserTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class LanguageJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_reads_the_site_in_french_then_switches_to_english()
    {
        var page = await fixture.NewPageAsync("fr-FR");
        await page.GotoAsync("/");
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await page.AssertAccessibleAsync();

        await page.ClickAsync("form.lang-switch button[value=en]");
        await page.WaitForLoadStateAsync();
        Assert.True(page.Url.TrimEnd('/') == fixture.BaseUrl, page.Url + "\n" + await page.ContentAsync());
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Skip to content", await page.ContentAsync());
        await page.AssertAccessibleAsync();
    }
}
