using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Wiring;

/// <summary>The trust policy through the real Cases pages: a new member's first posts wait for a moderator.</summary>
public sealed class HeldPostsTests(HoldingMembersAppFactory factory) : IClassFixture<HoldingMembersAppFactory>
{
    [Fact]
    public async Task A_new_members_first_case_waits_and_only_its_author_and_moderators_see_it()
    {
        const string title = "Un premier cas qui attend sa relecture";
        var author = await factory.Seed(A.Member().Named("Primo"));
        var client = await factory.SignedInAs(author);

        var posted = await client.SubmitAsync("/cases/new", await ComposedCase.FieldsAsync(factory, title), "form.case-form");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var url = posted.Headers.Location!.ToString();
        Assert.Equal(CaseStatus.Pending, await factory.Query(db => db.Set<Case>().Where(c => c.Title == title).Select(c => c.Status).SingleAsync()));
        var own = await client.GetDocumentAsync(url);
        Assert.Equal(title, own.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("En attente de relecture", own.QuerySelector("article.case .awaiting-review")!.TextContent.Trim());
        // The notice promises word either way: the approval below must keep it.
        Assert.Contains("dans les deux cas, quand elle sera publiée ou si elle ne l’est pas", own.QuerySelector("article.case .awaiting-review")!.TextContent);
        // Where to find it meanwhile: the account, which lists it with its state and says what comes next.
        Assert.NotNull(own.QuerySelector("article.case .awaiting-review a[href='/account']"));
        var account = await client.GetDocumentAsync("/account");
        Assert.Contains("en attente de relecture", account.QuerySelectorAll("#my-cases li").Single(li => li.TextContent.Contains(title)).TextContent);
        Assert.Equal("Un modérateur lit chaque cas en attente, en général dans la journée. Vous recevrez un e-mail quand il sera publié, "
            + "ou s’il vous est rendu avec la raison, en brouillon à modifier et soumettre de nouveau.", account.QuerySelector("#my-cases .next-step")!.TextContent.Trim());

        var other = await factory.SignedInAs(await factory.Seed(A.Member().Named("Curieux")));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateFormClient().Http.GetAsync(url)).StatusCode);

