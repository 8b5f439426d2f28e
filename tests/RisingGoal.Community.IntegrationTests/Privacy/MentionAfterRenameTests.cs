using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
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

    /// <summary>
    /// Jean Dupont, Paul Martin (both members before the edit), and a writer not trusted yet whose edit of their reply,
    /// "Merci @Jean Dupont…", waits for a moderator.
    /// </summary>
    private static async Task<(Member Jean, Member Paul, int CaseId, int ReplyId, int EditId, FormClient Writer)> EditAwaitingReviewMentioningJeanAsync(
        CommunityAppFactory app)
    {
        var author = await app.Seed(A.Member().Called("autrice"));
        var writer = await app.Seed(A.Member().Called("redacteur"));
        var jean = await app.Seed(A.Member().WithUserName("jean").Named("Jean Dupont"));
        var paul = await app.Seed(A.Member().WithUserName("paul").Named("Paul Martin"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var writerClient = await app.SignedInAs(writer);
        var replyId = await app.ReplyOnPageAsync(writerClient, caseId, "Un premier jet de réponse.");
        Assert.Equal(HttpStatusCode.Redirect, (await writerClient.SubmitAsync($"/cases/{caseId}/replies/{replyId}/edit",
            new Dictionary<string, string> { ["Input.Body"] = "Merci @Jean Dupont pour la relecture." }, "main form.stacked")).StatusCode);
        var editId = await app.Query(db => db.Set<PendingEdit>().Where(e => e.ReplyId == replyId).Select(e => e.Id).SingleAsync());
        return (jean, paul, caseId, replyId, editId, writerClient);
    }

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
        var written = ReplyMentionRecords.RecordedSinceUtc.AddDays(-1);
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

    [Fact]
    public async Task A_reply_edit_awaiting_review_follows_the_rename_and_once_approved_links_the_member_it_was_written_for_not_who_took_the_old_name()
    {
        await using var app = NewSurfaceWorld.App();
        var (jean, paul, caseId, replyId, editId, writerClient) = await EditAwaitingReviewMentioningJeanAsync(app);
        var editUrl = $"/cases/{caseId}/replies/{replyId}/edit";

        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(await app.SignedInAs(jean), "Jean Nouveau")).StatusCode);
        // The old name goes to a member who was already there when the edit was proposed.
        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(await app.SignedInAs(paul), "Jean Dupont")).StatusCode);

        // The waiting edit was rewritten in the rename's save, as the published replies are: its author reads it so.
        Assert.Equal("Merci @Jean Nouveau pour la relecture.",
            (await writerClient.GetDocumentAsync(editUrl)).QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("moderatrice").WithRole(Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#edit-{editId} form.approve-edit")).StatusCode);

        Assert.Equal(["/members/Jean%20Nouveau"], await LinksAsync(app.CreateFormClient(), await app.CaseUrlAsync(caseId), replyId));
        Assert.Equal([jean.Id], await app.Query(db => db.Set<ReplyMention>().Where(m => m.ReplyId == replyId).Select(m => m.MemberId).ToListAsync()));
    }

    [Fact]
    public async Task A_reply_edit_awaiting_review_whose_mentioned_member_erased_their_account_links_nobody_once_approved_not_who_took_the_name()
    {
        await using var app = NewSurfaceWorld.App();
        var (jean, paul, caseId, replyId, editId, _) = await EditAwaitingReviewMentioningJeanAsync(app);

        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignedInAs(jean)).SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password })).StatusCode);
        // A member who was already there when the edit was proposed takes the name.
        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(await app.SignedInAs(paul), "Jean Dupont")).StatusCode);
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("moderatrice").WithRole(Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#edit-{editId} form.approve-edit")).StatusCode);

        Assert.Empty(await LinksAsync(app.CreateFormClient(), await app.CaseUrlAsync(caseId), replyId));
        Assert.False(await app.Query(db => db.Set<ReplyMention>().AnyAsync(m => m.ReplyId == replyId)));
    }

    [Fact]
    public async Task A_reply_edit_queued_before_edits_recorded_their_mentions_links_and_tells_nobody_once_approved()
    {
        // The safe outcome, chosen: nobody is linked nor told by a mention whose member was never recorded ("none recorded"
        // cannot be told from a mention of someone erased since), and the name reads as plain text, as the writer typed it.
        await using var app = NewSurfaceWorld.App();
        var (jean, _, caseId, replyId, editId, _) = await EditAwaitingReviewMentioningJeanAsync(app);
        // As queued before PendingEditMentions existed: the edit row alone.
        Assert.Equal(1, await app.Query(db => db.Set<PendingEditMention>().Where(m => m.PendingEditId == editId).ExecuteDeleteAsync()));

        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("moderatrice").WithRole(Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#edit-{editId} form.approve-edit")).StatusCode);

        var url = await app.CaseUrlAsync(caseId);
        Assert.Contains("Merci @Jean Dupont pour la relecture.", (await app.CreateFormClient().GetDocumentAsync(url)).QuerySelector($"#reply-{replyId} .prose")!.TextContent);
        Assert.Empty(await LinksAsync(app.CreateFormClient(), url, replyId));
        Assert.False(await app.Query(db => db.Set<ReplyMention>().AnyAsync(m => m.ReplyId == replyId)));
        Assert.False(await app.Query(db => db.Set<Notification>().AnyAsync(n => n.RecipientId == jean.Id)));

        // Nor later: rendered again (a new renderer version), "none recorded" still links nobody.
        await app.Query(db => db.Set<Reply>().Where(r => r.Id == replyId).ExecuteUpdateAsync(u => u.SetProperty(r => r.RendererVersion, 0)));
        await app.Services.GetRequiredService<StoredBodies>().RerenderOutdatedAsync(CancellationToken.None);
        Assert.Empty(await LinksAsync(app.CreateFormClient(), url, replyId));
    }

    [Fact]
    public async Task A_case_draft_keeps_its_author_s_words_after_a_rename_and_once_published_links_and_tells_nobody_not_the_newcomer_with_the_name()
    {
        await using var app = NewSurfaceWorld.App();
        var writer = await app.Seed(A.Member().Called("redactrice"));
        var jean = await app.Seed(A.Member().WithUserName("jean").Named("Jean Dupont"));
        var client = await app.SignedInAs(writer);
        var draftId = Guid.Parse((await client.GetDocumentAsync("/cases/new"))
            .QuerySelector("main form.composer input[name='Input.DraftId']")!.GetAttribute("value")!);
        var fields = await ComposedCase.FieldsAsync(app, "Un cas écrit avec l’aide de Jean",
            ComposedCase.Body + "\n\nMerci à @Jean Dupont pour sa relecture attentive.");
        fields["Input.DraftId"] = draftId.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync("/cases/new", "/cases/drafts/save", fields)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(await app.SignedInAs(jean), "Jean Nouveau")).StatusCode);
        var newcomer = await app.Seed(A.Member().WithUserName("intrus").Named("Jean Dupont"));

        // The draft is the member's own text, still being written: the site does not rewrite it behind them.
        Assert.Contains("@Jean Dupont", await app.Query(db => db.Set<Draft>().Where(d => d.Id == draftId).Select(d => d.Content).SingleAsync()));
        // The composer flags the name as identifying once; published again, as its author confirms it identifies nobody.
        var flagged = await client.PostWithTokenAsync(CaseUrls.Draft(draftId), "/cases/new", fields);
        Assert.Equal(HttpStatusCode.OK, flagged.StatusCode);
        var published = await client.SubmitAsync(await flagged.HtmlAsync(), "/cases/new", new Dictionary<string, string>(), "main form.composer");
        Assert.True(published.StatusCode == HttpStatusCode.Redirect, (await published.HtmlAsync()).Summary());

        // A case's text links no @mention (only replies do): the name reads as written, leading to nobody and telling nobody.
        var caseId = await app.Query(db => db.Set<Case>().Where(c => c.AuthorId == writer.Id).Select(c => c.Id).SingleAsync());
        var page = await app.CreateFormClient().GetDocumentAsync(await app.CaseUrlAsync(caseId));
        Assert.Contains("@Jean Dupont", page.QuerySelector("main")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main a[href^='/members/Jean']"));
        Assert.False(await app.Query(db => db.Set<Notification>().AnyAsync(n => n.RecipientId == newcomer.Id || n.RecipientId == jean.Id)));
    }
}
