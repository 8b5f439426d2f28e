using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>
/// A member who comes back: the home's "new since your last visit" as a phone shows it. A visit ends after
/// <see cref="ReadTracking.VisitGap"/> without a page view, so the journey moves the app's clock past it between two
/// visits (the visit is also kept in memory per member, keyed on that clock: no sleep, no wall clock).
/// RG_SHOTS: screenshots folder.
/// </summary>
public sealed class ReturningMemberJourneyTests(ModerationBrowserFixture fixture) : IClassFixture<ModerationBrowserFixture>
{
    [Fact]
    public async Task Back_after_a_visit_a_member_s_home_shows_the_new_case_and_the_new_replies_of_a_followed_discussion_at_phone_width()
    {
        var member = await fixture.App.Seed(A.Member().Named("Lectrice Fidèle"));
        var author = await fixture.App.Seed(A.Member().Named("Autrice Régulière"));
        var followed = await fixture.App.Seed(A.Case().By(author).Titled("Des revues propres, des arbitrages ailleurs").FollowedBy(member));
        var page = await fixture.NewPageAsAsync(member, "fr-FR", new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } });

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".your-space")).ToBeVisibleAsync();   // first visit: nothing to compare with
        await AssertOnFirstScreenAsync(page, ".your-space li:last-child a");
        await page.ShotAsync("returning-member-first-visit-390");

        fixture.App.Clock.Advance(ReadTracking.VisitGap + TimeSpan.FromMinutes(1));
        await fixture.App.Seed(A.Reply().On(followed).By(author).Saying("Chez nous aussi, les arbitrages se faisaient en couloir."));
        await fixture.App.Seed(A.Case().By(author).Titled("Un comité qui ne tranche plus"));
        await page.GotoAsync("/");

        var since = page.Locator(".since-visit");
        await Assertions.Expect(since.Locator("li", new() { HasText = "Un comité qui ne tranche plus" })).ToContainTextAsync("nouveau cas");
        await Assertions.Expect(since.Locator("li", new() { HasText = "Des revues propres, des arbitrages ailleurs" })).ToContainTextAsync("1 nouvelle réponse");
        await AssertOnFirstScreenAsync(page, ".since-visit-list li:last-child");   // before the hero's pitch, which members skip
        // Every link of the card stands alone (a title, its new replies, the ways on): a thumb's 44 px target.
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.since-visit a')].map(a => ({ a, h: a.getBoundingClientRect().height }))
              .filter(t => t.h < 44).map(t => `"${t.a.textContent.trim()}" ${Math.round(t.h)} px`)
            """);
        Assert.True(small.Length == 0, "small targets in “new since your last visit”: " + string.Join(", ", small));
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"));
        await page.AssertAccessibleAsync();
        await page.ShotAsync("returning-member-home-390");
        await page.Context.CloseAsync();
    }

    /// <summary>The element ends within the first screen (844 px), the page not scrolled.</summary>
    private static async Task AssertOnFirstScreenAsync(IPage page, string selector)
    {
        var bottom = await page.Locator(selector).EvaluateAsync<double>("el => el.getBoundingClientRect().bottom + window.scrollY");
        Assert.True(bottom <= 844, $"{selector} ends at {bottom:0} px, below a phone's first screen (844 px)");
    }
}
