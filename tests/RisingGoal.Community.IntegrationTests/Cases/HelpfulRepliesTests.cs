using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>"This helped me" (issue 17, item 6): who may mark, what every reader sees, the "most helpful" order, with caching on.</summary>
public sealed class HelpfulRepliesTests
{
    private static DigestAppFactory App()
    {
        var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        return app;
    }

    private static Task<HttpResponseMessage> MarkAsync(FormClient client, string pageUrl, int caseId, int replyId, bool on = true) =>
        client.PostWithTokenAsync(pageUrl, $"/cases/{caseId}/replies/{replyId}/helpful",
            new Dictionary<string, string> { ["on"] = on ? "true" : "false" });

    private static Task<DateTime?> MarkedAsync(CommunityAppFactory app, int replyId) =>
        app.Query(db => db.Set<Reply>().Where(r => r.Id == replyId)
            .Select(r => r.MarkedHelpfulUtc).SingleAsync());

    private static List<int> ReplyOrder(IHtmlDocument page) =>
        page.QuerySelectorAll("article.reply").Select(a => int.Parse(a.Id!["reply-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public async Task Only_the_case_author_marks_others_replies_every_reader_sees_the_label_without_the_account_and_most_helpful_comes_first()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("bertrand"));
        var (first, second, other) = (await app.Seed(A.Member().Called("premiere")), await app.Seed(A.Member().Called("seconde")), await app.Seed(A.Member().Called("autre")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise"))).Id;
        var firstReply = (await app.Seed(A.Reply().On(caseId).By(first))).Id;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var secondReply = (await app.Seed(A.Reply().On(caseId).By(second))).Id;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var ownReply = (await app.Seed(A.Reply().On(caseId).By(author))).Id;
        var url = await app.CaseUrlAsync(caseId);
        var anonymous = app.CreateFormClient();
        Assert.Empty((await anonymous.GetDocumentAsync(url)).QuerySelectorAll(".helpful-mark"));   // now in the page cache

        var authorClient = await app.SignedInAs(author);
        var authorPage = await authorClient.GetDocumentAsync(url);
        Assert.NotNull(authorPage.QuerySelector($"#reply-{firstReply} form.helpful-form button[aria-pressed=false]"));
        Assert.NotNull(authorPage.QuerySelector($"#reply-{secondReply} form.helpful-form"));
        Assert.Null(authorPage.QuerySelector($"#reply-{ownReply} form.helpful-form"));   // never on their own reply
        var otherClient = await app.SignedInAs(other);
        Assert.Empty((await otherClient.GetDocumentAsync(url)).QuerySelectorAll("form.helpful-form"));

        // Someone else than the author is refused, and so is the author on their own reply; nothing is written.
        Assert.Equal(HttpStatusCode.Forbidden, (await MarkAsync(otherClient, url, caseId, secondReply)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MarkAsync(await app.SignedInAs(first), url, caseId, secondReply)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MarkAsync(authorClient, url, caseId, ownReply)).StatusCode);
        Assert.Null(await MarkedAsync(app, secondReply));

        var response = await authorClient.SubmitAsync(url, new Dictionary<string, string>(), $"#reply-{secondReply} form.helpful-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"#reply-{secondReply}", response.Headers.Location!.ToString());
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, await MarkedAsync(app, secondReply));
        Assert.NotNull((await authorClient.GetDocumentAsync(url)).QuerySelector($"#reply-{secondReply} form.helpful-form button[aria-pressed=true]"));

        // Every reader (the cached anonymous page was evicted) sees the label, which names nobody.
        var page = await anonymous.GetDocumentAsync(url);
        var label = Assert.Single(page.QuerySelectorAll(".helpful-mark"));
        Assert.Equal("A aidé l’auteur·e du cas", label.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"#reply-{secondReply} .helpful-mark"));
        Assert.DoesNotContain("bertrand", page.QuerySelector("main")!.TextContent);
        Assert.Equal([firstReply, secondReply, ownReply], ReplyOrder(page));
        var sortLink = page.QuerySelector("nav.reply-order a[href*='sort=helpful']")!.GetAttribute("href")!;
        var helpfulFirst = await anonymous.GetDocumentAsync(sortLink);
        Assert.Equal([secondReply, firstReply, ownReply], ReplyOrder(helpfulFirst));
        Assert.Equal("page", helpfulFirst.QuerySelector("nav.reply-order a[href*='sort=helpful']")!.GetAttribute("aria-current"));
        Assert.Equal([secondReply, firstReply, ownReply], ReplyOrder(await otherClient.GetDocumentAsync(sortLink)));

        // Counted where the author tells what happened next.
        var followUpForm = await authorClient.GetDocumentAsync($"/cases/{caseId}/follow-ups");
        Assert.Equal("1 réponse vous a aidé·e", followUpForm.QuerySelector(".helpful-count")!.TextContent.Trim());

        // Taken back: the label goes.
        await MarkAsync(authorClient, url, caseId, secondReply, on: false);
        Assert.Null(await MarkedAsync(app, secondReply));
        Assert.Empty((await anonymous.GetDocumentAsync(url)).QuerySelectorAll(".helpful-mark"));
    }

    [Fact]
    public async Task A_hidden_or_pending_reply_takes_no_mark_a_suspended_author_cannot_mark_and_a_marked_reply_once_hidden_shows_no_label()
    {
        await using var app = App();
        var (author, replier, moderator) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("replier")), await app.Seed(A.Member().Called("modo").WithRole(Roles.Moderator)));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var (hidden, pending, kept) = ((await app.Seed(A.Reply().On(caseId).By(replier))).Id, (await app.Seed(A.Reply().On(caseId).By(replier))).Id, (await app.Seed(A.Reply().On(caseId).By(replier))).Id);
        await app.Query(async db =>
        {
            (await db.Set<Reply>().SingleAsync(r => r.Id == hidden)).Hide(app.Clock.GetUtcNow().UtcDateTime);
            (await db.Set<Reply>().SingleAsync(r => r.Id == pending)).HoldForReview();
            return await db.SaveChangesAsync();
        });
        var url = await app.CaseUrlAsync(caseId);
        var authorClient = await app.SignedInAs(author);
        Assert.Equal(HttpStatusCode.NotFound, (await MarkAsync(authorClient, url, caseId, hidden)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MarkAsync(authorClient, url, caseId, pending)).StatusCode);
        Assert.Null(await MarkedAsync(app, hidden));
        Assert.Null(await MarkedAsync(app, pending));

        await app.Query(async db =>
        {
            db.Add(Suspension.Start(author.Id, moderator.Id, TimeSpan.FromDays(7), "Propos injurieux", app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var refused = await MarkAsync(authorClient, url, caseId, kept);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Null(await MarkedAsync(app, kept));
        Assert.Contains("suspendu", (await authorClient.GetDocumentAsync(refused.Headers.Location!.ToString())).QuerySelector("main")!.TextContent);

        // Marked before it was hidden: the tombstone carries no label.
        await app.Query(async db =>
        {
            await db.Set<Suspension>().ExecuteDeleteAsync();
            var reply = await db.Set<Reply>().SingleAsync(r => r.Id == kept);
            Assert.True(reply.MarkHelpful(true, app.Clock.GetUtcNow().UtcDateTime));
            reply.Hide(app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        Assert.Empty((await app.CreateFormClient().GetDocumentAsync(url)).QuerySelectorAll(".helpful-mark"));
    }
}
