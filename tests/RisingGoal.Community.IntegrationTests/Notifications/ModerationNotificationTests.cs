using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Notifications;

/// <summary>What moderators do to a member's post is told to that member alone, in the site, naming neither moderator nor pseudonym's account.</summary>
public sealed class ModerationNotificationTests
{
    private static async Task<List<string>> TextsAsync(FormClient client) =>
        (await client.GetDocumentAsync("/notifications")).QuerySelectorAll("li.notification a").Select(a => a.TextContent.Trim()).ToList();

    private static Task<int> CaseVersionAsync(CommunityAppFactory app, int caseId) =>
        app.Query(db => db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());

    private static Task<ModerationOutcome> OnCaseAsync(CommunityAppFactory app, ModerationActor actor, int caseId, ModerationAction action, Func<Case, bool> apply) =>
        app.InScopeAsync(async sp => (await sp.GetRequiredService<ModerationService>()
            .OnCaseAsync(caseId, await CaseVersionAsync(app, caseId), actor, action, apply)).Outcome);

    [Fact]
    public async Task Hide_lock_retag_and_redact_tell_the_author_alone_and_never_name_the_moderator_or_the_account_behind_a_pseudonym()
    {
        var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        await using var _ = app;
        var (author, follower, replier) = (await app.Seed(A.Member().Called("bertrand")), await app.Seed(A.Member().Called("fanny")), await app.Seed(A.Member().Called("arthur")));
        var moderator = await app.Seed(A.Member().Called("modo").WithRole(Roles.Moderator));
        var actor = new ModerationActor(moderator.Id, "Modo Secret");
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").Tagged("centralisation").UnderPseudonym("Plume Grise").FollowedBy(follower))).Id;
        var replyId = (await app.Seed(A.Reply().On(caseId).By(replier))).Id;

        var replyVersion = await app.Query(db => db.Set<Reply>().Where(r => r.Id == replyId).Select(r => r.Version).SingleAsync());
        Assert.Equal(ModerationOutcome.Done, await app.InScopeAsync(async sp => (await sp.GetRequiredService<ModerationService>()
            .OnReplyAsync(replyId, replyVersion, actor, ModerationAction.Hide, r => r.Hide(app.Clock.GetUtcNow().UtcDateTime))).Outcome));
        Assert.Equal(ModerationOutcome.Done, await OnCaseAsync(app, actor, caseId, ModerationAction.Lock, c => { c.Lock(app.Clock.GetUtcNow().UtcDateTime); return true; }));
        Assert.Equal(ModerationOutcome.Done, await OnCaseAsync(app, actor, caseId, ModerationAction.Retag, c => { c.SetTags([]); return true; }));
        Assert.Equal(ModerationOutcome.Done, await app.InScopeAsync(async sp => await sp.GetRequiredService<Redactor>()
            .RedactCaseAsync(caseId, await CaseVersionAsync(app, caseId), actor, new Redaction("Body", "Corps", null), null, null)));

        var authorClient = await app.SignedInAs(author);
        var authorTexts = await TextsAsync(authorClient);
        Assert.Equal(3, authorTexts.Count);
        Assert.Contains("L’équipe de modération a verrouillé votre cas\u00a0: il ne reçoit plus de réponses", authorTexts);
        Assert.Contains("L’équipe de modération a modifié les étiquettes de votre cas", authorTexts);
        Assert.Contains("L’équipe de modération a retiré des détails identifiants de votre cas", authorTexts);
        Assert.Equal(["L’équipe de modération a masqué votre réponse"], await TextsAsync(await app.SignedInAs(replier)));
        // The follower learns nothing of what was done to someone else's post, nor whose it is.
        var followerPage = await (await app.SignedInAs(follower)).GetDocumentAsync("/notifications");
        Assert.Empty(followerPage.QuerySelectorAll("li.notification"));
        var authorPage = await authorClient.GetDocumentAsync("/notifications");
        Assert.DoesNotContain("Modo Secret", authorPage.Body!.TextContent);
        Assert.DoesNotContain("modo", authorPage.QuerySelector("main")!.TextContent);
        var rows = await app.Query(db => db.Set<Notification>().AsNoTracking().ToListAsync());
        Assert.All(rows, n => Assert.Null(n.ActorId));
        Assert.All(rows, n => Assert.Contains(n.RecipientId, new[] { author.Id, replier.Id }));

        // Hiding the case: still told to its author (who can no longer open it), and nobody else.
        Assert.Equal(ModerationOutcome.Done, await OnCaseAsync(app, actor, caseId, ModerationAction.Hide, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime)));
        var hidden = (await authorClient.GetDocumentAsync("/notifications")).QuerySelectorAll("li.notification a")
            .Single(a => a.TextContent.Trim() == "L’équipe de modération a masqué votre cas");
        Assert.Equal("/account#my-cases", hidden.GetAttribute("href"));
        Assert.Empty((await (await app.SignedInAs(follower)).GetDocumentAsync("/notifications")).QuerySelectorAll("li.notification"));
        var log = await app.CreateFormClient().GetDocumentAsync("/moderation/log");
        Assert.DoesNotContain("bertrand", log.QuerySelector("main")!.TextContent);
    }
}
