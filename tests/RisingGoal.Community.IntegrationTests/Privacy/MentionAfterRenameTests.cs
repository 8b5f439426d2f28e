using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// An @mention follows the member it was written for. After a rename it reads and links the new name on every surface
/// made from the stored reply (cached case page, quote, search, e-mail); the old name, once a newcomer takes it, leads
/// to nobody, and the newcomer is never told of mentions written for someone else.
/// </summary>
public sealed class MentionAfterRenameTests
{
    private static Task<HttpResponseMessage> RenameAsync(FormClient client, string name) =>
        client.SubmitAsync("/account/display-name", new Dictionary<string, string> { ["Input.DisplayName"] = name }, "main form.stacked");

    private static async Task<string[]> LinksAsync(FormClient client, string url, int replyId) =>
        (await client.GetDocumentAsync(url)).QuerySelectorAll($"#reply-{replyId} .prose a").Select(a => a.GetAttribute("href")!).ToArray();

    [Fact]
    public async Task After_a_rename_the_mention_reads_and_links_the_new_name_everywhere_and_the_old_name_leads_to_nobody()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = NewSurfaceWorld.App(smtp.Port);
        var author = await app.Seed(A.Member().Called("autrice"));
        var writer = await app.Seed(A.Member().Called("redacteur"));
        var jean = await app.Seed(A.Member().WithUserName("jean").Named("Jean Dupont"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var replyId = await app.ReplyOnPageAsync(await app.SignedInAs(writer), caseId, "Merci @Jean Dupont pour le retour sur les revues trimestrielles.");
        var url = await app.CaseUrlAsync(caseId);
        var visitor = app.CreateFormClient();
        Assert.Equal(["/members/Jean%20Dupont"], await LinksAsync(visitor, url, replyId));   // the page is now cached

        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(await app.SignedInAs(jean), "Jean Nouveau")).StatusCode);
        // The old name goes to someone else: a newcomer takes it.
        var newcomer = await app.Seed(A.Member().WithUserName("intrus").Named("Jean Dupont"));

