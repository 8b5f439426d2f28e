using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>
/// A member's own space and the staff's view of them, as a phone and a laptop show them, in both languages: long e-mail
/// addresses and names wrap at their seams (after "@", before a dot) and never scroll the page sideways; a message thread
/// whose moderator erased their account reads cleanly. Axe clean. RG_SHOTS: screenshots.
/// </summary>
public sealed class PeopleSpacesJourneyTests(ModerationBrowserFixture fixture) : IClassFixture<ModerationBrowserFixture>
{
    private static BrowserNewContextOptions Screen(int width) => new() { ViewportSize = new() { Width = width, Height = width < 600 ? 844 : 900 } };
    private static string Locale(string language) => language == "fr" ? "fr-FR" : "en-GB";

    public static TheoryData<string, int> LanguagesAndWidths => new() { { "fr", 390 }, { "fr", 1366 }, { "en", 390 }, { "en", 1366 } };

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task Long_addresses_and_names_wrap_at_their_seams_without_sideways_scroll(string language, int width)
    {
        var email = $"marie-charlotte.delacroix-villeneuve.{language}{width}@direction-transformation.exemple-organisation.example";
        var name = $"Marie-Charlotte_Delacroix.Villene-{language}{width}";   // 39 or 40 characters, the most allowed
        var member = await fixture.App.Seed(A.Member().Named(name).WithEmail(email).Speaking(language));
        var staff = await fixture.App.Seed(A.Member().Named($"Modo Longs Noms {language} {width}").WithRole(Roles.Moderator).Speaking(language));
        var page = await fixture.NewPageAsAsync(member, Locale(language), Screen(width));
        var shot = $"{language}-{width}";

        await page.GotoAsync("/account");
        var address = page.Locator("main .account-email");
        await Assertions.Expect(address).ToHaveTextAsync(email);
        await AssertBreaksOnlyAtSeamsAsync(address);
        await AssertFitsAsync(page);
        await page.ShotAsync($"account-long-{shot}");

        await AssertBreaksOnlyAtSeamsAsync(page.Locator("main .member-name"));
        await page.GotoAsync("/account/email");
        await AssertBreaksOnlyAtSeamsAsync(page.Locator("main .account-email"));
        await AssertFitsAsync(page);
        await page.ShotAsync($"account-email-long-{shot}");

        await page.GotoAsync(BrowseUrls.Member(name));
        await AssertBreaksOnlyAtSeamsAsync(page.Locator("main h1"));
        await AssertFitsAsync(page);
        await page.ShotAsync($"profile-long-{shot}");

        await page.GotoAsync("/cases/new");
        await page.FillAsync("#Input_Pseudonym", "Responsable.Transformation_Organisationnelle-Régionale");
        await AssertFitsAsync(page);

        var moderator = await fixture.NewPageAsAsync(staff, Locale(language), Screen(width));
        await moderator.GotoAsync($"/moderation/members/{member.Id}");
        await AssertBreaksOnlyAtSeamsAsync(moderator.Locator("main h1"));
        await AssertFitsAsync(moderator);
        await moderator.ShotAsync($"staff-member-long-{shot}");
        await moderator.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task A_staff_thread_whose_moderator_erased_their_account_reads_cleanly(string language, int width)
    {
        var former = language == "fr" ? "(Ancien membre)" : "(Former member)";
        var author = await fixture.App.Seed(A.Member().Named($"Autrice Fil {language} {width}"));
        var leaving = await fixture.App.Seed(A.Member().Named($"Modo Partant {language} {width}").WithRole(Roles.Moderator));
        var staying = await fixture.App.Seed(A.Member().Named($"Modo Restante {language} {width}").WithRole(Roles.Moderator).Speaking(language));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled($"Un cas dont on parle ({language} {width})"));
        var leaver = await fixture.NewPageAsAsync(leaving, Locale(language), Screen(width));
        await leaver.GotoAsync($"/moderation/messages/write/case/{@case.Id}");
        await leaver.FillAsync("#message-body", "Pourriez-vous préciser le contexte ? Le deuxième paragraphe cite une équipe reconnaissable.");
        await leaver.ClickAsync("form.message-form button[type=submit]");
        await leaver.ArriveAsync("**/moderation/messages/*");
        var thread = new Uri(leaver.Url).AbsolutePath;
        await leaver.GotoAsync("/account/delete");
        await leaver.FillAsync("#Input_Password", MemberBuilder.Password);
        await leaver.ClickAsync("main form button.danger");
        await leaver.ArriveAsync(url => !url.Contains("/account/delete"));
        await leaver.Context.CloseAsync();

        var page = await fixture.NewPageAsAsync(staying, Locale(language), Screen(width));
        await page.GotoAsync(thread);
        var line = page.Locator("ol.conversation li.from-moderators .meta").First;
        await Assertions.Expect(line).ToContainTextAsync(former);
        await AssertFitsAsync(page);
        await page.ShotAsync($"staff-thread-former-{language}-{width}");
        await page.Locator("ol.conversation").ShotAsync($"staff-thread-former-conversation-{language}-{width}");
        await page.Context.CloseAsync();
    }

    /// <summary>Each line of the element ends at a seam of an address or a name: after "@" or a space, before ".", "-" or "_".</summary>
    private static async Task AssertBreaksOnlyAtSeamsAsync(ILocator element)
    {
        var breaks = await element.EvaluateAsync<string[]>("""
            el => {
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              const chars = [];
              for (let n = walker.nextNode(); n; n = walker.nextNode())
                for (let i = 0; i < n.data.length; i++) {
                  const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                  const box = r.getClientRects()[0];
                  if (box) chars.push({ c: n.data[i], top: Math.round(box.top) });
                }
              const found = [];
              for (let i = 1; i < chars.length; i++)
                if (chars[i].top > chars[i - 1].top + 2) found.push(chars[i - 1].c + chars[i].c);
              return found;
            }
            """);
        Assert.All(breaks, b => Assert.True(b[0] is '@' or ' ' || b[1] is '.' or '-' or '_',
            $"a line breaks inside a word, between “{b[0]}” and “{b[1]}”"));
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"), $"{page.Url} scrolls sideways");
        await page.AssertAccessibleAsync();
    }
}
