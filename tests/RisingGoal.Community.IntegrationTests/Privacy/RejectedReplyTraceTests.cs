using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A reply held for review and refused was never public: it leaves no trace in the discussion (no "this reply was
/// removed" tombstone, no anchor, no place in the paging), for visitors and members, its author included (told by their
/// notifications), with caching on.
/// </summary>
public sealed class RejectedReplyTraceTests
{
    [Fact]
    public async Task A_rejected_pending_reply_leaves_no_tombstone_in_the_discussion()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var replier = await app.Seed(A.Member());
        var reader = await app.Seed(A.Member());
        var @case = await app.Seed(A.Case().Titled("Des revues trimestrielles sans arbitrage"));
        var held = await app.Seed(A.Reply().On(@case).By(replier).Saying("Chez nous le directeur X a tout bloqué.").Pending());
        var shown = await app.Seed(A.Reply().On(@case).Saying("Même constat, trois cycles plus tard."));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var visitor = app.CreateFormClient("fr");
        await visitor.GetDocumentAsync(url);   // the shared read model is in the cache before the moderators act

        var modClient = await app.SignedInAs(moderator);
        Assert.Equal(HttpStatusCode.Redirect, (await modClient.SubmitAsync("/moderation", new Dictionary<string, string>
        {
            ["Input.Reason"] = nameof(RejectReason.IdentifiesSomeone),
        }, $"#item-reply-{held.Id} form.reject")).StatusCode);
        Assert.Equal(ReplyStatus.Rejected, await app.Query(db => db.Set<Reply>().Where(r => r.Id == held.Id).Select(r => r.Status).SingleAsync()));

        foreach (var client in new[] { visitor, await app.SignedInAs(reader), await app.SignedInAs(replier) })
        {
            var page = await client.GetDocumentAsync(url);
            Assert.Null(page.GetElementById($"reply-{held.Id}"));
            Assert.NotNull(page.GetElementById($"reply-{shown.Id}"));
            Assert.DoesNotContain("directeur X", page.Body!.TextContent);
            Assert.DoesNotContain("Cette réponse a été retirée", page.Body!.TextContent);
        }
    }
}