        var page = await visitor.GetDocumentAsync(url);
        Assert.Equal(["/members/Jean%20Nouveau"], page.QuerySelectorAll($"#reply-{replyId} .prose a").Select(a => a.GetAttribute("href")));
        Assert.Contains("@Jean Nouveau", page.QuerySelector($"#reply-{replyId} .prose")!.TextContent);
        Assert.DoesNotContain("Jean Dupont", page.QuerySelector($"#reply-{replyId}")!.OuterHtml);
        // A quote carries the new name, and a reply posting it mentions the renamed member, not the newcomer.
        var reader = await app.SignedInAs(await app.Seed(A.Member().Called("lectrice")));
        var quote = (await reader.GetDocumentAsync($"{url}?quote={replyId}")).QuerySelector("form.reply-form textarea")!.TextContent;
        Assert.Contains("@Jean Nouveau", quote);
        Assert.DoesNotContain("Jean Dupont", quote);
        // Search finds the reply by the new name and no longer by the old one.
        async Task<string> HitsAsync(string words) =>
            (await visitor.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(words))).QuerySelector("ol.search-hits")?.OuterHtml ?? "";
        Assert.Contains(CaseUrls.Reply(caseId, replyId), await HitsAsync("Nouveau trimestrielles"));
        Assert.DoesNotContain(CaseUrls.Reply(caseId, replyId), await HitsAsync("Dupont trimestrielles"));
        // The reply e-mail queued before the rename leaves without the old name.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Services.DrainOutboxAsync();
        Assert.NotEmpty(smtp.To(author.Email!));
        foreach (var mail in smtp.Received) Assert.DoesNotContain("Jean Dupont", mail.Subject + mail.TextBody + mail.HtmlBody);
        Assert.False(await app.Query(db => db.Set<Notification>().AnyAsync(n => n.RecipientId == newcomer.Id)));
    }

    [Fact]
    public async Task A_held_reply_approved_after_the_rename_tells_the_member_it_was_written_for_never_the_newcomer_with_the_old_name()
    {
        await using var app = NewSurfaceWorld.App();
        app.With("Moderation:HoldFirstReplies", "1");
        var author = await app.Seed(A.Member().Called("autrice"));
        var writer = await app.Seed(A.Member().Called("redacteur"));
        var jean = await app.Seed(A.Member().WithUserName("jean").Named("Jean Dupont"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var replyId = await app.ReplyOnPageAsync(await app.SignedInAs(writer), caseId, "Qu’en penses-tu, @Jean Dupont ?");
        Assert.True(await app.Query(db => db.Set<Reply>().AnyAsync(r => r.Id == replyId && r.Status == ReplyStatus.Pending)));

        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(await app.SignedInAs(jean), "Jean Nouveau")).StatusCode);
        var newcomer = await app.Seed(A.Member().WithUserName("intrus").Named("Jean Dupont"));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("moderatrice").WithRole(Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#item-reply-{replyId} form.approve")).StatusCode);

        var told = await app.Query(db => db.Set<Notification>().Where(n => n.TargetId == replyId && n.Kind == NotificationKind.Mention).Select(n => n.RecipientId).ToListAsync());
        Assert.Equal([jean.Id], told);
        Assert.Equal(["/members/Jean%20Nouveau"], await LinksAsync(app.CreateFormClient(), await app.CaseUrlAsync(caseId), replyId));
        Assert.NotEqual(newcomer.Id, jean.Id);
    }

    [Fact]
    public async Task When_the_mentioned_member_erases_their_account_the_name_stays_unlinked_and_a_newcomer_taking_it_is_not_linked()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().Called("autrice"));
        var writer = await app.Seed(A.Member().Called("redacteur"));
        var jean = await app.Seed(A.Member().WithUserName("jean").Named("Jean Dupont"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var replyId = await app.ReplyOnPageAsync(await app.SignedInAs(writer), caseId, "Merci @Jean Dupont pour le retour.");
        var url = await app.CaseUrlAsync(caseId);
        Assert.Equal(["/members/Jean%20Dupont"], await LinksAsync(app.CreateFormClient(), url, replyId));

        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignedInAs(jean)).SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password })).StatusCode);
        await app.Seed(A.Member().WithUserName("intrus").Named("Jean Dupont"));

        var page = await app.CreateFormClient().GetDocumentAsync(url);
        Assert.Empty(page.QuerySelectorAll($"#reply-{replyId} .prose a"));
        Assert.Contains("@Jean Dupont", page.QuerySelector($"#reply-{replyId} .prose")!.TextContent);
        Assert.False(await app.Query(db => db.Set<ReplyMention>().AnyAsync(m => m.ReplyId == replyId)));
    }

    [Fact]
    public async Task A_reply_stored_before_mentions_were_recorded_never_links_a_newcomer_who_took_the_name_since()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().Called("autrice").JoinedAt(CommunityAppFactory.Start.UtcDateTime));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas ancien"))).Id;
        // Written when "Jean Dupont" was someone since renamed; the newcomer with that name joined later.
        var written = CommunityAppFactory.Start.UtcDateTime;
        app.Clock.Advance(TimeSpan.FromDays(30));
        var newcomer = await app.Seed(A.Member().WithUserName("intrus").Named("Jean Dupont"));
        var oldLink = "<p>Merci <a href=\"/members/Jean%20Dupont\">@Jean Dupont</a>.</p>";
        int replyId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
            var reply = @case.AddReply(author.Id, "Merci @Jean Dupont.", new RenderedMarkdown(oldLink, 0), written)!;
            db.Add(reply);
            await db.SaveChangesAsync();
            replyId = reply.Id;
        }

        await app.Services.GetRequiredService<StoredBodies>().RerenderOutdatedAsync(CancellationToken.None);

        Assert.Empty(await LinksAsync(app.CreateFormClient(), await app.CaseUrlAsync(caseId), replyId));
        Assert.False(await app.Query(db => db.Set<ReplyMention>().AnyAsync(m => m.MemberId == newcomer.Id)));
    }
}
