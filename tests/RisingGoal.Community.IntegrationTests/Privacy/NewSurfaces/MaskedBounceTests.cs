using System.Net;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// A member's mail is paused after repeated permanent rejections, and a pause shows on the outbox page through their named
/// mail (a notification no longer queued, a digest no longer planned). Mail to them as the author of a pseudonymous post
/// is no row there; if its bounce counted towards the pause, staff would see a member paused after fewer rejections than
/// their listed rows show, and learn that they got such mail: that they wrote under a pseudonym, and when.
/// </summary>
public sealed class MaskedBounceTests
{
    [Fact]
    public async Task A_bounced_mail_to_a_pseudonymous_author_changes_nothing_staff_see_of_their_named_mail()
    {
        // The same public events: a reply in a pseudonymous discussion, then one in each of two named ones of Mathilde's.
        // Only who wrote the pseudonymous case differs.
        var whenSheWroteIt = await OutboxOfAsync(sheWroteThePseudonymousCase: true);
        var whenSomeoneElseDid = await OutboxOfAsync(sheWroteThePseudonymousCase: false);
        Assert.Equal(whenSomeoneElseDid, whenSheWroteIt);
    }

    /// <summary>The outbox page's rows (kind, recipient, status, error) as an administrator reads them.</summary>
    private static async Task<List<string>> OutboxOfAsync(bool sheWroteThePseudonymousCase)
    {
        // Her address no longer exists: every message to it is refused for good.
        await using var smtp = new TestSmtpServer { RefuseWith = (SmtpServer.Protocol.SmtpReplyCode)550, RefusalText = "No such mailbox" }.Start();
        await using var app = NewSurfaceWorld.App(smtp.Port);
        app.With("Outbox:BounceThreshold", "2");
        var mathilde = await app.Seed(A.Member().Named("Mathilde Partie"));
        var other = await app.Seed(A.Member().Named("Octave Ailleurs"));
        var admin = await app.SignedInAs(await app.Seed(A.Member().WithRole(Roles.Administrator)));
        var replier = await app.SignedInAs(await app.Seed(A.Member().Named("Rémi Répond")));
        var pseudonymous = await app.Seed(A.Case().By(sheWroteThePseudonymousCase ? mathilde : other).Titled("Un séminaire sans suite").UnderPseudonym("Plume Grise"));
        var first = await app.Seed(A.Case().By(mathilde).Titled("Une revue trop lisse"));
        var second = await app.Seed(A.Case().By(mathilde).Titled("Des objectifs sans équipe"));
        foreach (var caseId in new[] { pseudonymous.Id, first.Id, second.Id })
        {
            await app.ReplyOnPageAsync(replier, caseId, "Même chose chez nous, trois cycles de suite.");
            await app.Services.DrainOutboxAsync();
        }

        var page = await admin.GetDocumentAsync("/admin/outbox");
        return page.QuerySelectorAll("table.outbox tbody tr")
            .Select(r => string.Join(" / ", new[] { 0, 1, 3, 6 }.Select(i => WebUtility.HtmlDecode(r.Children[i].TextContent).Trim())))
            .Select(row => row.Replace(mathilde.Email!, "Mathilde").Replace(other.Email!, "Octave"))   // addresses differ from one app to the other
            .ToList();
    }
}
