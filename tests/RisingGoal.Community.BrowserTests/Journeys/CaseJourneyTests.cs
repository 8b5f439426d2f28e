using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class CaseJourneyTests(MembersBrowserFixture fixture) : IClassFixture<MembersBrowserFixture>
{
    private async Task SeedTagsAsync()
    {
        using var scope = fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        // The taxonomy import usually brings them; add them only when it did not.
        if (!await db.Set<Tag>().AnyAsync(t => t.Slug == "apparent-alignment"))
            db.Add(new Tag { Slug = "apparent-alignment", Kind = TagKind.DriftType, NameFr = "Alignement apparent", NameEn = "Apparent alignment" });
        if (!await db.Set<Tag>().AnyAsync(t => t.Slug == "centralisation-vs-autonomy"))
            db.Add(new Tag { Slug = "centralisation-vs-autonomy", Kind = TagKind.Tension, NameFr = "Centralisation vs autonomie", NameEn = "Centralisation vs autonomy" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_member_writes_a_case_with_live_preview_and_privacy_check_then_replies()
    {
        await SeedTagsAsync();
        var member = await fixture.App.Seed(A.Member().Named("Camille"));
        var page = await fixture.NewPageAsync("fr-FR");
        await fixture.SignInAsync(page, member);

        await page.GotoAsync("/cases/new");
        await page.AssertAccessibleAsync();
        await page.FillAsync("#Input_Title", "Des silos revenus par les arbitrages");
        await page.FillAsync("#Input_Summary", "les objectifs tournaient bien mais les arbitrages restaient cachés hors des revues.");
        await page.FillAsync("#Input_Sections_Context", "une équipe produit pilotait ses objectifs chaque trimestre avec beaucoup de rigueur.");
        await page.FillAsync("#Input_Sections_Drifted", "les arbitrages de ressources se faisaient en dehors des revues, et les priorités devenaient floues.");
        await page.FillAsync("#Input_Sections_Learned", "être synchronisé ne suffit pas.\n\nécrivez-moi : camille.durand@exemple.fr");

        // Live preview (case-editor.js): the rendered body and the privacy finding, under its field, appear without submitting.
        await Assertions.Expect(page.Locator("#case-preview .prose h2").First).ToHaveTextAsync("Contexte");
        await Assertions.Expect(page.Locator("#findings-Sections-Learned mark")).ToHaveTextAsync("camille.durand@exemple.fr");
        await page.AssertAccessibleAsync();

        await page.FillAsync("#Input_Sections_Learned", "être synchronisé ne suffit pas.");
        await page.ChooseContextAsync();
        await page.GetByLabel("Alignement apparent").CheckAsync();
        await page.GetByLabel("Centralisation vs autonomie").CheckAsync();
        await page.CheckAsync("#Input_NamesRemoved");
        await page.ClickAsync("button:text('Publier le cas')");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Des silos revenus par les arbitrages");
        await Assertions.Expect(page.Locator(".case-tags")).ToContainTextAsync("Alignement apparent");
        await page.AssertAccessibleAsync();

        await page.FillAsync("#Reply_Body", "même constat chez nous, **exactement**.");
        await page.ClickAsync("form.reply-form button[type=submit]");
        await Assertions.Expect(page.Locator("article.reply strong")).ToHaveTextAsync("exactement");
        await page.AssertAccessibleAsync();

        // The case is found from its tension page and from its cell of the home matrix.
        await page.GotoAsync("/tensions/centralisation-vs-autonomy");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Des silos revenus par les arbitrages");
        await page.GotoAsync("/");
        var cell = page.Locator("table.matrix a[href='/cases?drift=apparent-alignment&tension=centralisation-vs-autonomy']");
        await Assertions.Expect(cell).ToContainTextAsync("1");
        await cell.ClickAsync();
        await page.WaitForURLAsync("**/cases?drift=apparent-alignment&tension=centralisation-vs-autonomy");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Des silos revenus par les arbitrages");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_member_says_a_case_resonates_and_the_button_reads_its_count_in_brackets()
    {
        var author = await fixture.App.Seed(A.Member().Named("Autrice Résonance"));
        var reader = await fixture.App.Seed(A.Member().Named("Lecteur Résonance"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Des revues qui résonnent"));
        var page = await fixture.NewPageAsync("fr-FR");
        await fixture.SignInAsync(page, reader);

        await page.GotoAsync($"/cases/{@case.Id}/{@case.Slug}");
        var button = page.Locator("#resonance button[aria-pressed]").First;
        // As laid out (flex items read as separate lines): not "( 0 )", where the count was a flex item of its own.
        Assert.Equal("Ça me parle (0)", System.Text.RegularExpressions.Regex.Replace(await button.InnerTextAsync(), @"\s+", " ").Trim());
        await button.ClickAsync();
        await Assertions.Expect(page.Locator("#resonance button[aria-pressed=true]")).ToHaveTextAsync("Ça me parle (1)");
        await page.Context.CloseAsync();
    }
}
