using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// The no-JavaScript "Quote" link (<c>?quote=</c>) and the @mention linker, tried as an attacker would: quoting what
/// the page does not show, unmasking a pseudonym through a quotation or a mention, mentioning members who cannot read.
/// </summary>
public sealed class QuoteAndMentionTests
{
    private static async Task<string?> QuoteBoxAsync(FormClient client, string caseUrl, int replyId) =>
        (await client.GetDocumentAsync($"{caseUrl}?quote={replyId}")).QuerySelector("form.reply-form textarea")?.TextContent;

    [Fact]
    public async Task A_quote_of_a_hidden_pending_or_foreign_reply_is_empty_and_a_redacted_reply_is_quoted_redacted()
    {
        await using var app = NewSurfaceWorld.App();
        var (author, replier, waiting, reader) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("replier")),
            await app.Seed(A.Member().Called("attente")), await app.Seed(A.Member().Called("lectrice")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var otherCase = (await app.Seed(A.Case().By(author).Titled("Un autre cas").Visible(CaseVisibility.MembersOnly))).Id;
        var replierClient = await app.SignedInAs(replier);
        var hidden = await app.ReplyOnPageAsync(replierClient, caseId, "Texte masqué par la modération.");
        var redacted = await app.ReplyOnPageAsync(replierClient, caseId, "Chez Dupont Industries, la même chose.");
        var foreign = await app.ReplyOnPageAsync(replierClient, otherCase, "Texte d’un autre fil.");
        var pending = await app.PendingReplyAsync(caseId, waiting, "Texte en attente de modération.");
        await app.ChangeReply(hidden, r => r.Hide(app.Clock.GetUtcNow().UtcDateTime));
        await app.ChangeReply(redacted, r => r.Redact("Dupont Industries", "[retiré]", new MarkdownRenderer().Render, app.Clock.GetUtcNow().UtcDateTime));

        var client = await app.SignedInAs(reader);
        var url = await app.CaseUrlAsync(caseId);
        Assert.Equal("", await QuoteBoxAsync(client, url, hidden));
        Assert.Equal("", await QuoteBoxAsync(client, url, pending));
        Assert.Equal("", await QuoteBoxAsync(client, url, foreign));
        var quoted = await QuoteBoxAsync(client, url, redacted);
        Assert.Contains("[retiré]", quoted);
        Assert.DoesNotContain("Dupont", quoted);
        // A visitor is never given the reply box, whatever the query says (and the cached page is the canonical one).
        var visitorPage = await app.CreateFormClient().GetDocumentAsync($"{url}?quote={redacted}");
        Assert.Null(visitorPage.QuerySelector("form.reply-form"));
        Assert.DoesNotContain("Texte masqué", visitorPage.Source());
        Assert.DoesNotContain("Texte en attente", visitorPage.Source());
    }

