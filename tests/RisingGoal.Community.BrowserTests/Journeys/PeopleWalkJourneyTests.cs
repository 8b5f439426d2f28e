using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>
/// The pages that decide whether a practitioner posts and comes back, as a phone and a laptop show them: the home of a
/// member with a draft (the line to resume it), a discussion's reply actions after the text (44 px targets on a phone),
/// and the composer after a failed submit (label, hint, error, field). No sideways scroll, axe clean. RG_SHOTS: screenshots.
/// </summary>
public sealed class PeopleWalkJourneyTests(ModerationBrowserFixture fixture) : IClassFixture<ModerationBrowserFixture>
{
    [Theory]
    [InlineData("fr", 390, "1 brouillon en cours")]
    [InlineData("fr", 1366, "1 brouillon en cours")]
    [InlineData("en", 390, "1 draft in progress")]
    [InlineData("en", 1366, "1 draft in progress")]
    public async Task A_member_with_a_draft_finds_it_on_the_home_reads_replies_then_their_actions_and_writes_with_hints_under_labels(string language, int width, string draftLine)
    {
        var member = await fixture.App.Seed(A.Member().Named($"Praticienne {language} {width}").Speaking(language));
        using (var scope = fixture.App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Drafts>().SaveAsync(Guid.NewGuid(), member.Id, new CaseInput { Title = "Un cas commencé hier" }, default);
        var author = await fixture.App.Seed(A.Member().Named($"Autrice {language} {width}"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled($"Des revues propres, des arbitrages ailleurs ({language} {width})"));
        await fixture.App.Seed(A.Reply().On(@case).By(author).Saying("Chez nous aussi, les arbitrages se faisaient en couloir, loin des revues."));
        var page = await fixture.NewPageAsAsync(member, language == "fr" ? "fr-FR" : "en-GB",
            new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = width < 600 ? 844 : 900 } });
        var name = $"{language}-{width}";

        await page.GotoAsync("/");
        var drafts = page.Locator("main .your-drafts a");
        await Assertions.Expect(drafts).ToHaveTextAsync(draftLine);
        await Assertions.Expect(drafts).ToHaveAttributeAsync("href", "/account/drafts");
        await AssertFitsAsync(page);
        await page.ShotAsync($"home-member-draft-{name}");
        await page.Locator(".your-space").ShotAsync($"home-your-space-{name}");

        await page.GotoAsync(CaseUrls.Read(@case.Id, @case.Slug));
        var actions = page.Locator("article.reply .reply-actions a");
        await Assertions.Expect(actions).ToHaveCountAsync(2);
        if (width < 600)
            foreach (var box in await Task.WhenAll((await actions.AllAsync()).Select(a => a.BoundingBoxAsync())))
                Assert.True(box!.Height >= 44, $"a reply action is {box.Height:0} px high on a phone");
        await AssertFitsAsync(page);
        await page.ShotAsync($"case-reply-actions-{name}");
        await page.Locator("article.reply").First.ShotAsync($"reply-{name}");

        await page.GotoAsync("/cases/new");
        await page.Locator("form.composer button[type=submit]:not([formaction])").First.ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToBeVisibleAsync();
        var first = page.Locator(".composer-section").First;
        var (label, hint, field) = (await first.Locator("label").BoundingBoxAsync(), await first.Locator(".composer-help").BoundingBoxAsync(),
            await first.Locator("textarea").BoundingBoxAsync());
        Assert.True(label!.Y < hint!.Y, "the hint is above its label");
        if (width < 600) Assert.True(hint.Y < field!.Y, "the hint is not between the label and the field on a phone");
        else Assert.True(hint.X > field!.X + field.Width, "the hint is not beside the field on a wide screen");
        await AssertFitsAsync(page);
        await page.ShotAsync($"composer-errors-{name}");
        await first.ShotAsync($"composer-first-section-{name}");
        await page.Locator(".composer-section").Nth(1).ShotAsync($"composer-second-section-{name}");
        await page.Context.CloseAsync();
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"), "the page scrolls sideways");
        await page.AssertAccessibleAsync();
    }
}
