using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>
/// Issue 15's "done when", in one journey as a new person lives it, with and without JavaScript: "Share a case" signed
/// out → sign up → the e-mail's link (real SMTP) signs in and returns to the composer → the sections with their help →
/// a privacy finding under its field, replaced → one error, reached from the summary, fixed → posted and pending →
/// the digest offer taken → a moderator rejects with a reason (real SMTP) → the returned draft edited and submitted
/// again → approved → public. axe on every page of the path (see <see cref="AccessibleAsync"/> for the run without
/// JavaScript). And a draft typed in one browser, found in another after signing in again.
/// RG_SHOTS: screenshots folder.
/// </summary>
public sealed class FirstCaseJourneyTests(FirstCaseBrowserFixture fixture) : IClassFixture<FirstCaseBrowserFixture>
{
    private const string Password = "une phrase de passe 2033";
    private const string Factory = "Usine de Vénissieux";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_new_person_shares_a_first_case_from_sign_up_to_rejection_resubmission_and_publication(bool javaScript)
    {
        var email = $"premier-cas-js-{javaScript}@example.org".ToLowerInvariant();
        var title = javaScript ? "Des objectifs tenus, des arbitrages ailleurs" : "Des objectifs tenus, sans script";
        var page = await fixture.PageAsync(javaScript, width: javaScript ? 390 : 1366);   // a phone with JavaScript, a desktop without

        // Signed out, "Share a case" explains what happens and leads to sign-up, which links the charter.
        await page.GotoAsync("/");
        await AccessibleAsync(page, javaScript);
        await page.ClickAsync("main .home-cta a[href='/cases/new']");
        await page.ArriveAsync("**/account/login?**");
        await Assertions.Expect(page.Locator(".composer-intent")).ToContainTextAsync("relit votre premier cas");
        await AccessibleAsync(page, javaScript);
        await page.ShotAsync($"onboarding-login-js{javaScript}");
        await page.ClickAsync("main a[href^='/account/register']");
        await Assertions.Expect(page.Locator("main a[href='/pages/guidelines']")).ToBeVisibleAsync();
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_DisplayName", "Première Autrice " + javaScript);
        await page.FillAsync("#Input_Password", Password);
        await page.FillAsync("#Input_ConfirmPassword", Password);
        await AccessibleAsync(page, javaScript);
        await page.ShotAsync($"onboarding-register-js{javaScript}");
        await page.ClickAsync("main button[type=submit]");
        await page.ArriveAsync("**/account/login?**");
        await AccessibleAsync(page, javaScript);

        // The e-mail's link, as the SMTP server received it, signs in and returns to the composer.
        var confirmation = await fixture.App.MailToAsync(email, "Confirmez votre adresse e-mail pour Rising Goal Community");
        await page.GotoAsync(new Uri(MailFolder.LinkIn(confirmation, "/account/confirm?")).PathAndQuery);
        await page.ArriveAsync(url => new Uri(url).AbsolutePath == "/cases/new");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("votre session est ouverte");
        await Assertions.Expect(page.Locator("#Input_Sections_Context_help")).ToContainTextAsync("Décrivez, ne nommez pas.");
        await Assertions.Expect(page.Locator($"#Input_DriftTagIds_{await TagAsync("apparent-alignment")}_def")).ToBeVisibleAsync();
        await AccessibleAsync(page, javaScript);

        // Everything but a tension; a production site named in "what was tried".
        await page.FillAsync("#Input_Title", title);
        await page.FillAsync("#Input_Summary", "les objectifs tournaient bien mais les arbitrages restaient cachés hors des revues.");
        await page.FillAsync("#Input_Sections_Context", "une équipe produit pilotait ses objectifs chaque trimestre avec beaucoup de rigueur.");
        await page.FillAsync("#Input_Sections_Drifted", "les arbitrages de ressources se faisaient en dehors des revues, sans trace écrite.");
        await page.FillAsync("#Input_Sections_Tried", $"nous avons réuni les équipes de l’{Factory} pour rendre les arbitrages visibles.");
        await page.FillAsync("#Input_Sections_Learned", "être synchronisé ne suffit pas : il faut que les décisions bougent aussi.");
        await page.ChooseContextAsync();
        await page.CheckAsync($"#Input_DriftTagIds_{await TagAsync("apparent-alignment")}");
        await page.CheckAsync("#Input_NamesRemoved");

        // The finding under its field (live with JavaScript, from the preview without), replaced by its POST.
        if (!javaScript) await page.ClickAsync("form.composer .actions button:text('Aperçu')");
        var findings = page.Locator("#findings-Sections-Tried");
        await Assertions.Expect(findings.Locator("mark")).ToHaveTextAsync(Factory);
        await AccessibleAsync(page, javaScript, onlyWithoutJavaScript: true);
        await findings.Locator("button:text('Remplacer par [un site de production]')").ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Sections_Tried")).ToHaveValueAsync("nous avons réuni les équipes de l’[un site de production] pour rendre les arbitrages visibles.");
        await Assertions.Expect(findings).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#Input_Title")).ToHaveValueAsync(title);
        await Assertions.Expect(page.Locator("#Input_NamesRemoved")).ToBeCheckedAsync();

        // One error: the summary has the focus, its link leads to the tensions, the author ticks one.
        await page.ClickAsync("form.composer .actions button:text('Envoyer pour relecture')");
        var summary = page.Locator("#error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.Locator("li")).ToHaveCountAsync(1);
        var link = summary.Locator("a[href='#Input_TensionTagIds']");
        await Assertions.Expect(link).ToHaveTextAsync("Choisissez au moins une tension.");
        await AccessibleAsync(page, javaScript);
        await link.ClickAsync();
        var tension = page.Locator($"#Input_TensionTagIds_{await TagAsync("centralisation-vs-autonomy")}");
        if (javaScript) await Assertions.Expect(page.Locator("#Input_TensionTagIds input").First).ToBeFocusedAsync();
        else Assert.Equal("Input_TensionTagIds", await page.EvaluateAsync<string>("document.querySelector(':target').id"));
        await tension.CheckAsync();
        await page.ClickAsync("form.composer .actions button:text('Envoyer pour relecture')");

        // Pending: the notice, and the weekly digest offered with the case's tags ticked.
        await Assertions.Expect(page.Locator("article.case .awaiting-review")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        var offer = page.Locator("#digest-offer");
        await Assertions.Expect(offer.Locator("input[name=tagIds]:checked")).ToHaveCountAsync(2);
        await AccessibleAsync(page, javaScript);
        await page.ShotAsync($"pending-offer-js{javaScript}");
        var rejectedUrl = new Uri(page.Url).AbsolutePath;
        await offer.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("vous recevrez un résumé hebdomadaire");
        await AccessibleAsync(page, javaScript);
        var author = await MemberAsync(email);
        Assert.Equal(DigestFrequency.Weekly, await fixture.App.Query(db => db.Set<DigestPreference>().Where(p => p.MemberId == author).Select(p => p.Frequency).SingleAsync()));

        // A moderator rejects it with a reason; the e-mail leads the author to the returned draft.
        var moderator = await fixture.PageAsync(javaScript);
        await fixture.SignInAsync(moderator, await fixture.App.Seed(A.Member().Named("Modo Parcours " + javaScript).WithRole(Roles.Moderator)));
        await moderator.GotoAsync("/moderation");
        var item = moderator.Locator($"#item-case-{CaseId(rejectedUrl)}");
        await Assertions.Expect(item).ToContainTextAsync(title);
        await AccessibleAsync(moderator, javaScript);
        await item.Locator("details summary:text('Refuser')").ClickAsync();
        await item.Locator("select[name='Input.Reason']").SelectOptionAsync("NotACase");
        await item.Locator("textarea[name='Input.Text']").FillAsync("Dites ce qui semblait aligné avant la dérive.");
        await item.Locator("form.reject button").ClickAsync();
        await Assertions.Expect(moderator.Locator($"#item-case-{CaseId(rejectedUrl)}")).ToHaveCountAsync(0);

        var rejection = await fixture.App.MailToAsync(email, "Votre message n’a pas été publié");
        Assert.Contains("/pages/guidelines", rejection.TextBody);
        await page.GotoAsync(new Uri(MailFolder.LinkIn(rejection, "/account/drafts")).PathAndQuery);
        await Assertions.Expect(page.Locator(".drafts-list li", new() { HasText = title })).ToContainTextAsync("rendu par un modérateur");
        await AccessibleAsync(page, javaScript);
        await page.ClickAsync($".drafts-list a:text('{title}')");
        await Assertions.Expect(page.Locator("#returned-draft")).ToContainTextAsync("Dites ce qui semblait aligné avant la dérive.");
        await page.ShotAsync($"returned-draft-js{javaScript}");
        await Assertions.Expect(page.Locator("#Input_Sections_Tried")).ToHaveValueAsync("nous avons réuni les équipes de l’[un site de production] pour rendre les arbitrages visibles.");
        await AccessibleAsync(page, javaScript);
        await page.FillAsync("#Input_Sections_Healthy", "les revues trimestrielles se tenaient et chaque équipe connaissait ses objectifs.");
        await Assertions.Expect(page.Locator("#Input_NamesRemoved")).ToBeCheckedAsync();   // the confirmation comes back with the draft
        await page.ClickAsync("form.composer .actions button:text('Soumettre le cas de nouveau')");
        await Assertions.Expect(page.Locator("article.case .awaiting-review")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("chaque équipe connaissait ses objectifs");
        var caseUrl = new Uri(page.Url).AbsolutePath;
        Assert.NotEqual(rejectedUrl, caseUrl);

        // Approved: the case is public, and the returned draft is gone.
        await moderator.GotoAsync("/moderation");
        await moderator.Locator($"#item-case-{CaseId(caseUrl)} form.approve button").ClickAsync();
        await Assertions.Expect(moderator.Locator($"#item-case-{CaseId(caseUrl)}")).ToHaveCountAsync(0);
        var visitor = await fixture.PageAsync(javaScript);
        Assert.Equal(200, (await visitor.GotoAsync(caseUrl))!.Status);
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(visitor.Locator(".awaiting-review")).ToHaveCountAsync(0);
        await AccessibleAsync(visitor, javaScript);
        await page.GotoAsync("/account/drafts");
        await Assertions.Expect(page.Locator(".drafts-list li", new() { HasText = title })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_draft_typed_in_one_browser_is_found_in_another_after_signing_in()
    {
        var member = await fixture.App.Seed(A.Member().Named("Autrice Deux Appareils"));
        var laptop = await fixture.PageAsync(javaScript: true);
        await laptop.GotoAsync("/account/login");
        await laptop.FillAsync("#Input_Email", member.Email!);
        await laptop.FillAsync("#Input_Password", MemberBuilder.Password);
        await laptop.ClickAsync("main button[type=submit]");
        await laptop.ArriveAsync(url => new Uri(url).AbsolutePath == "/");
        await laptop.GotoAsync("/cases/new");
        await laptop.FillAsync("#Input_Title", "Un cas commencé sur l’ordinateur");
        await laptop.FillAsync("#Input_Sections_Tried", "nous avons ajouté une revue des arbitrages chaque mois.");
        // Autosave, every 5 s; the time written as the site writes it in French ("16 h 05", not "16:05").
        await Assertions.Expect(laptop.Locator("[data-draft-status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Brouillon enregistré à \\d{1,2}\u00a0h\u00a0\\d{2}$"), new() { Timeout = 15_000 });

        var phone = await fixture.PageAsync(javaScript: true, width: 390);
        await phone.GotoAsync("/account/login?returnUrl=%2Faccount%2Fdrafts");
        await phone.FillAsync("#Input_Email", member.Email!);
        await phone.FillAsync("#Input_Password", MemberBuilder.Password);
        await phone.ClickAsync("main button[type=submit]");
        await phone.ArriveAsync("**/account/drafts");
        await phone.AssertAccessibleAsync();
        await phone.ShotAsync("drafts-390");
        await phone.ClickAsync("main a:text('Un cas commencé sur l’ordinateur')");
        await Assertions.Expect(phone.Locator("#Input_Title")).ToHaveValueAsync("Un cas commencé sur l’ordinateur");
        await Assertions.Expect(phone.Locator("#Input_Sections_Tried")).ToHaveValueAsync("nous avons ajouté une revue des arbitrages chaque mois.");
        await phone.ShotAsync("draft-reopened-390");
    }

    /// <summary>
    /// A trusted member's case waits for a moderator only under a new pseudonym: the composer's button follows the
    /// pseudonym field as they type (case-editor.js), and the hint at the field says why.
    /// </summary>
    [Fact]
    public async Task A_trusted_members_composer_button_follows_the_pseudonym_field()
    {
        var member = await fixture.App.Seed(A.Member().Named("Autrice Confirmée Pseudonyme").WithPublishedCases(3));
        var page = await fixture.PageAsync(javaScript: true, width: 390);
        await fixture.SignInAsync(page, member);
        await page.GotoAsync("/cases/new");
        var button = page.Locator("form.composer .actions button").First;
        await Assertions.Expect(button).ToHaveTextAsync("Publier le cas");
        await Assertions.Expect(page.Locator("#pseudonym-review")).ToContainTextAsync("un nouveau pseudonyme");
        await page.FillAsync("#Input_Pseudonym", "Plume Prudente");
        await Assertions.Expect(button).ToHaveTextAsync("Envoyer pour relecture");
        await page.Locator("#Input_Pseudonym").ScrollIntoViewIfNeededAsync();
        await page.ShotAsync("composer-trusted-pseudonym-390");
        await page.FillAsync("#Input_Pseudonym", "  ");
        await Assertions.Expect(button).ToHaveTextAsync("Publier le cas");
        await page.AssertAccessibleAsync();
        await page.Context.CloseAsync();
    }

    private static int CaseId(string path) => int.Parse(path.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);

    private Task<int> TagAsync(string slug) => fixture.App.Query(db => db.Set<RisingGoal.Community.Features.Taxonomy.Tag>().Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());

    private Task<string> MemberAsync(string email) => fixture.App.Query(db => db.Set<Member>().Where(m => m.NormalizedEmail == email.ToUpperInvariant()).Select(m => m.Id).SingleAsync());

    /// <summary>
    /// axe on the page as it is. The pages of the path are the same HTML with or without JavaScript (scripts only add
    /// behaviour), so the run without it checks only what exists only there (<paramref name="onlyWithoutJavaScript"/>:
    /// the server's preview). axe is a script, which such a page never runs: its HTML is served, at its own address, to
    /// a page of a scripting context whose scripts are blocked (what a browser without JavaScript shows, styles
    /// included), and axe runs there.
    /// </summary>
    private async Task AccessibleAsync(IPage page, bool javaScript, bool onlyWithoutJavaScript = false)
    {
        if (javaScript)
        {
            await page.AssertAccessibleAsync();
            return;
        }
        if (!onlyWithoutJavaScript) return;
        var html = await page.ContentAsync();
        var copy = await fixture.PageAsync(javaScript: true);
        var address = new Uri(page.Url).GetLeftPart(UriPartial.Query);
        await copy.RouteAsync(url => new Uri(url).AbsolutePath.EndsWith(".js", StringComparison.Ordinal), route => route.AbortAsync());
        await copy.RouteAsync(url => url == address, route => route.FulfillAsync(new() { Body = html, ContentType = "text/html; charset=utf-8" }));
        await copy.GotoAsync(address);
        await copy.AssertAccessibleAsync();
        await copy.Context.CloseAsync();
    }
}