    [Fact]
    public async Task Quoting_the_pseudonymous_authors_reply_signs_it_with_the_pseudonym_for_members_and_staff_and_the_posted_quote_keeps_it()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().WithUserName("bertrand").Named("Bertrand Secret"));
        var (reader, moderator) = (await app.Seed(A.Member().Called("lectrice")), await app.Seed(A.Member().Called("moderatrice").WithRole(Features.Accounts.Roles.Moderator)));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise"))).Id;
        var own = await app.ReplyOnPageAsync(await app.SignedInAs(author), caseId, "Je précise : trois équipes étaient concernées.");
        var url = await app.CaseUrlAsync(caseId);

        foreach (var client in new[] { await app.SignedInAs(reader), await app.SignedInAs(moderator) })
        {
            var box = await QuoteBoxAsync(client, url, own);
            Assert.Contains($"> — [Plume Grise]({Features.Cases.CaseUrls.Reply(caseId, own)})", box);   // the permalink: the quote may land on another page
            box!.CarriesNothingOf(author);
        }

        var quoting = await app.SignedInAs(reader);
        var box2 = (await QuoteBoxAsync(quoting, url, own))!;
        var posted = await app.ReplyOnPageAsync(quoting, caseId, box2 + "Et chez nous, deux.");
        var page = await quoting.GetDocumentAsync(url);
        var html = page.QuerySelector($"#reply-{posted}")!.OuterHtml;
        Assert.Contains("Plume Grise", html);
        html.CarriesNothingOf(author);
        Assert.DoesNotContain("/members/", page.QuerySelector($"#reply-{posted} blockquote")!.OuterHtml);
    }

    [Fact]
    public async Task A_mention_by_the_pseudonymous_author_is_told_under_the_pseudonym_in_the_site_and_in_the_email()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = NewSurfaceWorld.App(smtp.Port);
        var author = await app.Seed(A.Member().WithUserName("bertrand").Named("Bertrand Secret"));
        var named = await app.Seed(A.Member().WithUserName("chloe").Named("Chloé Martin"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise"))).Id;
        await app.ReplyOnPageAsync(await app.SignedInAs(author), caseId, "Merci @Chloé Martin pour ta question.");

        var client = await app.SignedInAs(named);
        var page = await client.GetDocumentAsync("/notifications");
        Assert.Equal(["Plume Grise vous a mentionné dans une réponse"], page.QuerySelectorAll("li.notification a").Select(a => a.TextContent.Trim()));
        page.QuerySelector("main")!.OuterHtml.CarriesNothingOf(author);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Services.DrainOutboxAsync();
        var mail = Assert.Single(smtp.To(named.Email!));
        Assert.Contains("Plume Grise", mail.TextBody);
        (mail.Subject + mail.TextBody + mail.HtmlBody).CarriesNothingOf(author);
    }

    [Fact]
    public async Task A_mention_of_a_pseudonym_is_never_linked_to_nor_told_to_the_member_whose_name_begins_it()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().WithUserName("bertrand").Named("Plume"));   // the author's own name begins the pseudonym
        var reader = await app.Seed(A.Member().Called("lectrice"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise"))).Id;
        var elsewhere = (await app.Seed(A.Case().By(reader).Titled("Un autre cas"))).Id;
        var readerClient = await app.SignedInAs(reader);
        var here = await app.ReplyOnPageAsync(readerClient, caseId, "Merci @Plume Grise pour ce récit.");
        var there = await app.ReplyOnPageAsync(readerClient, elsewhere, "Lisez le récit de @plume grise, il parle de nous.");
        var named = await app.ReplyOnPageAsync(readerClient, elsewhere, "Et toi @Plume, qu’en penses-tu ?");

        foreach (var (id, replyId) in new[] { (caseId, here), (elsewhere, there) })
        {
            var page = await app.CreateFormClient().GetDocumentAsync(await app.CaseUrlAsync(id));
            Assert.Empty(page.QuerySelectorAll($"#reply-{replyId} .prose a"));
        }
        Assert.False(await app.Query(db => db.Set<Notification>().AnyAsync(n => n.RecipientId == author.Id && n.Kind == NotificationKind.Mention
            && (n.TargetId == here || n.TargetId == there))));
        // The member's own name alone is still a mention.
        var elsewherePage = await app.CreateFormClient().GetDocumentAsync(await app.CaseUrlAsync(elsewhere));
        Assert.Equal(["/members/Plume"], elsewherePage.QuerySelectorAll($"#reply-{named} .prose a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_member_who_cannot_sign_in_is_neither_linked_nor_told_of_a_mention_in_a_members_only_case()
    {
        await using var app = NewSurfaceWorld.App();
        var (author, replier) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("replier")));
        var unconfirmed = await app.Seed(A.Member().WithUserName("zoe").Named("Zoé Cachée").Unconfirmed());
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas réservé aux membres").Visible(CaseVisibility.MembersOnly))).Id;
        var replyId = await app.ReplyOnPageAsync(await app.SignedInAs(replier), caseId, "Qu’en pense @Zoé Cachée ?");

        var page = await (await app.SignedInAs(author)).GetDocumentAsync(await app.CaseUrlAsync(caseId));
        Assert.Empty(page.QuerySelectorAll($"#reply-{replyId} .prose a"));
        Assert.False(await app.Query(db => db.Set<Notification>().AnyAsync(n => n.RecipientId == unconfirmed.Id)));
    }

    [Fact]
    public async Task A_mention_in_a_reply_held_for_review_tells_nobody_and_shows_to_nobody_but_its_author()
    {
        await using var app = NewSurfaceWorld.App();
        app.With("Moderation:HoldFirstReplies", "1");
        var (author, newcomer, reader) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("nouveau")), await app.Seed(A.Member().Called("lectrice")));
        var named = await app.Seed(A.Member().WithUserName("chloe").Named("Chloé Martin"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var replyId = await app.ReplyOnPageAsync(await app.SignedInAs(newcomer), caseId, "Texte en attente pour @Chloé Martin.");

        Assert.True(await app.Query(db => db.Set<Reply>().AnyAsync(r => r.Id == replyId && r.Status == ReplyStatus.Pending)));
        Assert.False(await app.Query(db => db.Set<Notification>().AnyAsync(n => n.TargetId == replyId)));
        foreach (var client in new[] { await app.SignedInAs(named), await app.SignedInAs(reader), app.CreateFormClient() })
        {
            var page = await client.GetDocumentAsync(await app.CaseUrlAsync(caseId));
            Assert.DoesNotContain("Texte en attente", page.Source());
            Assert.Null(page.QuerySelector($"#reply-{replyId}"));
        }
        Assert.Null((await (await app.SignedInAs(named)).GetDocumentAsync("/notifications")).QuerySelector(".notifications-link .notification-count"));
    }
}
