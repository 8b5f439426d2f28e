using System.Net;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// The administrators' outbox never lists mail to an author about their pseudonymous post, not even without its address:
/// a row's time sat next to a reply in the discussion, and its status ("withdrawn" though nothing was removed, mail that
/// stops while someone is suspended) followed the author's state, which staff know by name. Such mail is only counted,
/// by settled month, when enough authors received some. Real SMTP server, caching on.
/// </summary>
public sealed class OutboxSurfaceTests
{
    [Fact]
    public async Task Mail_to_a_pseudonymous_author_is_no_row_and_in_no_status_count_and_cannot_be_retried_by_its_id()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = NewSurfaceWorld.App(smtp.Port);
        var (hidden, named) = (await app.Seed(A.Member().Named("Bertrand Secret")), await app.Seed(A.Member().Named("Claire Ouverte")));
        var admin = await app.Seed(A.Member().WithRole(Roles.Administrator));
        var pseudonymous = await app.Seed(A.Case().By(hidden).Titled("Un séminaire sans suite").UnderPseudonym("Plume Grise"));
        var open = await app.Seed(A.Case().By(named).Titled("Une revue trop lisse"));
        var replier = await app.SignedInAs(await app.Seed(A.Member()));
        await app.ReplyOnPageAsync(replier, pseudonymous.Id, "Même chose chez nous, trois cycles de suite.");
        await app.ReplyOnPageAsync(replier, open.Id, "Et chez nous, deux cycles.");

        // Both authors are suspended while their reply notifications wait to be sent: neither leaves.
        await app.SuspendAsync(hidden);
        await app.SuspendAsync(named);
        await app.Services.DrainOutboxAsync();
        Assert.Empty(smtp.To(hidden.Email!));
        Assert.Empty(smtp.To(named.Email!));
        var maskedMail = Assert.Single(await app.Services.OutboxRowsAsync(), m => m.MemberId == hidden.Id);
        Assert.Equal(OutboxStatus.Withdrawn, maskedMail.Status);

        var client = await app.SignedInAs(admin);
        var page = await client.GetDocumentAsync("/admin/outbox");
        var rows = page.QuerySelectorAll("table.outbox tbody tr").Select(r => WebUtility.HtmlDecode(r.TextContent)).ToList();
        Assert.Equal((await app.Services.OutboxRowsAsync()).Count(m => m.MemberId != hidden.Id), rows.Count);
        // Under their own name the reason stays: staff debug delivery with it, and it names nobody new.
        Assert.Contains(SuspendedMemberMail.Withheld, Assert.Single(rows, r => r.Contains(named.Email!)));
        // The status counts are those of the listed mail: the masked withdrawal does not move "Withdrawn".
        var withdrawn = Assert.Single(page.QuerySelectorAll("main nav a[href='/admin/outbox?status=Withdrawn']"));
        Assert.Equal("Retiré (1)", withdrawn.TextContent.Replace('\u00a0', ' ').Trim());
        // The month is not over: nothing of it is counted yet.
        var masked = WebUtility.HtmlDecode(page.QuerySelector("section.masked-mail")!.TextContent);
        Assert.DoesNotContain("janvier 2030", masked);

        // Its id answers like a missing one: "has not failed" would tell its status.
        var retry = await client.PostWithTokenAsync("/admin/outbox", "/admin/outbox?handler=Retry", new Dictionary<string, string> { ["id"] = maskedMail.Id.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);

        // A settled month with a single author is still not counted.
        app.Clock.Advance(TimeSpan.FromDays(32));
        var january = Assert.Single((await (await app.SignedInAs(admin)).GetDocumentAsync("/admin/outbox")).QuerySelectorAll("section.masked-mail tbody tr"),
            r => r.TextContent.Contains("janvier 2030"));
        Assert.Contains("Non compté", january.TextContent);
    }

    [Fact]
    public async Task Send_now_counts_only_the_mail_the_outbox_lists_and_says_so()
    {
        // "Messages sent: 2" while the outbox lists one would tell the administrator that masked mail left at that moment.
        await using var smtp = new TestSmtpServer().Start();
        await using var app = NewSurfaceWorld.App(smtp.Port);
        var (hidden, named) = (await app.Seed(A.Member().Named("Bertrand Secret")), await app.Seed(A.Member().Named("Claire Ouverte")));
        var admin = await app.SignedInAs(await app.Seed(A.Member().WithRole(Roles.Administrator)));
        var pseudonymous = await app.Seed(A.Case().By(hidden).Titled("Un séminaire sans suite").UnderPseudonym("Plume Grise"));
        var open = await app.Seed(A.Case().By(named).Titled("Une revue trop lisse"));
        var replier = await app.SignedInAs(await app.Seed(A.Member()));
        await app.ReplyOnPageAsync(replier, pseudonymous.Id, "Même chose chez nous, trois cycles de suite.");
        await app.ReplyOnPageAsync(replier, open.Id, "Et chez nous, deux cycles.");

        var page = await admin.GetDocumentAsync("/admin/digests");
        Assert.Contains("n’est pas compté ici", WebUtility.HtmlDecode(page.QuerySelector("#send-now")!.ParentElement!.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "/admin/digests", new Dictionary<string, string>(), "form[action*='handler=SendNow']")).StatusCode);
        Assert.Single(smtp.To(hidden.Email!));   // both left
        Assert.Single(smtp.To(named.Email!));
        var status = WebUtility.HtmlDecode((await admin.GetDocumentAsync("/admin/digests")).QuerySelector("p.notice")!.TextContent);
        Assert.Contains("Messages envoyés\u00a0: 1.", status);
    }

    [Fact]
    public async Task A_settled_month_of_mail_to_enough_pseudonymous_authors_is_counted_by_kind_and_outcome_never_by_person()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = NewSurfaceWorld.App(smtp.Port);
        var admin = await app.Seed(A.Member().WithRole(Roles.Administrator));
        var replier = await app.SignedInAs(await app.Seed(A.Member()));
        var authors = new List<Member>();
        for (var i = 0; i < 5; i++)
        {
            var author = await app.Seed(A.Member());
            authors.Add(author);
            var pseudonymous = await app.Seed(A.Case().By(author).Titled($"Un séminaire sans suite n° {i}").UnderPseudonym($"Plume {i}"));
            await app.ReplyOnPageAsync(replier, pseudonymous.Id, "Même chose chez nous, trois cycles de suite.");
        }
        await app.SuspendAsync(authors[0]);
        await app.Services.DrainOutboxAsync();
        Assert.Equal(4, authors.Count(a => smtp.To(a.Email!).Any()));

        app.Clock.Advance(TimeSpan.FromDays(32));   // 8 February 2030: January is over and settled
        var page = await (await app.SignedInAs(admin)).GetDocumentAsync("/admin/outbox");

        var january = Assert.Single(page.QuerySelectorAll("section.masked-mail tbody tr"), r => r.TextContent.Contains("janvier 2030"));
        Assert.Equal(["janvier 2030", "Notification", "4", "1", "0"], january.Children.Select(c => c.TextContent.Trim()));
        Assert.Empty(page.QuerySelectorAll("table.outbox tbody tr"));   // all five were masked: not one is a row
    }
}