        // Browsing shows published cases only, even to the author.
        foreach (var list in new[] { "/", "/cases", "/tensions/centralisation-vs-autonomy", "/drifts/apparent-alignment" })
            Assert.DoesNotContain(title, (await client.Http.GetStringAsync(list)));

        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().Named("Modératrice").WithRole(Roles.Moderator)));
        var seen = await moderator.GetDocumentAsync(url);
        Assert.NotNull(seen.QuerySelector("article.case .awaiting-review"));
        Assert.NotNull(seen.QuerySelector(".moderator-tools"));

        var id = int.Parse(url.Split('/')[2]);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#item-case-{id} form.approve")).StatusCode);
        var published = await other.GetDocumentAsync(url);
        Assert.Null(published.QuerySelector(".awaiting-review"));
        Assert.Contains(title, await other.Http.GetStringAsync("/cases"));
        Assert.True(await factory.Query(db => db.Set<RisingGoal.Community.Features.Notifications.Notification>().AnyAsync(n =>
            n.RecipientId == author.Id && n.CaseId == id && n.Kind == RisingGoal.Community.Features.Notifications.NotificationKind.CaseApproved)),
            "the author was told of the approval in the site");
        Assert.True(await factory.Query(db => db.Set<RisingGoal.Community.Infrastructure.Mail.Outbox.OutboxMessage>().AnyAsync(m => m.MemberId == author.Id)),
            "and by e-mail");
    }

    /// <summary>
    /// The composer tells a member whose case will wait, before they write it, who reads it, how long it takes and what
    /// they will get; the button says "Publish", so nothing else did. A member past their first case is not told.
    /// </summary>
    [Fact]
    public async Task The_composer_tells_a_new_member_before_writing_that_a_moderator_reads_their_first_case()
    {
        var newcomer = await factory.SignedInAs(await factory.Seed(A.Member().Named("Nouvelle Venue")));
        var notice = (await newcomer.GetDocumentAsync("/cases/new")).QuerySelector("main .first-case-review");
        Assert.Equal("Un modérateur lit votre cas avant sa publication, comme le premier cas de chaque nouveau membre, en général dans la journée. "
            + "Vous recevrez un e-mail quand il sera publié, ou s’il vous est rendu avec la raison.", notice?.TextContent.Trim());
        // The button says what it does for them (the notice's rule): it sends the case to a moderator, it does not publish it.
        Assert.Equal("Envoyer pour relecture", await SubmitLabelAsync(newcomer));
        Assert.Equal("Send for review", await SubmitLabelAsync(await factory.SignedInAs(await factory.Seed(A.Member().Named("New Here")), "en")));

        var known = await factory.Seed(A.Member().Named("Déjà Publiée"));
        await factory.Seed(A.Case().By(known).Titled("Un premier cas déjà relu"));
        var page = await (await factory.SignedInAs(known)).GetDocumentAsync("/cases/new");
        Assert.NotNull(page.QuerySelector("form.composer"));
        Assert.Null(page.QuerySelector(".first-case-review"));
        Assert.Equal("Publier le cas", page.QuerySelector("form.composer .actions button")?.TextContent.Trim());
    }

    /// <summary>
    /// A trusted member's case under a new pseudonym waits for a moderator (a pseudonym starts with no record), so the
    /// composer says so at the field and its button follows the field (it said "Publier le cas" whatever was typed); the
    /// form that comes back with an error keeps the pseudonym and the label; what the button said is what happens.
    /// </summary>
    [Fact]
    public async Task A_trusted_members_composer_says_a_pseudonymous_case_goes_for_review_and_so_it_does()
    {
        var trusted = await factory.SignedInAs(await factory.Seed(A.Member().Named("Confiance Établie").WithPublishedCases(3)));
        var page = await trusted.GetDocumentAsync("/cases/new");
        var button = page.QuerySelector("form.composer .actions button")!;
        Assert.Equal("Publier le cas", button.TextContent.Trim());
        Assert.Equal(("Publier le cas", "Envoyer pour relecture"), (button.GetAttribute("data-named-label"), button.GetAttribute("data-pseudonymous-label")));
        Assert.Null(page.QuerySelector(".first-case-review"));
        Assert.Equal("Un modérateur lit un cas sous un nouveau pseudonyme avant sa publication, quel qu’en soit l’auteur\u00a0: ce pseudonyme n’a encore rien publié.",
            page.QuerySelector("#pseudonym-review")?.TextContent.Trim());
        Assert.Contains("pseudonym-review", page.QuerySelector("#Input_Pseudonym")!.GetAttribute("aria-describedby"));

        var fields = await ComposedCase.FieldsAsync(factory, "Un cas sous pseudonyme d’une membre de confiance");
        fields["Input.Pseudonym"] = "Plume de Confiance";
        fields["Input.Title"] = "";
        var refused = await trusted.SubmitAsync("/cases/new", fields, "form.case-form");
        var back = FormClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Plume de Confiance", back.QuerySelector("#Input_Pseudonym")!.GetAttribute("value"));
        Assert.Equal("Envoyer pour relecture", back.QuerySelector("form.composer .actions button")!.TextContent.Trim());

        fields["Input.Title"] = "Un cas sous pseudonyme d’une membre de confiance";
        Assert.Equal(HttpStatusCode.Redirect, (await trusted.SubmitAsync("/cases/new", fields, "form.case-form")).StatusCode);
        Assert.Equal(CaseStatus.Pending, await factory.Query(db => db.Set<Case>().Where(c => c.Pseudonym == "Plume de Confiance").Select(c => c.Status).SingleAsync()));

        // A new member's case waits under either name: one label, and the notice above the form says it already.
        var newcomer = await (await factory.SignedInAs(await factory.Seed(A.Member().Named("Toute Neuve")))).GetDocumentAsync("/cases/new");
        Assert.Null(newcomer.QuerySelector("form.composer .actions button")!.GetAttribute("data-pseudonymous-label"));
        Assert.Null(newcomer.QuerySelector("#pseudonym-review"));
    }

    private static async Task<string?> SubmitLabelAsync(FormClient client) =>
        (await client.GetDocumentAsync("/cases/new")).QuerySelector("form.composer .actions button")?.TextContent.Trim();

    [Fact]
    public async Task Untrusted_members_are_told_at_the_body_field_when_they_add_too_many_links()
    {
        var author = await factory.Seed(A.Member().Named("Liens"));
        var client = await factory.SignedInAs(author);
        var body = ComposedCase.Body + "\n\nhttps://a.example https://b.example https://c.example";

        var refused = await client.SubmitAsync("/cases/new", await ComposedCase.FieldsAsync(factory, "Trop de liens dans ce cas", body), "form.case-form");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = FormClient.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Les nouveaux membres peuvent inclure au plus 2 liens par message.",
            page.QuerySelector("[data-valmsg-for='Input.Body']")!.TextContent.Trim());
        Assert.Contains("https://c.example", page.QuerySelector("#Input_Sections_Learned")!.TextContent);
        Assert.False(await factory.Query(db => db.Set<Case>().AnyAsync(c => c.Title == "Trop de liens dans ce cas")));
    }

    [Fact]
    public async Task A_held_reply_is_shown_to_its_author_only_and_counted_once_approved_then_uncounted_when_hidden()
    {
        var owner = await factory.Seed(A.Member().Named("Hôte"));
        var @case = await factory.Seed(A.Case().By(owner).Composed().Titled("Un cas qui reçoit une réponse retenue"));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var replier = await factory.SignedInAs(await factory.Seed(A.Member().Named("Nouvelle")));

        var posted = await replier.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = "Chez nous aussi, les arbitrages se font ailleurs." }, "form.reply-form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var reply = await factory.Query(db => db.Set<Reply>().SingleAsync(r => r.CaseId == @case.Id));
        Assert.Equal(ReplyStatus.Pending, reply.Status);
        Assert.NotNull((await replier.GetDocumentAsync(url)).QuerySelector($"#reply-{reply.Id} .awaiting-review"));
        var ownerClient = await factory.SignedInAs(owner);
        Assert.Null((await ownerClient.GetDocumentAsync(url)).QuerySelector($"#reply-{reply.Id}"));
        Assert.Equal(0, await ReplyCountAsync(@case.Id));

        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().Named("Modo des réponses").WithRole(Roles.Moderator)));
        Assert.NotNull((await moderator.GetDocumentAsync(url)).QuerySelector($"#reply-{reply.Id} .awaiting-review"));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#item-reply-{reply.Id} form.approve")).StatusCode);
        Assert.Equal(1, await ReplyCountAsync(@case.Id));
        Assert.NotNull((await ownerClient.GetDocumentAsync(url)).QuerySelector($"#reply-{reply.Id} .prose"));

        var version = await factory.Query(db => db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => r.Version).SingleAsync());
        var hidden = await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Hide", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Reply", ["Input.Id"] = reply.Id.ToString(), ["Input.Version"] = version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.Equal(0, await ReplyCountAsync(@case.Id));
    }

    private Task<int> ReplyCountAsync(int caseId) =>
        factory.Query(db => db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.ReplyCount).SingleAsync());
}
