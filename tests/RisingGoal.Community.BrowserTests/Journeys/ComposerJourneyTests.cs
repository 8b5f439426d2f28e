using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>
/// The guided composer (issue 15) as a new member uses it, with and without JavaScript: help beside each section,
/// an error summary that leads to the field, a privacy finding under its field replaced with one click.
/// Screenshots go to RG_SHOTS (a folder) when it is set, for a person to look at.
/// </summary>
public sealed class ComposerJourneyTests(MembersBrowserFixture fixture) : IClassFixture<MembersBrowserFixture>
{
    private async Task<IPage> PageAsync(string name, bool javaScript, string locale = "fr-FR", int width = 1366)
    {
        var member = await fixture.App.Seed(A.Member().Named(name));
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, Locale = locale, JavaScriptEnabled = javaScript, ViewportSize = new() { Width = width, Height = 900 },
        });
        context.SetDefaultTimeout(BrowserFixture.Patience);
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, member);
        return page;
    }

    private async Task<int> TagAsync(string slug)
    {
        using var scope = fixture.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CommunityDbContext>().Set<RisingGoal.Community.Features.Taxonomy.Tag>()
            .Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync();
    }

    [Fact]
    public async Task The_live_preview_shows_only_once_something_is_written_and_hides_again_when_it_is_erased()
    {
        // Before: every composer opened on a phone with an empty "Aperçu" card between the last field and the context.
        var page = await PageAsync("Composer aperçu", javaScript: true, width: 390);
        await page.GotoAsync("/cases/new");
        var preview = page.Locator("#case-preview");
        await Assertions.Expect(preview).ToBeHiddenAsync();   // as served, and after the first live preview of nothing
        await page.FillAsync("#Input_Sections_Context", "Une équipe produit pilotait ses objectifs chaque trimestre.");
        await Assertions.Expect(preview.Locator(".prose")).ToContainTextAsync("Une équipe produit");
        await page.FillAsync("#Input_Sections_Context", "");   // the answer for nothing written empties the panel
        await Assertions.Expect(preview).ToBeHiddenAsync();
        await Assertions.Expect(preview.Locator("h2")).ToHaveCountAsync(0);
        await page.ShotAsync("composer-no-empty-preview-fr-390");

        // Without JavaScript nothing ever fills the panel: as served, it must already be hidden.
        var noScript = await PageAsync("Composer aperçu sans script", javaScript: false, width: 390);
        await noScript.GotoAsync("/cases/new");
        await Assertions.Expect(noScript.Locator("#case-preview")).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_new_member_fills_the_sections_with_help_follows_the_error_summary_and_replaces_a_name(bool javaScript)
    {
        var page = await PageAsync("Composer " + javaScript, javaScript);
        var title = javaScript ? "Des objectifs tenus, des arbitrages ailleurs" : "Des objectifs tenus sans script";
        await page.GotoAsync("/cases/new");
        await Assertions.Expect(page.Locator("#Input_Sections_Context_help")).ToContainTextAsync("Décrivez, ne nommez pas.");
        await Assertions.Expect(page.Locator("#Input_DriftTagIds")).ToContainTextAsync("L’organisation se croit alignée");
        if (javaScript) await page.AssertAccessibleAsync();   // axe is a script: it never returns in a page without JavaScript
        await page.ShotAsync($"empty-fr-1366-js{javaScript}");

        // Everything but the title: one error, in the summary, which has the focus and leads to the field.
        await page.FillAsync("#Input_Summary", "les objectifs tournaient bien mais les arbitrages restaient cachés hors des revues.");
        await page.FillAsync("#Input_Sections_Context", "une équipe produit pilotait ses objectifs chaque trimestre avec beaucoup de rigueur.");
        await page.FillAsync("#Input_Sections_Drifted", "les arbitrages de ressources se faisaient en dehors des revues, et Jean Dupont tranchait seul.");
        await page.FillAsync("#Input_Sections_Learned", "être synchronisé ne suffit pas : il faut que les décisions bougent aussi.");
        await page.ChooseContextAsync();
        await page.CheckAsync($"#Input_DriftTagIds_{await TagAsync("apparent-alignment")}");
        await page.CheckAsync($"#Input_TensionTagIds_{await TagAsync("centralisation-vs-autonomy")}");
        await page.CheckAsync("#Input_NamesRemoved");
        if (javaScript)   // the live check shows the finding under its field before any submit
            await Assertions.Expect(page.Locator("#findings-Sections-Drifted mark")).ToHaveTextAsync("Jean Dupont");
        await page.ClickAsync("button:text('Publier le cas')");

        var summary = page.Locator("#error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.Locator("a[href='#Input_Title']")).ToHaveTextAsync("Donnez un titre au cas.");
        await Assertions.Expect(page.Locator("#Input_Sections_Drifted")).ToHaveValueAsync("les arbitrages de ressources se faisaient en dehors des revues, et Jean Dupont tranchait seul.");
        await Assertions.Expect(page.Locator("#findings-Sections-Drifted mark")).ToHaveTextAsync("Jean Dupont");
        if (javaScript) await page.AssertAccessibleAsync();   // axe is a script: it never returns in a page without JavaScript
        await page.ShotAsync($"errors-fr-1366-js{javaScript}");
        await summary.Locator("a[href='#Input_Title']").ClickAsync();
        if (javaScript) await Assertions.Expect(page.Locator("#Input_Title")).ToBeFocusedAsync();
        Assert.EndsWith(javaScript ? "/cases/new" : "/cases/new#Input_Title", page.Url);
        await page.FillAsync("#Input_Title", title);

        // The finding is replaced with one click, by the page's own POST: the field is rewritten, nothing else lost.
        await page.ClickAsync("#findings-Sections-Drifted button:text('Remplacer par [un collègue]')");
        await Assertions.Expect(page.Locator("#Input_Sections_Drifted")).ToHaveValueAsync("les arbitrages de ressources se faisaient en dehors des revues, et [un collègue] tranchait seul.");
        await Assertions.Expect(page.Locator("#Input_Title")).ToHaveValueAsync(title);
        await Assertions.Expect(page.Locator("#findings-Sections-Drifted")).ToHaveCountAsync(0);
        await page.ClickAsync("button:text('Publier le cas')");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("[un collègue] tranchait seul");
        using var scope = fixture.App.Services.CreateScope();
        var body = await scope.ServiceProvider.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Title == title)
            .Select(c => c.Body.Markdown).SingleAsync();
        Assert.StartsWith("## Contexte\n\nune équipe produit", body);   // stored with the same headings as before
        Assert.Contains("## Ce qui a dérivé\n\nles arbitrages", body);
    }

    [Theory]
    [InlineData("fr-FR", 390)]
    [InlineData("en-GB", 390)]
    [InlineData("en-GB", 1366)]
    public async Task The_composer_reads_at_every_width_and_in_both_languages(string locale, int width)
    {
        var page = await PageAsync($"Largeur {width} {locale}", javaScript: true, locale, width);
        await page.GotoAsync("/cases/new");
        var tag = locale[..2];
        await page.ShotAsync($"empty-{tag}-{width}");
        await page.FillAsync("#Input_Sections_Context", "Nous étions chez Globex, à l’Usine de Vénissieux, avec Marie-Claire Lefèvre.");
        await Assertions.Expect(page.Locator("#findings-Sections-Context mark").First).ToBeVisibleAsync();
        await page.Locator("form.composer .actions button[type=submit]").First.ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToBeFocusedAsync();
        await page.AssertAccessibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "the composer scrolls sideways");
        await page.ShotAsync($"errors-findings-{tag}-{width}");
    }
}
