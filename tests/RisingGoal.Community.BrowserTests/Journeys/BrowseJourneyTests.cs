using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class BrowseJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_goes_from_a_matrix_cell_to_the_filtered_list_then_to_a_tension_page()
    {
        var app = fixture.App;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Lectrice"));
        var green = await app.Seed(A.Case().By(author).Titled("Des OKR verts, une équipe épuisée").PublishedAt(now.AddHours(-2))
            .Tagged("apparent-alignment", "ambition-vs-execution"));
        await app.Seed(A.Reply().On(green).By(author).At(now.AddHours(-2)));
        await app.Seed(A.Case().By(author).Titled("Un cadre sans culture").PublishedAt(now.AddHours(-1))
            .Tagged("invisible-trade-offs", "framework-vs-culture").UnderPseudonym("Hibou gris"));

        var page = await fixture.NewPageAsync("fr-FR");
        await page.GotoAsync("/");
        await page.AssertAccessibleAsync();

        await page.ClickAsync("table.matrix a[href='/cases?drift=apparent-alignment&tension=ambition-vs-execution']");
        await page.ArriveAsync("**/cases?drift=apparent-alignment&tension=ambition-vs-execution");
        var titles = await page.Locator(".case-row h3 a").AllTextContentsAsync();
        Assert.Equal(["Des OKR verts, une équipe épuisée"], titles.Select(t => t.Trim()));
        Assert.True(await page.IsCheckedAsync("input[name=tension][value=ambition-vs-execution]"));
        Assert.True(await page.IsCheckedAsync("input[name=drift][value=apparent-alignment]"));
        await page.AssertAccessibleAsync();

        // The form works without script: widen the filter to every drift type and apply it.
        await page.UncheckAsync("input[name=drift][value=apparent-alignment]");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.ArriveAsync("**/cases?tension=ambition-vs-execution*");
        Assert.Equal(1, await page.Locator(".case-row").CountAsync());

        await page.ClickAsync(".case-row a.tag[href='/tensions/ambition-vs-execution']");
        await page.ArriveAsync("**/tensions/ambition-vs-execution");
        Assert.Equal("Ambition vs exécution", (await page.TextContentAsync("h1"))!.Trim());   // the imported taxonomy name
        Assert.Contains("Des OKR verts, une équipe épuisée", await page.TextContentAsync("main"));
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/cases");
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/tags");
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/members/Lectrice");
        await page.AssertAccessibleAsync();
    }
}
