using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>
/// Every page of the inventory, as the reader it is meant for, at desktop (1366 × 900) and phone (390 × 844) widths,
/// in light and dark, in French and English: a full-page screenshot each under the test output's
/// <c>screenshots/</c> folder (so a reviewer sees them all at once after a change), no sideways scroll, and axe
/// (serious and critical) on the desktop views of both themes. By default English is taken in light only (the
/// layout is the same; French, the longer text, is taken in both themes); <c>RG_PAGE_INVENTORY=full</c> takes every variant.
/// </summary>
public sealed class PageInventoryTests(ModerationBrowserFixture fixture) : IClassFixture<ModerationBrowserFixture>
{
    private enum Reader { Visitor, Member, Moderator, Administrator }

    private sealed record Entry(string Name, string Path, Reader Reader);

    private static readonly (string Name, int Width, int Height)[] Widths = [("desktop", 1366, 900), ("phone", 390, 844)];

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Every variant, or (the default, to keep the suite's run short) English in the light theme only.</summary>
    private static bool Full => Environment.GetEnvironmentVariable("RG_PAGE_INVENTORY") == "full";
    /// <summary>A tension the taxonomy import always brings.</summary>
    private const string Tension = "ambition-vs-execution";

    /// <summary>The inventory: each route with a sample URL, for the reader who sees it.</summary>
    private async Task<IReadOnlyList<Entry>> InventoryAsync()
    {
        var author = await fixture.App.Seed(A.Member().Named("Camille Inventaire"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Des OKR propres, une tension intacte")
            .Saying("## Ce qui s'est passé\n\nLe programme tournait bien : les cycles s'enchaînaient. Pourquoi ? Personne ne l'a demandé !\n\n- `code : intact`\n- https://exemple.fr/l'a?b=1"));
        await fixture.App.Seed(A.Reply().On(@case.Id).By(author).Saying("Même chose chez nous : « aligné » sans l'être."));
        var newcomer = await fixture.App.Seed(A.Member().Named("Nouvelle Venue"));
        await fixture.App.Seed(A.Case().By(newcomer).Titled("Un premier cas en attente").Pending());
        return
        [
            new("home", "/", Reader.Visitor),
            new("cases", "/cases", Reader.Visitor),
            new("case", $"/cases/{@case.Id}/{@case.Slug}", Reader.Visitor),
            new("tension", "/tensions/" + Tension, Reader.Visitor),
            new("drift", "/drifts/apparent-alignment", Reader.Visitor),
            new("tags", "/tags", Reader.Visitor),
            new("search", "/search?q=OKR", Reader.Visitor),
            new("like-mine", "/cases/like-mine?size=from51to200&tension=" + Tension, Reader.Visitor),
            new("profile", "/members/" + Uri.EscapeDataString(author.DisplayName), Reader.Visitor),
            new("about", "/pages/about", Reader.Visitor),
            new("login", "/account/login", Reader.Visitor),
            new("register", "/account/register", Reader.Visitor),
            new("moderation-log", "/moderation/log", Reader.Visitor),
            new("takedown", "/takedown", Reader.Visitor),
            new("not-found", "/pages/no-such-page", Reader.Visitor),
            new("account", "/account", Reader.Member),
            new("drafts", "/account/drafts", Reader.Member),
            new("saved", "/account/saved", Reader.Member),
            new("notifications", "/notifications", Reader.Member),
            new("digest-settings", "/digests/preferences", Reader.Member),
            new("composer", "/cases/new", Reader.Member),
            new("moderation-queue", "/moderation", Reader.Moderator),
            new("digest-admin", "/admin/digests", Reader.Administrator),
            new("outbox", "/admin/outbox", Reader.Administrator),
        ];
    }

    [Fact]
    public async Task Every_inventoried_page_fits_the_phone_passes_axe_in_both_themes_and_is_screenshot_in_every_variant()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var faultsFile = Path.Combine(ScreenshotFolder, "faults.txt");
        File.WriteAllText(faultsFile, "");
        var inventory = await InventoryAsync();
        var readers = new Dictionary<Reader, Member?>
        {
            [Reader.Visitor] = null,
            [Reader.Member] = await fixture.App.Seed(A.Member().Named("Membre Inventaire")),
            [Reader.Moderator] = await fixture.App.Seed(A.Member().Named("Modo Inventaire").WithRole(Roles.Moderator)),
            [Reader.Administrator] = await fixture.App.Seed(A.Member().Named("Admin Inventaire").WithRole(Roles.Administrator)),
        };
        var faults = new List<string>();
        foreach (var (language, locale) in new[] { ("fr", "fr-FR"), ("en", "en-GB") })
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark }.Where(s => Full || language == "fr" || s == ColorScheme.Light))
                foreach (var (widthName, width, height) in Widths)
                    foreach (var group in inventory.GroupBy(e => e.Reader))
                    {
                        var page = await NewPageAsync(readers[group.Key], locale, scheme, width, height);
                        foreach (var entry in group)
                        {
                            var variant = $"{entry.Name}-{widthName}-{language}-{scheme.ToString().ToLowerInvariant()}";
                            await page.GotoAsync(entry.Path);
                            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, variant + ".png"), FullPage = true });
                            var found = new List<string>();
                            if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"))
                                found.Add($"{variant} ({entry.Path}): scrolls sideways");
                            if (widthName == "desktop" && language == "fr")
                                found.AddRange(await AxeFaultsAsync(page, variant));
                            // Written as they come, beside the screenshots, so a long run shows its faults before it ends.
                            File.AppendAllLines(faultsFile, found);
                            faults.AddRange(found);
                        }
                        await page.Context.CloseAsync();
                    }
        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    [Fact]
    public async Task At_phone_width_the_header_is_a_menu_that_opens_without_javascript_and_takes_at_most_a_sixth_of_the_screen()
    {
        var page = await NewPageAsync(null, "fr-FR", ColorScheme.Light, 390, 844, javaScript: false);
        await page.GotoAsync("/cases");
        var header = (await page.Locator("header.site-header").BoundingBoxAsync())!;
        Assert.True(header.Height <= 844 / 6.0, $"The header is {header.Height} px high");
        Assert.False(await page.Locator("header nav").IsVisibleAsync());
        await page.ClickAsync("header details.menu > summary");
        Assert.True(await page.Locator("header nav a[href='/cases/new']").IsVisibleAsync());
        Assert.True(await page.Locator("#header-q").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_desktop_width_the_header_is_one_line_and_the_search_field_shows_its_whole_placeholder()
    {
        var moderator = await fixture.App.Seed(A.Member().Named("Modo Entête").WithRole(Roles.Moderator));
        foreach (var locale in new[] { "fr-FR", "en-GB" })
        {
            foreach (var reader in new[] { null, moderator })
            {
                var page = await NewPageAsync(reader, locale, ColorScheme.Light, 1366, 900);
                await page.GotoAsync("/");
                Assert.False(await page.Locator("header details.menu > summary").IsVisibleAsync());
                var row = (await page.Locator("header .header-row").BoundingBoxAsync())!;
                Assert.True(row.Height <= 64, $"{locale}: the header row is {row.Height} px high (wrapped)");
                var fits = await page.EvaluateAsync<bool>("""
                    () => { const input = document.querySelector('#header-q'); const style = getComputedStyle(input);
                            const c = document.createElement('canvas').getContext('2d'); c.font = style.font;
                            const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                            return c.measureText(input.placeholder).width <= room; }
                    """);
                Assert.True(fits, $"{locale}: the search placeholder is cut");
                await page.Context.CloseAsync();
            }
        }
    }

    [Fact]
    public async Task The_footer_theme_switch_sets_the_theme_without_javascript_and_auto_follows_the_system_again()
    {
        var page = await NewPageAsync(null, "fr-FR", ColorScheme.Light, 1366, 900, javaScript: false);
        await page.GotoAsync("/cases");
        Assert.Null(await page.GetAttributeAsync("html", "class"));
        var lightPaper = await BackgroundAsync(page);

        await page.ClickAsync("form.theme-switch button[value=dark]");
        await page.ArriveAsync("**/cases");
        Assert.Equal("theme-dark", await page.GetAttributeAsync("html", "class"));
        Assert.Equal("true", await page.GetAttributeAsync("form.theme-switch button[value=dark]", "aria-pressed"));
        Assert.NotEqual(lightPaper, await BackgroundAsync(page));

        await page.ClickAsync("form.theme-switch button[value=auto]");
        await page.ArriveAsync("**/cases");
        Assert.Null(await page.GetAttributeAsync("html", "class"));
        Assert.Equal(lightPaper, await BackgroundAsync(page));
        await page.Context.CloseAsync();
    }

    private static Task<string> BackgroundAsync(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private async Task<IPage> NewPageAsync(Member? member, string locale, ColorScheme scheme, int width, int height, bool javaScript = true)
    {
        var page = await fixture.NewPageAsAsync(member, locale, new BrowserNewContextOptions
        {
            ColorScheme = scheme,
            ViewportSize = new() { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
        });
        return page;
    }

    private static async Task<IEnumerable<string>> AxeFaultsAsync(IPage page, string variant)
    {
        try
        {
            await page.AssertAccessibleAsync();
            return [];
        }
        catch (Xunit.Sdk.TrueException e)
        {
            return [$"{variant}: {e.Message}"];
        }
    }
}
