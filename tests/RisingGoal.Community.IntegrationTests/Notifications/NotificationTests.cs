using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Notifications;

/// <summary>Every source of in-site notifications, with caching on as in production, and the e-mail as their delivery.</summary>
public sealed class NotificationTests
{
    private static DigestAppFactory App(int? smtpPort = null)
    {
        var app = new DigestAppFactory(null, smtpPort);
        app.With("Caching:Enabled", "true");
        return app;
    }

    private static string? HeaderCount(IHtmlDocument page) => page.QuerySelector(".notifications-link .notification-count")?.TextContent.Trim();

    private static async Task<List<string>> NotificationTextsAsync(FormClient client) =>
        (await client.GetDocumentAsync("/notifications")).QuerySelectorAll("li.notification a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task Replies_notify_the_author_and_followers_in_the_site_and_by_mail_and_a_pseudonymous_author_is_named_by_the_pseudonym_only()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var (author, follower, replier) = (await app.Seed(A.Member().WithUserName("bertrand").Named("Bertrand Secret")), await app.Seed(A.Member().Called("fanny")), await app.Seed(A.Member().WithUserName("arthur").Named("Arthur Répond")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise").FollowedBy(follower))).Id;
        var (authorClient, followerClient, replierClient) = (await app.SignedInAs(author), await app.SignedInAs(follower), await app.SignedInAs(replier));

        await app.ReplyOnPageAsync(replierClient, caseId, "Nous avons vécu la même chose.");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.ReplyOnPageAsync(authorClient, caseId, "Merci, et ensuite ?");   // the pseudonymous author answers in their discussion

        var followerPage = await followerClient.GetDocumentAsync("/cases");
        Assert.Equal("1", HeaderCount(followerPage));   // one discussion, one line (see below)
        var texts = await NotificationTextsAsync(followerClient);
        Assert.Equal(["2 nouvelles réponses"], texts);
        var page = await followerClient.GetDocumentAsync("/notifications");
        Assert.Equal("par Arthur Répond, Plume Grise", page.QuerySelector(".notification-by")!.TextContent.Trim());
        Assert.DoesNotContain("Bertrand", page.Body!.OuterHtml);
        Assert.Equal(await app.CaseUrlAsync(caseId), page.QuerySelector("section.notification-group h2 a")!.GetAttribute("href"));
        // The author was told of the replier's reply (never of their own), and read it when they opened the case to answer.
        Assert.Null(HeaderCount(await authorClient.GetDocumentAsync("/cases")));
        Assert.Equal(["Arthur Répond a répondu"], await NotificationTextsAsync(authorClient));
        Assert.Null(HeaderCount(await replierClient.GetDocumentAsync("/cases")));

        // The e-mail is a delivery of the same notifications: the first at once, the second batched for the end of the hour.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Services.DrainOutboxAsync();
        var mails = smtp.To(follower.Email!);
        Assert.Equal(2, mails.Count);
        Assert.Contains("Plume Grise", mails[1].TextBody);
        Assert.All(mails, m => Assert.DoesNotContain("Bertrand", m.TextBody + m.HtmlBody + m.Subject));
        Assert.Single(smtp.To(author.Email!));
    }

    /// <summary>Of the grouped page (<c>li.notification</c>): link text, writers named, read state.</summary>
    private static List<string> Lines(IHtmlDocument page) =>
        page.QuerySelectorAll("li.notification").Select(li => string.Join(" | ", li.QuerySelector("a")!.TextContent.Trim(),
            li.QuerySelector(".notification-by")?.TextContent.Trim() ?? "", li.ClassList.Contains("unread") ? "unread" : "read")).ToList();

    /// <summary>
    /// /notifications says once what happened in a discussion: one line per discussion and kind ("3 nouvelles réponses"),
    /// naming the writers as the discussion does (a pseudonym, never its account), dated by the latest, linking to the
    /// first unread reply; the header counts those lines.
    /// </summary>
    [Fact]
    public async Task Replies_in_one_discussion_are_one_line_under_their_bylines_linking_to_the_first_unread_and_counted_once()
    {
        await using var app = App();
        var (author, follower, replier) = (await app.Seed(A.Member().WithUserName("bertrand").Named("Bertrand Secret")),
            await app.Seed(A.Member().Called("fanny")), await app.Seed(A.Member().WithUserName("arthur").Named("Arthur Répond")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas très discuté").UnderPseudonym("Plume Grise").FollowedBy(follower))).Id;
        var (authorClient, replierClient) = (await app.SignedInAs(author), await app.SignedInAs(replier));
        // Nothing yet: the empty page says where discussions to follow are.
        var empty = (await (await app.SignedInAs(follower)).GetDocumentAsync("/notifications")).QuerySelector("main .empty")!;
        Assert.Equal("/cases?sort=active", empty.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Trouver une discussion à suivre", empty.QuerySelector("a")!.TextContent.Trim());
        var first = await app.ReplyOnPageAsync(replierClient, caseId, "Nous avons vécu la même chose.");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.ReplyOnPageAsync(authorClient, caseId, "Merci, et ensuite ?");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.ReplyOnPageAsync(replierClient, caseId, "Ensuite, nous avons changé d’équipe.");
        var latest = app.Clock.GetUtcNow().UtcDateTime;

        var english = await (await app.SignedInAs(follower, "en")).GetDocumentAsync("/notifications");
        Assert.Equal(["3 new replies | by Arthur Répond, Plume Grise | unread"], Lines(english));
        var followerClient = await app.SignedInAs(follower);
        var page = await followerClient.GetDocumentAsync("/notifications");
        Assert.Equal(["3 nouvelles réponses | par Arthur Répond, Plume Grise | unread"], Lines(page));
        var line = page.QuerySelector("li.notification")!;
        Assert.Equal(CaseUrls.Reply(caseId, first), line.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(latest.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), line.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("1", HeaderCount(page));
        Assert.DoesNotContain("Bertrand", page.QuerySelector("main")!.OuterHtml);

        // Reading the discussion clears the group; a later reply is a new unread line of its own, the read ones stay together.
        await followerClient.GetDocumentAsync(await app.CaseUrlAsync(caseId));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var fourth = await app.ReplyOnPageAsync(replierClient, caseId, "Et cela a marché.");
        page = await followerClient.GetDocumentAsync("/notifications");
        Assert.Equal(["Arthur Répond a répondu |  | unread", "3 réponses | par Arthur Répond, Plume Grise | read"], Lines(page));
        Assert.Equal(CaseUrls.Reply(caseId, fourth), page.QuerySelector("li.notification.unread a")!.GetAttribute("href"));
        Assert.Equal("1", HeaderCount(page));
    }

    [Fact]
    public async Task A_line_names_three_writers_and_counts_the_others()
    {
        await using var app = App();
        var follower = await app.Seed(A.Member().Called("suiveuse"));
        var caseId = (await app.Seed(A.Case().By(A.Member().Called("autrice")).Titled("Un cas très suivi").FollowedBy(follower))).Id;
        foreach (var name in new[] { "Anne", "Bruno", "Chloe", "Driss" })
            await app.ReplyOnPageAsync(await app.SignedInAs(await app.Seed(A.Member().Called(name.ToLowerInvariant()).Named(name + " R"))), caseId, "Une réponse.");
        var line = (await (await app.SignedInAs(follower)).GetDocumentAsync("/notifications")).QuerySelector("li.notification .notification-by")!;
        Assert.Equal("par Anne R, Bruno R, Chloe R et 1 autre", line.TextContent.Trim());
    }

    [Fact]
    public async Task A_hidden_reply_leaves_the_notifications_and_the_count_and_mark_read_and_mark_all_read_clear_the_count()
    {
        await using var app = App();
        var (author, replier, other) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("replier")), await app.Seed(A.Member().Called("autre")));
        var first = (await app.Seed(A.Case().By(author).Titled("Premier cas"))).Id;
        var second = (await app.Seed(A.Case().By(author).Titled("Second cas"))).Id;
        var third = (await app.Seed(A.Case().By(author).Titled("Troisième cas"))).Id;
        var replierClient = await app.SignedInAs(replier);
        var hidden = await app.ReplyOnPageAsync(replierClient, first, "Une réponse qui sera masquée.");
        await app.ReplyOnPageAsync(replierClient, second, "Une réponse.");
        await app.ReplyOnPageAsync(await app.SignedInAs(other), third, "Une autre réponse.");
        var authorClient = await app.SignedInAs(author);
        Assert.Equal("3", HeaderCount(await authorClient.GetDocumentAsync("/notifications")));

        await app.Query(async db =>
        {
            (await db.Set<Reply>().SingleAsync(r => r.Id == hidden)).Hide(app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var page = await authorClient.GetDocumentAsync("/notifications");
        Assert.Equal("2", HeaderCount(page));
        Assert.DoesNotContain("Premier cas", page.QuerySelector("main")!.TextContent);

        var response = await authorClient.SubmitAsync("/notifications", new Dictionary<string, string>(), $"form:has(input[name=caseId][value='{second}'])");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("1", HeaderCount(await authorClient.GetDocumentAsync("/notifications")));
        await authorClient.SubmitAsync("/notifications", new Dictionary<string, string>(), "form.notifications-all");
        page = await authorClient.GetDocumentAsync("/notifications");
        Assert.Null(HeaderCount(page));
        Assert.Equal(2, page.QuerySelectorAll("li.notification").Length);   // still listed, read
        Assert.Empty(page.QuerySelectorAll("li.notification.unread"));
    }

    [Fact]
    public async Task A_mention_links_to_the_profile_and_notifies_the_member_and_a_pseudonym_cannot_be_mentioned()
    {
        await using var app = App();
        var (author, replier, named) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("replier")), await app.Seed(A.Member().WithUserName("chloe").Named("Chloé Martin")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas à mentionner").UnderPseudonym("Renard Discret"))).Id;
        var replyId = await app.ReplyOnPageAsync(await app.SignedInAs(replier), caseId, "Merci @Chloé Martin, et @Renard Discret aussi.");

        var casePage = await (await app.SignedInAs(replier)).GetDocumentAsync(await app.CaseUrlAsync(caseId));
        var links = casePage.QuerySelectorAll($"#reply-{replyId} .prose a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("@Chloé Martin", "/members/Chlo%C3%A9%20Martin")], links);
        // The no-JavaScript "Quote" link pre-fills the reply box with the quotation and a link back to the quoted reply.
        var quoteLink = casePage.QuerySelector($"#reply-{replyId} a.quote-link")!.GetAttribute("href");
        Assert.Equal($"?quote={replyId}#reply-form", quoteLink);
        var quoting = await (await app.SignedInAs(author)).GetDocumentAsync($"{await app.CaseUrlAsync(caseId)}?quote={replyId}");
        var box = quoting.QuerySelector("form.reply-form textarea")!.TextContent;
        Assert.Contains("> Merci @Chloé Martin, et @Renard Discret aussi.", box);
        Assert.Contains($"> — [replier](/cases/{caseId}/replies/{replyId})", box);   // the permalink: the quoted reply may be on another page
        var namedClient = await app.SignedInAs(named);
        Assert.Equal(["replier vous a mentionné dans une réponse"], await NotificationTextsAsync(namedClient));
        var kinds = await app.Query(db => db.Set<Notification>()
            .Where(n => n.TargetId == replyId).Select(n => new { n.RecipientId, n.Kind }).ToListAsync());
        Assert.Equal(2, kinds.Count);   // the mentioned member and the case's author, nobody for the pseudonym
        Assert.Contains(kinds, k => k.RecipientId == named.Id && k.Kind == NotificationKind.Mention);
        Assert.Contains(kinds, k => k.RecipientId == author.Id && k.Kind == NotificationKind.Reply);
    }

    [Fact]
    public async Task Approvals_rejections_and_a_follow_up_on_a_resonated_case_are_notified_and_a_rejected_case_is_told_to_its_author_alone()
    {
        await using var app = App();
        var (author, reader) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("lectrice")));
        var approved = (await app.Seed(A.Case().By(author).Titled("Cas approuvé"))).Id;
        var rejected = (await app.Seed(A.Case().By(author).Titled("Cas refusé"))).Id;
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            (await db.Set<Case>().SingleAsync(c => c.Id == rejected)).Reject(app.Clock.GetUtcNow().UtcDateTime);
            db.Add(new Resonance(approved, reader.Id, app.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
            await sp.GetRequiredService<ApprovalMail>().QueueAsync(author.Id, "Cas approuvé", TargetKind.Case, approved, 1, "/cases/" + approved);
            await sp.GetRequiredService<RejectionMail>().QueueAsync(author.Id, "Cas refusé", TargetKind.Case, rejected, 1, RejectReason.Other, "Hors sujet");
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == approved);
            var followUp = @case.AddFollowUp(author.Id, FollowUpStatus.Corrected, "La suite.", new RenderedMarkdown("<p>La suite.</p>", 1), app.Clock.GetUtcNow().UtcDateTime);
            db.Add(followUp);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<NotificationCenter>().FollowUpPublishedAsync(approved, followUp.Id);
            return 0;
        });

        Assert.Equal(["Votre cas n’a pas été publié", "Votre cas a été approuvé\u00a0: il est publié"], await NotificationTextsAsync(await app.SignedInAs(author)));
        Assert.Equal(["autrice a ajouté une suite à un cas qui vous a parlé"], await NotificationTextsAsync(await app.SignedInAs(reader)));
    }

    [Fact]
    public async Task Lists_show_new_replies_since_the_last_read_the_unread_filter_and_first_unread_land_on_the_first_new_reply_and_new_cases_are_marked()
    {
        await using var app = App();
        var (author, reader, replier) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("lectrice")), await app.Seed(A.Member().Called("replier")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une discussion suivie de près"))).Id;
        await app.Seed(A.Reply().On(caseId).By(replier));
        var readerClient = await app.SignedInAs(reader);
        await readerClient.GetDocumentAsync("/cases");                                        // first visit: nothing is "new" to a newcomer
        await readerClient.GetDocumentAsync(await app.CaseUrlAsync(caseId));   // read up to the first reply

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var replierClient = await app.SignedInAs(replier);
        var firstNew = await app.ReplyOnPageAsync(replierClient, caseId, "Deuxième réponse.");
        await app.ReplyOnPageAsync(replierClient, caseId, "Troisième réponse.");
        app.Clock.Advance(TimeSpan.FromHours(2));                                             // a new visit starts
        var later = (await app.Seed(A.Case().By(author).Titled("Un cas publié depuis"))).Id;

        var list = await readerClient.GetDocumentAsync("/cases");
        var row = list.QuerySelectorAll("li.case-row").Single(r => r.TextContent.Contains("Une discussion suivie de près"));
        Assert.Equal("2 nouvelles réponses", row.QuerySelector("a.new-replies")!.TextContent.Trim());
        Assert.Null(row.QuerySelector(".new-mark"));
        var newRow = list.QuerySelectorAll("li.case-row").Single(r => r.TextContent.Contains("Un cas publié depuis"));
        Assert.NotNull(newRow.QuerySelector(".new-mark"));

        var unread = await readerClient.GetDocumentAsync("/cases?unread=true");
        Assert.Equal(["Une discussion suivie de près"], unread.QuerySelectorAll("li.case-row h3 a").Select(a => a.TextContent.Trim()));
        var jump = await readerClient.Http.GetAsync($"/cases/{caseId}/unread");
        Assert.EndsWith($"#reply-{firstNew}", jump.Headers.Location!.ToString());
        var casePage = await readerClient.GetDocumentAsync(await app.CaseUrlAsync(caseId));
        Assert.Equal($"#reply-{firstNew}", casePage.QuerySelector("#first-unread a")!.GetAttribute("href"));

        // Read now: the counts are gone.
        list = await readerClient.GetDocumentAsync("/cases");
        Assert.Empty(list.QuerySelectorAll("a.new-replies"));
        Assert.Empty((await readerClient.GetDocumentAsync("/cases?unread=true")).QuerySelectorAll("li.case-row"));
        _ = later;
    }
}
