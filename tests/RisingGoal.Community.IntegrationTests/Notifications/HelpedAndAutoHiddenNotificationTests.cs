using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Notifications;

/// <summary>"Your reply helped" and "hidden after flags" (issue 17): told to the post's author alone, naming nobody. Caching on.</summary>
public sealed class HelpedAndAutoHiddenNotificationTests
{
    private static DigestAppFactory App()
    {
        var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        return app;
    }

    private static async Task<List<string>> TextsAsync(FormClient client) =>
        (await client.GetDocumentAsync("/notifications")).QuerySelectorAll("li.notification a").Select(a => a.TextContent.Trim()).ToList();

    private static Task<int> RowsAsync(CommunityAppFactory app, NotificationKind kind) =>
        app.Query(db => db.Set<Notification>().CountAsync(n => n.Kind == kind));

    [Fact]
    public async Task Marking_a_reply_helpful_tells_its_author_once_as_the_author_of_the_case_even_under_a_pseudonym()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("bertrand").Named("Bertrand Secret"));
        var replier = await app.Seed(A.Member().Called("arthur"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise"))).Id;
        var replyId = (await app.Seed(A.Reply().On(caseId).By(replier))).Id;
        var url = await app.CaseUrlAsync(caseId);
        var authorClient = await app.SignedInAs(author);
        Task<HttpResponseMessage> Mark(bool on) => authorClient.PostWithTokenAsync(url, $"/cases/{caseId}/replies/{replyId}/helpful",
            new Dictionary<string, string> { ["on"] = on ? "true" : "false" });

        Assert.Equal(HttpStatusCode.Redirect, (await Mark(true)).StatusCode);
        var replierClient = await app.SignedInAs(replier);
        Assert.Equal(["L’auteur·e du cas a indiqué que votre réponse l’a aidé·e"], await TextsAsync(replierClient));
        var page = await replierClient.GetDocumentAsync("/notifications");
        Assert.DoesNotContain("Bertrand", page.Body!.OuterHtml);
        Assert.Equal(CaseUrls.Reply(caseId, replyId), page.QuerySelector("li.notification a")!.GetAttribute("href"));
        Assert.Null(await app.Query(db => db.Set<Notification>()
            .Where(n => n.Kind == NotificationKind.ReplyHelped).Select(n => n.ActorId).SingleAsync()));
        // The case author is told nothing about their own mark.
        Assert.Empty(await TextsAsync(authorClient));

        // Taken back: no longer shown; given again: shown again, still one notification for this reply.
        Assert.Equal(HttpStatusCode.Redirect, (await Mark(false)).StatusCode);
        Assert.Empty(await TextsAsync(replierClient));
        Assert.Equal(HttpStatusCode.Redirect, (await Mark(true)).StatusCode);
        Assert.Single(await TextsAsync(replierClient));
        Assert.Equal(1, await RowsAsync(app, NotificationKind.ReplyHelped));
    }

    [Fact]
    public async Task Flags_that_hide_a_reply_tell_its_author_it_waits_for_review_without_naming_the_flaggers()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("autrice"));
        var replier = await app.Seed(A.Member().Called("replier"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var replyId = (await app.Seed(A.Reply().On(caseId).By(replier))).Id;
        var flaggers = new List<Member>();
        for (var i = 0; i < 3; i++)
        {
            var flagger = await app.Seed(A.Member().WithPublishedCases(3));
            flaggers.Add(flagger);
            Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignedInAs(flagger)).SubmitAsync($"/flag/reply/{replyId}",
                new Dictionary<string, string> { ["Input.Reason"] = "Abusive", ["Input.Text"] = "" })).StatusCode);
        }

        var client = await app.SignedInAs(replier);
        Assert.Equal(["Votre réponse a été masquée après plusieurs signalements, en attendant l’examen d’un modérateur"], await TextsAsync(client));
        var page = (await client.GetDocumentAsync("/notifications")).Body!.OuterHtml;
        Assert.All(flaggers, f => Assert.DoesNotContain(f.DisplayName, page));
        Assert.Null(await app.Query(db => db.Set<Notification>()
            .Where(n => n.Kind == NotificationKind.ReplyAutoHidden).Select(n => n.ActorId).SingleAsync()));
        // Nobody else is told (the case's author neither).
        Assert.Empty(await TextsAsync(await app.SignedInAs(author)));
    }
}
