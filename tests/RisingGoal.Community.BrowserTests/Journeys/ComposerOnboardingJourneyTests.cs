using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>The app with the real trust rules: a new member's first case waits for a moderator.</summary>
public sealed class HoldingBrowserFixture : BrowserFixture<HoldingMembersAppFactory>
{
    public new Task<IPage> NewPageAsync(BrowserNewContextOptions options) => base.NewPageAsync(options);
}

/// <summary>
/// The composer's first visit and its drafts (issue 15, items 4 to 6), as a new person lives them: "Share a case"
/// signed out → sign up → the e-mail's link signs in and returns to the composer → post → the digest offered on the
/// pending case; and a draft typed in one browser found in another after signing in. RG_SHOTS: screenshots folder.
/// </summary>
public sealed class ComposerOnboardingJourneyTests(HoldingBrowserFixture fixture) : IClassFixture<HoldingBrowserFixture>
{
    private static readonly string? Shots = Environment.GetEnvironmentVariable("RG_SHOTS");

    private static async Task ShotAsync(IPage page, string name)
    {
        if (Shots is null) return;
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }

    private Task<IPage> PageAsync(int width = 1366) =>
        fixture.NewPageAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new() { Width = width, Height = 900 } });

    private async Task<int> TagAsync(string slug)
    {
        using var scope = fixture.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CommunityDbContext>().Set<RisingGoal.Community.Features.Taxonomy.Tag>()
            .Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync();
    }

    [Fact]
    public async Task Share_a_case_signed_out_signs_up_lands_back_in_the_composer_posts_and_takes_the_digest_offer()
    {
        const string email = "premier-cas@example.org";
        const string password = "une phrase de passe 2032";
        var page = await PageAsync(390);

        await page.GotoAsync("/cases/new");
        await page.WaitForURLAsync("**/account/login?**");
        await Assertions.Expect(page.Locator(".composer-intent")).ToContainTextAsync("relit votre premier cas");
        await page.AssertAccessibleAsync();
        await ShotAsync(page, "onboarding-login-390");
        await page.ClickAsync("main a[href^='/account/register']");

        await Assertions.Expect(page.Locator("main a[href='/pages/guidelines']")).ToBeVisibleAsync();
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_DisplayName", "Première Autrice");
        await page.FillAsync("#Input_Password", password);
        await page.FillAsync("#Input_ConfirmPassword", password);
        await page.AssertAccessibleAsync();
        await ShotAsync(page, "onboarding-register-390");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/account/login?**");

        var link = new Uri(MailFolder.LinkIn(fixture.App.Mail.To(email).Single(), "/account/confirm?"));
        await page.GotoAsync(link.PathAndQuery);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/cases/new");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("votre session est ouverte");

        await page.FillAsync("#Input_Title", "Des objectifs tenus, des arbitrages ailleurs");
        await page.FillAsync("#Input_Summary", "les objectifs tournaient bien mais les arbitrages restaient cachés hors des revues.");
        await page.FillAsync("#Input_Sections_Context", "une équipe produit pilotait ses objectifs chaque trimestre avec beaucoup de rigueur.");
        await page.FillAsync("#Input_Sections_Drifted", "les arbitrages de ressources se faisaient en dehors des revues, sans trace écrite.");
        await page.FillAsync("#Input_Sections_Learned", "être synchronisé ne suffit pas : il faut que les décisions bougent aussi.");
        await page.SelectOptionAsync("#Input_SizeBand", "From201To1000");
        await page.SelectOptionAsync("#Input_Sector", "Software");
        await page.SelectOptionAsync("#Input_Stage", "ScaleUp");
        await page.SelectOptionAsync("#Input_AuthorRole", "Coach");
        await page.CheckAsync($"#Input_DriftTagIds_{await TagAsync("apparent-alignment")}");
        await page.CheckAsync($"#Input_TensionTagIds_{await TagAsync("centralisation-vs-autonomy")}");
        await page.CheckAsync("#Input_NamesRemoved");
        await page.ClickAsync("button:text('Publier le cas')");

        // Pending: the notice, no reply box, and the weekly digest offered with the case's tags ticked.
        await Assertions.Expect(page.Locator(".awaiting-review")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#reply-form")).ToHaveCountAsync(0);
        var offer = page.Locator("#digest-offer");
        await Assertions.Expect(offer).ToContainTextAsync("Recevoir un résumé hebdomadaire des tensions choisies\u202f?");
        await Assertions.Expect(offer.Locator("input[name=tagIds]:checked")).ToHaveCountAsync(2);
        await page.AssertAccessibleAsync();
        await ShotAsync(page, "pending-offer-390");
        await offer.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("vous recevrez un résumé hebdomadaire");
        await Assertions.Expect(page.Locator("#digest-offer")).ToHaveCountAsync(0);

        using var scope = fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var memberId = await db.Set<RisingGoal.Community.Features.Accounts.Member>().Where(m => m.NormalizedEmail == email.ToUpperInvariant()).Select(m => m.Id).SingleAsync();
        var frequency = await db.Set<DigestPreference>().Where(p => p.MemberId == memberId).Select(p => p.Frequency).SingleAsync();
        Assert.Equal(DigestFrequency.Weekly, frequency);
    }

    [Fact]
    public async Task A_draft_typed_in_one_browser_is_found_in_another_after_signing_in()
    {
        var member = await TestMembers.CreateAsync(fixture.App, "Autrice Deux Appareils");
        var laptop = await PageAsync();
        await laptop.GotoAsync("/account/login");
        await laptop.FillAsync("#Input_Email", member.Email!);
        await laptop.FillAsync("#Input_Password", TestMembers.Password);
        await laptop.ClickAsync("main button[type=submit]");
        await laptop.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await laptop.GotoAsync("/cases/new");
        await laptop.FillAsync("#Input_Title", "Un cas commencé sur l’ordinateur");
        await laptop.FillAsync("#Input_Sections_Tried", "nous avons ajouté une revue des arbitrages chaque mois.");
        await Assertions.Expect(laptop.Locator("[data-draft-status]")).ToContainTextAsync("Brouillon enregistré à", new() { Timeout = 15_000 });   // autosave, every 5 s

        var phone = await PageAsync(390);
        await phone.GotoAsync("/account/login?returnUrl=%2Faccount%2Fdrafts");
        await phone.FillAsync("#Input_Email", member.Email!);
        await phone.FillAsync("#Input_Password", TestMembers.Password);
        await phone.ClickAsync("main button[type=submit]");
        await phone.WaitForURLAsync("**/account/drafts");
        await phone.AssertAccessibleAsync();
        await ShotAsync(phone, "drafts-390");
        await phone.ClickAsync("main a:text('Un cas commencé sur l’ordinateur')");
        await Assertions.Expect(phone.Locator("#Input_Title")).ToHaveValueAsync("Un cas commencé sur l’ordinateur");
        await Assertions.Expect(phone.Locator("#Input_Sections_Tried")).ToHaveValueAsync("nous avons ajouté une revue des arbitrages chaque mois.");
        await ShotAsync(phone, "draft-reopened-390");
    }
}
