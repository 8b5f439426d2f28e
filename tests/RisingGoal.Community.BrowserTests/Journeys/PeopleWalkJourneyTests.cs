using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

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

    public static TheoryData<string, int> LanguagesAndWidths => new() { { "fr", 390 }, { "fr", 1366 }, { "en", 390 }, { "en", 1366 } };

    /// <summary>The member's own pages, as the account menu lists them.</summary>
    private static readonly string[] OwnPages =
    [
        "/account", "/account/drafts", "/account/saved", "/notifications", "/digests/preferences", "/account/email",
        "/account/password", "/account/display-name", "/account/two-factor", "/account/delete",   // not /account/export: a download
    ];

    /// <summary>
    /// The pages a practitioner comes back to, in the states that change them: the home of a visitor, of a new member and
    /// of a member with a draft, notifications and new replies; their own pages empty and full; their profile; a long
    /// discussion (three pages) entered by its first unread reply. No sideways scroll, axe clean. RG_SHOTS: a screenshot
    /// of each, to look at.
    /// </summary>
    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task A_practitioner_s_pages_fit_and_pass_axe_empty_and_full_at_both_widths_in_both_languages(string language, int width)
    {
        var locale = language == "fr" ? "fr-FR" : "en-GB";
        var screen = new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = width < 600 ? 844 : 900 } };
        var name = $"{language}-{width}";

        var visitor = await fixture.NewPageAsAsync(null, locale, screen);
        await visitor.GotoAsync("/");
        await AssertFitsAsync(visitor);
        await visitor.ShotAsync($"walk-home-visitor-{name}");
        await visitor.Context.CloseAsync();

        var newcomer = await fixture.App.Seed(A.Member().Named($"Nouvelle Venue {language} {width}").Speaking(language));
        var fresh = await fixture.NewPageAsAsync(newcomer, locale, screen);
        foreach (var path in new[] { "/" }.Concat(OwnPages.Take(4)))
        {
            await fresh.GotoAsync(path);
            await AssertFitsAsync(fresh);
            await fresh.ShotAsync($"walk-new{Slug(path)}-{name}");
        }
        await fresh.Context.CloseAsync();

        var regular = await fixture.App.Seed(A.Member().Named($"Praticienne Fidèle {language} {width}").Speaking(language));
        var author = await fixture.App.Seed(A.Member().Named($"Autrice Bavarde {language} {width}"));
        using (var scope = fixture.App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Drafts>().SaveAsync(Guid.NewGuid(), regular.Id, new CaseInput { Title = "Un cas commencé hier soir" }, default);
        await fixture.App.Seed(A.Case().By(regular).Titled($"Mon cas : des revues sans décision ({language} {width})").WithReplies(2));
        var discussion = await fixture.App.Seed(A.Case().By(author).Titled($"Une discussion qui s’étend sur trois pages ({language} {width})")
            .WithReplies(110).FollowedBy(regular));
        var page = await fixture.NewPageAsAsync(regular, locale, screen);
        await page.GotoAsync(CaseUrls.Read(discussion.Id, discussion.Slug));   // read once: later replies are new to her
        fixture.App.Clock.Advance(ReadTracking.VisitGap + TimeSpan.FromMinutes(1));
        for (var i = 1; i <= 3; i++)
        {
            var reply = await fixture.App.Seed(A.Reply().On(discussion).By(author).Saying($"Une suite, la {i}e depuis sa dernière visite."));
            await fixture.App.InScopeAsync(sp => sp.GetRequiredService<NotificationCenter>().ReplyPublishedAsync(discussion.Id, reply.Id));
        }

        foreach (var path in new[] { "/" }.Concat(OwnPages).Append(BrowseUrls.Member(regular.DisplayName)))
        {
            await page.GotoAsync(path);
            await AssertFitsAsync(page);
            await page.ShotAsync($"walk-member{Slug(path)}-{name}");
            if (path == "/account/drafts")   // "saved on <date>" was cut after "enregistré le" on a phone
                Assert.True(await page.Locator(".drafts-list li > .meta").EvaluateAsync<bool>(
                    "el => el.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(el).fontSize)"), "a draft's date is cut over two lines");
        }
        await page.GotoAsync(CaseUrls.Read(discussion.Id, discussion.Slug));
        await AssertFitsAsync(page);
        await page.ShotAsync($"walk-discussion-page-1-{name}");
        await page.Locator("#first-unread a").ClickAsync();
        await page.ArriveAsync("**?page=*#reply-*");   // the first reply past those she read on page 1
        await AssertFitsAsync(page);
        await page.ShotAsync($"walk-discussion-first-unread-{name}");
        await page.Context.CloseAsync();
    }

    private static string Slug(string path) => path == "/" ? "-home" : path.StartsWith("/members/", StringComparison.Ordinal) ? "-profile" : path.Replace('/', '-');

    private static async Task AssertFitsAsync(IPage page)
    {
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"), "the page scrolls sideways");
        await page.AssertAccessibleAsync();
    }
}
