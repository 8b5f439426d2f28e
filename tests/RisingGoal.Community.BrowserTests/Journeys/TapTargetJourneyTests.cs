using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>
/// On a phone, what a thumb presses on the pages that decide whether a practitioner posts and comes back (home,
/// composer, their account) is at least 44 px high: buttons, fields, the menu and the site name, the links that stand alone as actions, and
/// the home matrix's links (on a phone, a list by tension).
/// Links inside a sentence are exempt (WCAG 2.5.8), so are checkboxes and radios, which sit inside their label.
/// </summary>
public sealed class TapTargetJourneyTests(ModerationBrowserFixture fixture) : IClassFixture<ModerationBrowserFixture>
{
    /// <summary>What a thumb presses on a phone.</summary>
    private const string PhoneTargets = """
        header summary, header a.brand, footer nav a, main button, main select,
        main input:not([type=checkbox], [type=radio], [type=hidden]),
        main :is(.actions, .dashboard-links, .member-shortcuts, .matrix-list, .account-links, .dashboard-now li) a,
        main article .meta span > a, main :is(.flag-link, .quote-link), main details > summary, main .queue-links a,
        main .cell-definitions dt a, main .to-results a
        """;

    /// <summary>The links a small page is for, at any width: an error page's ways on, a tag page's settings and feed.</summary>
    private const string MainLinks = "main :is(.error-tensions, .next-steps, .tag-actions) a, main .error-page > p:last-child > a";

    /// <summary>The main link of every list row: a case's title in lists and search, a row of the member's own lists.</summary>
    private const string RowLinks = """
        main :is(.case-row, .search-hits li) h3 > a, main .notification-group h2 > a,
        main :is(.dashboard-list, .since-visit-list, .related-cases ul, .notification-list, .reply-list) > li > a:first-child
        """;

    /// <summary>Goes to <paramref name="path"/> and lists the targets of <paramref name="selector"/> under 44 px high.</summary>
    private static async Task<IEnumerable<string>> SmallTargetsAsync(IPage page, string path, string selector)
    {
        await page.GotoAsync(path);
        var small = await page.EvaluateAsync<string[]>("""
            selector => [...document.querySelectorAll(selector)]
              .map(el => ({ el, box: el.getBoundingClientRect() }))
              .filter(t => t.box.height > 0 && t.box.height < 44 && !t.el.classList.contains('link-button'))
              .map(t => `${t.el.tagName.toLowerCase()} "${(t.el.innerText || t.el.name || '').trim()}" ${Math.round(t.box.height)} px`)
            """, selector);
        return small.Select(t => $"{path}: {t}");
    }

