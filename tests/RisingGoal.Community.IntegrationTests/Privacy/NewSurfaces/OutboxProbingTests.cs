using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Digests.Admin;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// Masked mail (to an author about their pseudonymous post) is no row on the outbox page, but it shares the outbox's
/// ids with named mail, and the page takes any id as its paging key (<c>?before=</c>). Asking for every key in turn
/// tells the id of each listed row, and so the gaps: a masked message sits there, queued between its neighbours. Whether
/// one is queued at all follows its author's state (suspended, mail paused or unwanted): staff suspend a member, a reply
/// is posted in a pseudonymous discussion, and a gap among its notifications, or none, says whether that member wrote
/// it: the yes or no the monthly counts were made to avoid. A retry by id told the same (404 for a masked message, a
/// redirect for a named one). So the page gives and takes only opaque keys of listed rows (<c>OutboxRowKeys</c>).
/// </summary>
public sealed class OutboxProbingTests
{
    [Fact]
    public async Task Every_paging_key_and_retried_id_reads_the_same_whether_or_not_mail_to_a_pseudonymous_author_was_queued()
    {
        var withMaskedMail = await ProbeAsync(authorWantsReplyMail: true);
        var withoutMaskedMail = await ProbeAsync(authorWantsReplyMail: false);
        Assert.Equal(withoutMaskedMail, withMaskedMail);
    }

    [Fact]
    public async Task The_older_messages_link_pages_over_the_listed_rows_alone_by_a_key_that_is_no_outbox_id()
    {
        var withMaskedMail = await SecondPageAsync(authorWantsReplyMail: true);
        var withoutMaskedMail = await SecondPageAsync(authorWantsReplyMail: false);
        Assert.Equal(["last author", "first author"], withMaskedMail);
        Assert.Equal(withoutMaskedMail, withMaskedMail);
    }

    /// <summary>The recipients on the page the first page's "Older messages" link leads to, once a full page of newer mail is queued.</summary>
    private static async Task<List<string>> SecondPageAsync(bool authorWantsReplyMail)
    {
        var (app, first, last, admin) = await WorldAsync(authorWantsReplyMail);
        await using var owned = app;
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < OutboxModel.PageSize; i++)
                db.Add(OutboxMessage.Create(OutboxKind.Account, null, $"test-account-{i}", $"newer-{i}@example.test", "Confirmez votre adresse", [], now));
            await db.SaveChangesAsync();
        });
        var page = await admin.GetDocumentAsync("/admin/outbox");
        Assert.Equal(OutboxModel.PageSize, page.QuerySelectorAll("table.outbox tbody tr").Length);
        var older = Assert.Single(page.QuerySelectorAll("a"), a => a.TextContent.Contains("Messages plus anciens")).GetAttribute("href")!;
        var key = Uri.UnescapeDataString(older[(older.IndexOf("before=", StringComparison.Ordinal) + "before=".Length)..].Split('&')[0]);
        Assert.False(long.TryParse(key, out _), "the paging key is an outbox id");
        var next = await admin.GetDocumentAsync(older);
        return next.QuerySelectorAll("table.outbox tbody tr").Select(r => r.Children[1].TextContent.Trim())
            .Select(to => to == first.Email ? "first author" : to == last.Email ? "last author" : to).ToList();
    }

    /// <summary>
    /// Three authors, the pseudonymous one's reply notification queued between the others' (or not queued at all, when
    /// they turned reply mail off), and an administrator.
    /// </summary>
    private static async Task<(DigestAppFactory App, Member First, Member Last, FormClient Admin)> WorldAsync(bool authorWantsReplyMail)
    {
        var app = NewSurfaceWorld.App();
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
        return (app, first, last, admin);
    }

    /// <summary>The listed rows (recipient, subject, status) for every paging key an administrator may type, and the retry's answer for every id.</summary>
    private static async Task<List<string>> ProbeAsync(bool authorWantsReplyMail)
    {
        var (app, first, last, admin) = await WorldAsync(authorWantsReplyMail);
        await using var owned = app;
        var answers = new List<string>();
        for (var before = 1; before <= 6; before++)
        {
            var page = await admin.GetDocumentAsync("/admin/outbox?before=" + before.ToString(CultureInfo.InvariantCulture));
            var rows = page.QuerySelectorAll("table.outbox tbody tr")
                .Select(r => string.Join(" / ", r.Children.Skip(1).Take(3).Select(c => WebUtility.HtmlDecode(c.TextContent).Trim())));
            // Addresses differ from one app to the other: named by whose they are.
            answers.Add($"before={before}: " + string.Join(" | ", rows).Replace(first.Email!, "first author").Replace(last.Email!, "last author"));
        }
        // The retry answered by id too: 404 for a masked message, a redirect for a named one, so a 404 between two redirects was a gap.
        for (var id = 1; id <= 6; id++)
        {
            var retry = await admin.PostWithTokenAsync("/admin/outbox", "/admin/outbox?handler=Retry",
                new Dictionary<string, string> { ["id"] = id.ToString(CultureInfo.InvariantCulture) });
            answers.Add($"retry {id}: {(int)retry.StatusCode}");
        }
        return answers;
    }
}
