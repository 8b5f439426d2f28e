using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class ModerationJourneyTests(ModerationBrowserFixture fixture) : IClassFixture<ModerationBrowserFixture>
{
    [Fact]
    public async Task A_new_members_case_waits_until_a_moderator_approves_it_then_shows_on_its_tension_page()
    {
        var author = await fixture.App.Seed(A.Member().Named("Nouvelle Plume"));
        var moderator = await fixture.App.Seed(A.Member().Named("Modo Relecture").WithRole("Moderator"));
        var tags = await fixture.App.Query(db => db.Set<RisingGoal.Community.Features.Taxonomy.Tag>()
            .Where(t => t.Slug == "apparent-alignment" || t.Slug == "centralisation-vs-autonomy").ToDictionaryAsync(t => t.Slug, t => t.Id));
        const string title = "Des objectifs partagés, des décisions inchangées";

        var page = await fixture.NewPageAsAsync(author);
        await page.GotoAsync("/cases/new");
        await page.FillAsync("#Input_Title", title);
        await page.FillAsync("#Input_Summary", "les objectifs étaient partagés mais les décisions se prenaient toujours au même endroit.");
        await page.FillAsync("#Input_Sections_Context", "une équipe produit pilotait ses objectifs chaque trimestre avec beaucoup de soin et de rigueur.");
        await page.FillAsync("#Input_Sections_Drifted", "les arbitrages de ressources restaient hors des revues, et les priorités devenaient floues pour tout le monde.");
        await page.ChooseContextAsync();
        await page.CheckAsync($"input[name='Input.DriftTagIds'][value='{tags["apparent-alignment"]}']");
        await page.CheckAsync($"input[name='Input.TensionTagIds'][value='{tags["centralisation-vs-autonomy"]}']");
        await page.CheckAsync("#Input_NamesRemoved");
        await page.ClickAsync("button:text('Envoyer pour relecture')");
        await Assertions.Expect(page.Locator("article.case .awaiting-review")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var caseUrl = new Uri(page.Url).PathAndQuery;

        var visitor = await fixture.NewPageAsAsync(null);
        Assert.Equal(404, (await visitor.GotoAsync(caseUrl))!.Status);
        await visitor.GotoAsync("/tensions/centralisation-vs-autonomy");
        Assert.DoesNotContain(title, await visitor.Locator("main").InnerTextAsync());

        var modPage = await fixture.NewPageAsAsync(moderator);
        await modPage.GotoAsync(caseUrl);                      // the moderator tools on the case page
        await Assertions.Expect(modPage.Locator(".moderator-tools form.mod-lock")).ToBeVisibleAsync();
        await modPage.AssertAccessibleAsync();
        await modPage.GotoAsync("/moderation");
        var id = caseUrl.Split('/')[2];
        await modPage.Locator($"#item-case-{id} form.approve button").ClickAsync();
        await modPage.ArriveAsync("**/moderation");

        await visitor.GotoAsync("/tensions/centralisation-vs-autonomy");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync(title);
        await visitor.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_moderator_approves_a_pending_case_from_the_queue_and_sees_it_in_the_public_log()
    {
        var author = await fixture.App.Seed(A.Member());
        var moderator = await fixture.App.Seed(A.Member().Named("Modo Navigateur").WithRole("Moderator"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Un premier cas à relire").Pending());
        var page = await fixture.NewPageAsAsync(moderator);

        await page.GotoAsync("/moderation");
        await page.AssertAccessibleAsync();
        var item = page.Locator($"#item-case-{@case.Id}");
        Assert.Contains("Un premier cas à relire", await item.InnerTextAsync());
        await item.Locator("form.approve button").ClickAsync();
        await page.ArriveAsync("**/moderation");
        Assert.Equal(0, await page.Locator($"#item-case-{@case.Id}").CountAsync());
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/moderation/log");
        Assert.Contains("Modo Navigateur", await page.Locator("main").InnerTextAsync());
        await page.AssertAccessibleAsync();
        var status = await fixture.App.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Status).SingleAsync());
        Assert.Equal(CaseStatus.Published, status);

        await page.GotoAsync($"/moderation/redact/case/{@case.Id}");
        await page.AssertAccessibleAsync();
        await page.GotoAsync($"/moderation/members/{author.Id}");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_member_flags_a_case_and_the_flag_page_is_accessible()
    {
        var author = await fixture.App.Seed(A.Member());
        var member = await fixture.App.Seed(A.Member());
        var admin = await fixture.App.Seed(A.Member().WithRole("Administrator"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Un cas à signaler"));
        var page = await fixture.NewPageAsAsync(member);

        await page.GotoAsync($"/flag/case/{@case.Id}");
        await page.AssertAccessibleAsync();
        await page.CheckAsync("#reason-DefamationRisk");
        await page.ClickAsync("main form button[type=submit]");
        await page.ArriveAsync($"**/flag/case/{@case.Id}");
        Assert.Contains("Merci", await page.Locator("main").InnerTextAsync());

        var adminPage = await fixture.NewPageAsAsync(admin);
        await adminPage.GotoAsync("/moderation");
        Assert.Contains("Un cas à signaler", await adminPage.Locator($"#item-case-{@case.Id}").InnerTextAsync());
        await adminPage.AssertAccessibleAsync();
        await adminPage.GotoAsync("/admin/moderators");
        await adminPage.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_member_flags_two_replies_and_a_moderator_dismisses_one_and_hides_the_other_from_the_queue()
    {
        var author = await fixture.App.Seed(A.Member());
        var replier = await fixture.App.Seed(A.Member().Named("Voix Signalée"));
        var member = await fixture.App.Seed(A.Member());
        var moderator = await fixture.App.Seed(A.Member().WithRole("Moderator"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("Un cas aux réponses signalées"));
        var fair = await fixture.App.Seed(A.Reply().On(@case.Id).By(replier).Saying("Une réponse vive mais correcte."));
        var abusive = await fixture.App.Seed(A.Reply().On(@case.Id).By(replier).Saying("Une réponse qui nomme la DRH de Zeta."));

        var page = await fixture.NewPageAsAsync(member);
        foreach (var reply in new[] { fair, abusive })
        {
            await page.GotoAsync($"/cases/{@case.Id}");
            await page.AssertAccessibleAsync();
            await page.Locator($"#reply-{reply.Id} a.flag-link").ClickAsync();
            await page.ArriveAsync($"**/flag/reply/{reply.Id}");
            await Assertions.Expect(page.Locator("main .lead")).ToContainTextAsync("Un cas aux réponses signalées");
            await page.AssertAccessibleAsync();
            await page.CheckAsync("#reason-IdentifiesSomeone");
            await page.ClickAsync("main form button[type=submit]");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Merci");
            await page.AssertAccessibleAsync();
        }

        var modPage = await fixture.NewPageAsAsync(moderator);
        await modPage.GotoAsync("/moderation");
        var fairItem = modPage.Locator($"#item-reply-{fair.Id}");
        var abusiveItem = modPage.Locator($"#item-reply-{abusive.Id}");
        await Assertions.Expect(fairItem).ToContainTextAsync("Une réponse vive mais correcte.");
        await Assertions.Expect(abusiveItem).ToContainTextAsync("Une réponse qui nomme la DRH de Zeta.");
        await Assertions.Expect(abusiveItem.Locator(".flags")).ToContainTextAsync("Identifie une personne ou une organisation");
        await modPage.AssertAccessibleAsync();

        await fairItem.Locator("form.dismiss button").ClickAsync();
        await modPage.ArriveAsync("**/moderation");
        await Assertions.Expect(modPage.Locator($"#item-reply-{fair.Id}")).ToHaveCountAsync(0);
        await abusiveItem.Locator("form.hide button").ClickAsync();
        await modPage.ArriveAsync("**/moderation");
        await Assertions.Expect(modPage.Locator($"#item-reply-{abusive.Id}")).ToHaveCountAsync(0);
        await modPage.AssertAccessibleAsync();

        var visitor = await fixture.NewPageAsAsync(null);
        await visitor.GotoAsync($"/cases/{@case.Id}");
        await Assertions.Expect(visitor.Locator($"#reply-{fair.Id}")).ToContainTextAsync("Une réponse vive mais correcte.");
        Assert.DoesNotContain("DRH de Zeta", await visitor.Locator("main").InnerTextAsync());
        await visitor.AssertAccessibleAsync();
        await visitor.GotoAsync("/moderation/log");
        await Assertions.Expect(visitor.Locator("tr", new() { HasText = "a masqué" }).First).ToContainTextAsync("Un cas aux réponses signalées");
        await Assertions.Expect(visitor.Locator("tr", new() { HasText = "a classé les signalements sur" }).First).ToContainTextAsync("Un cas aux réponses signalées");
        await visitor.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_takedown_request_is_confirmed_from_its_email_reaches_the_queue_with_its_age_and_is_answered()
    {
        var author = await fixture.App.Seed(A.Member());
        var moderator = await fixture.App.Seed(A.Member().Named("Modo Retraits").WithRole("Moderator"));
        var @case = await fixture.App.Seed(A.Case().By(author).Titled("La réorganisation de la DSI"));
        const string email = "dsi@omega.example";
        const string passage = "Le directeur des systèmes d'information d'Omega a tout bloqué";

        var requester = await fixture.NewPageAsAsync(null);
        await requester.GotoAsync("/takedown");
        await requester.AssertAccessibleAsync();
        await requester.FillAsync("#Input_Email", email);
        await requester.FillAsync("#Input_Case", $"{fixture.BaseUrl}/cases/{@case.Id}");
        await requester.FillAsync("#Input_Passage", passage);
        await requester.CheckAsync("input[name='Input.Kind'][value='Removal']");
        await requester.FillAsync("#Input_Explanation", "Je suis reconnaissable à ce poste.");
        await requester.ClickAsync("form.takedown button[type=submit]");
        await Assertions.Expect(requester.Locator(".takedown-sent")).ToBeVisibleAsync();
        await requester.AssertAccessibleAsync();

        // The link from the pickup folder only shows a button; the request reaches the queue once it is pressed.
        var link = new Uri(MailFolder.LinkIn(Assert.Single(fixture.App.Mail.To(email)), "/takedown/confirm")).PathAndQuery;
        await requester.GotoAsync(link);
        await requester.AssertAccessibleAsync();
        var modPage = await fixture.NewPageAsAsync(moderator);
        await modPage.GotoAsync("/moderation");
        Assert.DoesNotContain(passage, await modPage.Locator("main").InnerTextAsync());
        await requester.ClickAsync("form.confirm-takedown button");
        await Assertions.Expect(requester.Locator(".takedown-confirmed")).ToBeVisibleAsync();
        await requester.AssertAccessibleAsync();

        fixture.App.Clock.Advance(TimeSpan.FromHours(3));
        await modPage.GotoAsync("/moderation");
        var item = modPage.Locator(".takedown-item", new() { HasText = passage });
        await Assertions.Expect(item.Locator("h3")).ToContainTextAsync("La réorganisation de la DSI");
        await Assertions.Expect(item.Locator(".queue-age")).ToContainTextAsync("3 h");
        await modPage.AssertAccessibleAsync();
        await item.Locator("select[name='Answer.Outcome']").SelectOptionAsync(nameof(TakedownOutcome.Removed));
        await item.Locator("textarea[name='Answer.Message']").FillAsync("Le passage a été retiré du cas.");
        await item.Locator("form.answer-takedown button").ClickAsync();
        await modPage.ArriveAsync("**/moderation");
        await Assertions.Expect(modPage.Locator(".takedown-item", new() { HasText = passage })).ToHaveCountAsync(0);
        await modPage.AssertAccessibleAsync();

        var answer = fixture.App.Mail.To(email).Single(m => m.Subject == "Votre demande de retrait");
        Assert.Contains("Le passage a été retiré du cas.", answer.TextBody);
        await modPage.GotoAsync("/moderation/log");
        await Assertions.Expect(modPage.Locator("tr", new() { HasText = "a répondu à une demande de retrait sur" }).First).ToContainTextAsync("Modo Retraits");
        Assert.DoesNotContain("Omega", await modPage.Locator("main").InnerTextAsync());
        await modPage.AssertAccessibleAsync();
    }
}
