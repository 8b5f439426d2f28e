using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// A mention follows the member it was written for (<c>ReplyMentions</c>): a rename rewrites the replies that mention
/// them. An edit of a reply waiting for review is text too, published once approved: approved after the rename, it
/// must neither publish the name the member left (often the real one) nor link and tell whoever took that name since.
/// </summary>
public sealed class HeldEditMentionTests
{
    private static Task<HttpResponseMessage> RenameAsync(FormClient client, string name) =>
        client.SubmitAsync("/account/display-name", new Dictionary<string, string> { ["Input.DisplayName"] = name }, "main form.stacked");

    [Fact]
    public async Task A_reply_edit_held_before_a_rename_is_published_with_the_new_name_and_tells_nobody_who_took_the_old_one()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().Called("autrice"));
        var writer = await app.Seed(A.Member().Called("redacteur"));
        var jean = await app.Seed(A.Member().WithUserName("jean").Named("Jean Dupont"));
        var other = await app.Seed(A.Member().WithUserName("autre").Named("Paul Autre"));   // joined before the edit
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var writerClient = await app.SignedInAs(writer);
        var replyId = await app.ReplyOnPageAsync(writerClient, caseId, "Première version sans mention.");
        // Not trusted yet: the edit waits for a moderator.
        Assert.Equal(HttpStatusCode.Redirect, (await writerClient.SubmitAsync($"/cases/{caseId}/replies/{replyId}/edit",
            new Dictionary<string, string> { ["Input.Body"] = "Merci @Jean Dupont pour le retour." }, "main form.stacked")).StatusCode);
        Assert.True(await app.Query(db => db.Set<PendingEdit>().AnyAsync(e => e.ReplyId == replyId)));

        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(await app.SignedInAs(jean), "Jean Nouveau")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(await app.SignedInAs(other), "Jean Dupont")).StatusCode);
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("moderatrice").WithRole(Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), "form.approve-edit")).StatusCode);

        var reply = (await app.CreateFormClient().GetDocumentAsync(await app.CaseUrlAsync(caseId))).QuerySelector($"#reply-{replyId} .prose")!;
        Assert.Contains("@Jean Nouveau", reply.TextContent);
        Assert.Equal(["/members/Jean%20Nouveau"], reply.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.False(await app.Query(db => db.Set<Notification>().AnyAsync(n => n.RecipientId == other.Id)));
    }
}