    [Fact]
    public async Task At_phone_width_home_composer_and_account_targets_are_at_least_44_px_high_and_pass_axe()
    {
        var member = await fixture.App.Seed(A.Member().Named("Pouce Mobile"));
        var page = await fixture.NewPageAsAsync(member, "fr-FR", new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } });
        var small = new List<string>();
        foreach (var path in new[] { "/", "/cases/new", "/account", "/cases?drift=apparent-alignment&tension=ambition-vs-execution" })
        {
            small.AddRange(await SmallTargetsAsync(page, path, PhoneTargets));
            await page.AssertAccessibleAsync();   // larger targets and the new texts keep these pages accessible
        }
        Assert.True(small.Count == 0, string.Join("\n", small));
        Assert.Equal("Rising Goal Community", await page.InnerTextAsync(".site-header .brand"));   // made taller, not run together
        // The cell page (last): its filters fill a screen and a half, a link skips them to the results.
        Assert.True(await page.IsVisibleAsync(".to-results a[href='#results-title']"));
        Assert.Equal(1, await page.Locator("h2#results-title").CountAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>On a desktop too, where a link is the main target of a small page: an error page's ways on, a tag page's settings.</summary>
    [Fact]
    public async Task At_desktop_width_the_links_an_error_page_or_a_tag_page_is_for_are_at_least_44_px_high()
    {
        var member = await fixture.App.Seed(A.Member().Named("Souris Bureau"));
        var page = await fixture.NewPageAsAsync(member, "fr-FR", new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 900 } });
        var small = new List<string>();
        foreach (var path in new[] { "/page-qui-n-existe-pas", "/moderation", "/tensions/framework-vs-culture" })
            small.AddRange(await SmallTargetsAsync(page, path, MainLinks));
        Assert.True(small.Count == 0, string.Join("\n", small));
        Assert.Equal(2, await page.Locator(".tag-actions a").CountAsync());   // the tag page's links were measured, not none
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_phone_width_a_case_page_s_own_actions_and_the_moderation_queue_s_are_at_least_44_px_high()
    {
        var reader = await fixture.App.Seed(A.Member().Named("Pouce Lecteur"));
        var author = await fixture.App.Seed(A.Member().Named("Pouce Autrice"));
        var moderator = await fixture.App.Seed(A.Member().Named("Pouce Modo").WithRole(Roles.Moderator));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Des revues propres, des arbitrages ailleurs")
            .Tagged(TagKind.DriftType, "apparent-alignment", "invisible-trade-offs").Tagged("ambition-vs-execution", "centralisation-vs-autonomy", "delivery-vs-scalability"));
        await fixture.App.Seed(A.Reply().On(@case).By(author).Saying("Les arbitrages se faisaient en couloir."));   // flag, quote
        await fixture.App.Seed(A.Reply().On(@case).By(reader).Saying("Chez nous aussi."));                            // edit, quote
        await fixture.App.Seed(A.Case().By(A.Member().Named("Pouce Nouveau")).Titled("Un premier cas à relire").Pending());
        var phone = new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } };
        var small = new List<string>();
        foreach (var (who, path) in new[] { (reader, $"/cases/{@case.Id}/{@case.Slug}"), (moderator, "/moderation") })
        {
            var page = await fixture.NewPageAsAsync(who, "fr-FR", phone);
            small.AddRange(await SmallTargetsAsync(page, path, PhoneTargets));
            if (who == reader)
            {
                Assert.Equal(5, await page.Locator(CaseChips).CountAsync());
                small.AddRange(await SmallChipsAsync(page, CaseChips));
            }
            await page.Context.CloseAsync();
        }
        Assert.True(small.Count == 0, string.Join("\n", small));
    }

    private const string CaseChips = ".case-context .case-tags a.tag";

    /// <summary>
    /// Tag chips keep their look (a line of small pills) but take a 44 px tap: the points 21 px above and below a chip's
    /// middle still hit that chip, and no other chip's. Lists the chips that fail, or that grew.
    /// </summary>
    private static async Task<IEnumerable<string>> SmallChipsAsync(IPage page, string chips)
    {
        return await page.EvaluateAsync<string[]>("""
            chips => [...document.querySelectorAll(chips)].flatMap(chip => {
              chip.scrollIntoView({ block: 'center', behavior: 'instant' });
              const box = chip.getBoundingClientRect(), x = box.left + box.width / 2, y = box.top + box.height / 2;
              const missed = [y - 21, y + 21].filter(at => document.elementFromPoint(x, at)?.closest('a.tag') !== chip);
              return [
                ...(missed.length ? [`chip "${chip.textContent}": ${box.height.toFixed(0)} px, a tap ${missed.map(at => (at - y).toFixed(0)).join(' and ')} px from its middle misses it`] : []),
                ...(box.height > 30 && !chip.textContent.includes(' ') ? [`chip "${chip.textContent}" grew to ${box.height.toFixed(0)} px`] : []),
              ];
            })
            """, chips);
    }

    /// <summary>
    /// The tag chips of list rows (home, all cases, a tag page, a profile) take a 44 px tap on a phone without taking
    /// another link's: the middle of every other link of a row (title, author, new replies) still hits that link.
    /// </summary>
    [Fact]
    public async Task At_phone_width_the_tag_chips_of_list_rows_take_a_44_px_tap_and_leave_the_rows_other_links_alone()
    {
        var author = await fixture.App.Seed(A.Member().Named("Puce Autrice"));
        await fixture.App.Seed(A.Case().By(author).Titled("Des puces trop petites pour un pouce")
            .Tagged(TagKind.DriftType, "apparent-alignment", "invisible-trade-offs").Tagged("ambition-vs-execution", "centralisation-vs-autonomy", "delivery-vs-scalability"));
        var page = await fixture.NewPageAsAsync(author, "fr-FR", new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } });
        var missed = new List<string>();
        foreach (var path in new[] { "/", "/cases", "/tensions/ambition-vs-execution", "/members/Puce%20Autrice" })
        {
            await page.GotoAsync(path);
            Assert.True(await page.Locator(".case-row .case-tags a.tag").CountAsync() >= 5, $"{path}: no chips measured");
            missed.AddRange((await SmallChipsAsync(page, ".case-row .case-tags a.tag")).Select(m => $"{path}: {m}"));
            missed.AddRange((await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.case-row a:not(.tag)')].flatMap(link => {
                  link.scrollIntoView({ block: 'center', behavior: 'instant' });
                  const box = link.getClientRects()[0], hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                  return hit?.closest('a') === link ? [] : [`"${link.textContent.trim()}": its middle hits ${hit?.closest('a')?.textContent ?? hit?.tagName}`];
                })
                """)).Select(m => $"{path}: {m}"));
        }
        Assert.True(missed.Count == 0, string.Join("\n", missed));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// A title in a list was a 24-26 px link on a phone: the main link of every list row is a 44 px target there
    /// (padding, not a bigger font), and a desktop row keeps its size.
    /// </summary>
    [Fact]
    public async Task At_phone_width_the_main_link_of_every_list_row_is_at_least_44_px_high_and_desktop_rows_keep_their_size()
    {
        var author = await fixture.App.Seed(A.Member().Named("Rangée Autrice"));
        var reader = await fixture.App.Seed(A.Member().Named("Rangée Lectrice"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Des rangées faciles à toucher").Tagged("ambition-vs-execution"));
        var reply = await fixture.App.Seed(A.Reply().On(@case).By(reader).Saying("Chez nous, les rangées étaient minuscules."));
        await fixture.App.InScopeAsync(sp => sp.GetRequiredService<NotificationCenter>().ReplyPublishedAsync(@case.Id, reply.Id));
        string[] paths = ["/", "/cases", "/tensions/ambition-vs-execution", "/members/Rang%C3%A9e%20Autrice", "/account", "/notifications"];

        var phone = await fixture.NewPageAsAsync(author, "fr-FR", new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } });
        var small = new List<string>();
        foreach (var path in paths)
        {
            small.AddRange(await SmallTargetsAsync(phone, path, RowLinks));
            Assert.True(await phone.Locator(RowLinks).CountAsync() > 0, $"{path}: no list row measured");
        }
        Assert.True(small.Count == 0, string.Join("\n", small));
        await phone.Context.CloseAsync();

        var desktop = await fixture.NewPageAsAsync(author, "fr-FR", new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 900 } });
        var tall = new List<string>();
        foreach (var path in paths)
        {
            await desktop.GotoAsync(path);
            var heights = await desktop.EvalOnSelectorAllAsync<double[]>(RowLinks.Replace("\n", " "), "els => els.map(e => e.getBoundingClientRect().height)");
            tall.AddRange(heights.Where(h => h >= 44).Select(h => $"{path}: {h} px"));
        }
        Assert.True(tall.Count == 0, string.Join("\n", tall));
        await desktop.Context.CloseAsync();
    }
}
