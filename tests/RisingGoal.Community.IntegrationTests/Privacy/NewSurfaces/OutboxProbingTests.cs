using System.Globalization;
using System.Net;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// Masked mail (to an author about their pseudonymous post) is no row on the outbox page, but it shares the outbox's
/// ids with named mail, and the page takes any id as its paging key (<c>?before=</c>). Asking for every key in turn
/// tells the id of each listed row, and so the gaps: a masked message sits there, queued between its neighbours. Whether
/// one is queued at all follows its author's state (suspended, mail paused or unwanted): staff suspend a member, a reply
/// is posted in a pseudonymous discussion, and a gap among its notifications, or none, says whether that member wrote
/// it: the yes or no the monthly counts were made to avoid. A retry by id tells the same (404 for a masked message, a
/// redirect for a named one).
/// </summary>
public sealed class OutboxProbingTests
{
    [Fact(Skip = "Leak, fix in Features/Digests/Admin/Outbox* (trust helper's files): the paging key is a raw outbox id anyone can type, and a retry answers 404 for a masked id and a redirect for a named one. Page by the listed rows' position or an opaque key, and answer a masked or missing id as a named message that has not failed. Seen passing with both.")]
    public async Task Every_paging_key_and_retried_id_reads_the_same_whether_or_not_mail_to_a_pseudonymous_author_was_queued()
    {
        var withMaskedMail = await ProbeAsync(authorWantsReplyMail: true);
        var withoutMaskedMail = await ProbeAsync(authorWantsReplyMail: false);
        Assert.Equal(withoutMaskedMail, withMaskedMail);
    }

    /// <summary>The listed rows (recipient, subject, status) for every paging key an administrator may type, and the retry's answer for every id.</summary>
    private static async Task<List<string>> ProbeAsync(bool authorWantsReplyMail)
    {
        await using var app = NewSurfaceWorld.App();
        var (first, last) = (await app.Seed(A.Member().Named("Claire Ouverte")), await app.Seed(A.Member().Named("Denis Ouvert")));
        var author = A.Member().Named("Bertrand Secret");
        var hidden = await app.Seed(authorWantsReplyMail ? author : author.WithoutReplyNotifications());
        var admin = await app.SignedInAs(await app.Seed(A.Member().WithRole(Roles.Administrator)));
        var replier = await app.SignedInAs(await app.Seed(A.Member()));
        // One reply in each discussion, in turn: a notification to each author, the pseudonymous one's between the others.
        foreach (var @case in new[]
                 {
                     await app.Seed(A.Case().By(first).Titled("Une revue trop lisse")),
                     await app.Seed(A.Case().By(hidden).Titled("Un séminaire sans suite").UnderPseudonym("Plume Grise")),
                     await app.Seed(A.Case().By(last).Titled("Des objectifs sans équipe")),
                 })
            await app.ReplyOnPageAsync(replier, @case.Id, "Même chose chez nous, trois cycles de suite.");
        Assert.Equal(authorWantsReplyMail ? 3 : 2, (await app.Services.OutboxRowsAsync()).Count);

        var answers = new List<string>();
        for (var before = 1; before <= 6; before++)
        {
            var page = await admin.GetDocumentAsync("/admin/outbox?before=" + before.ToString(CultureInfo.InvariantCulture));
            var rows = page.QuerySelectorAll("table.outbox tbody tr")
                .Select(r => string.Join(" / ", r.Children.Skip(1).Take(3).Select(c => WebUtility.HtmlDecode(c.TextContent).Trim())));
            // Addresses differ from one app to the other: named by whose they are.
            answers.Add($"before={before}: " + string.Join(" | ", rows).Replace(first.Email!, "first author").Replace(last.Email!, "last author"));
        }
        // The retry answers by id too: 404 for a masked message, a redirect for a named one, so a 404 between two redirects is a gap.
        for (var id = 1; id <= 6; id++)
        {
            var retry = await admin.PostWithTokenAsync("/admin/outbox", "/admin/outbox?handler=Retry",
                new Dictionary<string, string> { ["id"] = id.ToString(CultureInfo.InvariantCulture) });
            answers.Add($"retry {id}: {(int)retry.StatusCode}");
        }
        return answers;
    }
}
