using System.Net;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// The administrators' outbox shows no address for mail to an author about their pseudonymous post; what it shows of
/// such a row must not describe the account either. Staff know who is suspended (the member pages, the staff log): a
/// masked row reading "withheld: the member is suspended" next to the time of a reply in the discussion names the
/// pseudonym's author without a logged reveal. Real SMTP server, caching on.
/// </summary>
public sealed class OutboxSurfaceTests
{
    [Fact]
    public async Task A_masked_row_withheld_or_withdrawn_tells_staff_nothing_of_the_recipient_while_a_named_row_says_why()
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
        Assert.All((await app.Services.OutboxRowsAsync()).Where(m => m.MemberId == hidden.Id || m.MemberId == named.Id),
            m => Assert.Equal(OutboxStatus.Withdrawn, m.Status));

        var page = await (await app.SignedInAs(admin)).GetDocumentAsync("/admin/outbox");
        var rows = page.QuerySelectorAll("table.outbox tbody tr").Select(r => WebUtility.HtmlDecode(r.TextContent)).ToList();
        var masked = Assert.Single(rows, r => r.Contains("Auteur·e sous pseudonyme"));
        Assert.DoesNotContain(hidden.Email!, masked);
        Assert.DoesNotContain(SuspendedMemberMail.Withheld, masked);
        Assert.DoesNotContain("suspend", masked, StringComparison.OrdinalIgnoreCase);
        // Under their own name the reason stays: staff debug delivery with it, and it names nobody new.
        Assert.Contains(SuspendedMemberMail.Withheld, Assert.Single(rows, r => r.Contains(named.Email!)));
    }
}
