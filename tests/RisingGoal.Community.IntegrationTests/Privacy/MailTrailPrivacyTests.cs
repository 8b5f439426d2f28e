using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Messages;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// What outlives an e-mail — the outbox row after sending, the administrators' outbox page (mail to an author about
/// their pseudonymous post is only counted by month, never a row), the logs, the digest preview — never ties a pseudonymous case to its author's
/// account, and a moderator's message is not lost because a post was hidden while it waited. Real SMTP server, caching on.
/// </summary>
public sealed class MailTrailPrivacyTests
{
    private const string Title = "Chez Dupontel, un alignement de façade";

    private static DigestAppFactory App(int smtpPort)
    {
        var app = new DigestAppFactory(null, smtpPort);
        app.With("Caching:Enabled", "true");
        return app;
    }

    [Fact]
    public async Task A_reply_mail_to_a_pseudonymous_author_names_the_case_only_in_its_body_which_is_not_kept()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var author = await app.Seed(A.Member().Named("Bertrand Secret"));
        var admin = await app.Seed(A.Member().WithRole(Roles.Administrator));
        var @case = await app.Seed(A.Case().By(author).Titled(Title).UnderPseudonym("Plume Grise"));
        var (replier, _) = await app.SignedInAs(A.Member());

        Assert.Equal(HttpStatusCode.Redirect, (await replier.SubmitAsync(CaseUrls.Read(@case.Id, @case.Slug),
            new Dictionary<string, string> { ["Reply.Body"] = "Même chose chez nous, trois cycles de suite." }, "form.reply-form")).StatusCode);
        await app.Services.DrainOutboxAsync();

        var mail = Assert.Single(smtp.To(author.Email!));
        Assert.Contains("Dupontel", mail.TextBody);                    // the recipient knows which discussion
        Assert.DoesNotContain("Dupontel", mail.Subject);
        var row = Assert.Single(await app.Services.OutboxRowsAsync(), m => m.MemberId == author.Id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.DoesNotContain("Dupontel", row.Subject);
        Assert.DoesNotContain("Dupontel", System.Text.Encoding.UTF8.GetString(row.Mime));

        var outboxPage = await (await app.SignedInAs(admin)).GetDocumentAsync("/admin/outbox");
        // A reply to their pseudonymous case, mailed when the reply shows on the page: no row, no address, no case title.
        Assert.DoesNotContain(author.Email!, outboxPage.Body!.TextContent);
        Assert.Empty(outboxPage.QuerySelectorAll("table.outbox tbody tr"));
        Assert.DoesNotContain("Dupontel", outboxPage.Body!.TextContent);
        Assert.DoesNotContain("Dupontel", app.Logs.All);
        Assert.DoesNotContain("Plume Grise", app.Logs.All);
    }

    [Fact]
    public async Task The_digest_preview_shows_staff_no_section_of_the_member_s_own_so_no_pseudonymous_case_of_theirs()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var author = await app.Seed(A.Member().WithDigest(DigestFrequency.Weekly, "tension"));
        var admin = await app.Seed(A.Member().WithRole(Roles.Administrator));
        var mine = await app.Seed(A.Case().By(author).Titled(Title).UnderPseudonym("Plume Grise").Tagged("tension"));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.Seed(A.Reply().On(mine).Saying("Une réponse sur le cas sous pseudonyme."));
        await app.Seed(A.Case().Titled("Un autre cas de la semaine").Tagged("tension"));
        var client = await app.SignedInAs(admin);

        var html = WebUtility.HtmlDecode(await client.Http.GetStringAsync("/admin/digests/preview?memberId=" + Uri.EscapeDataString(author.Email!)));
        Assert.Contains("Un autre cas de la semaine", html);
        // Listed like anyone else's new case (not left out as "theirs"), and never as "a discussion with new replies".
        Assert.Contains("Plume Grise", html);
        Assert.DoesNotContain("Discussions avec de nouvelles réponses", html);
    }

    [Fact]
    public async Task A_moderator_message_still_reaches_the_author_when_the_post_is_hidden_before_it_is_sent()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var author = await app.Seed(A.Member());
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await app.Seed(A.Case().By(author).Titled(Title));
        var modClient = await app.SignedInAs(moderator);

        Assert.Equal(HttpStatusCode.Redirect, (await modClient.SubmitAsync(MessageUrls.Write(TargetKind.Case, @case.Id),
            new Dictionary<string, string> { ["Input.Body"] = "Nous masquons votre cas le temps de retirer le nom de l’entreprise." }, "form.message-form")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await app.Query(async db =>
        {
            // As the queue's Hide does it: the case and the logged removal the outbox checks before sending.
            var hidden = await db.Set<Case>().SingleAsync(c => c.Id == @case.Id);
            hidden.Hide(app.Clock.GetUtcNow().UtcDateTime);
            db.Add(ModerationLogEntry.Record(new ModerationActor(moderator.Id, moderator.DisplayName), ModerationAction.Hide,
                ModerationTarget.ForCase(hidden), null, null, app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        await app.Services.DrainOutboxAsync();

        var mail = Assert.Single(smtp.To(author.Email!));
        Assert.Contains("retirer le nom de l’entreprise", mail.TextBody);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await app.Services.OutboxRowsAsync(), m => m.DedupeKey.StartsWith(MessageMail.KeyPrefix)).Status);
    }

    // The administrators' outbox lists addresses next to times: a message to an author about a post written under a
    // pseudonym, sent when the public log shows the decision, would unmask them without a logged reveal, so it is no row
    // (only counted by month: OutboxSurfaceTests). Mails under the member's own name keep their address (delivery is
    // debugged with them).
    private const string NotListed = "Les messages à l’auteur·e d’une publication sous pseudonyme ne sont pas listés";

    private static int Rows(string page) => FormClient.Parse(page).QuerySelectorAll("table.outbox tbody tr").Length;

    private static Dictionary<string, string> Approve(string kind, int id, int version) =>
        new() { ["Input.Kind"] = kind, ["Input.Id"] = id.ToString(), ["Input.Version"] = version.ToString() };

    private static async Task<string> OutboxPageAsync(DigestAppFactory app, Member admin, string url = "/admin/outbox") =>
        WebUtility.HtmlDecode(await (await app.SignedInAs(admin)).Http.GetStringAsync(url));

    [Fact]
    public async Task The_published_notice_of_a_pseudonymous_case_shows_no_address_while_a_named_case_s_does()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var hidden = await app.Seed(A.Member().Named("Bertrand Secret"));
        var named = await app.Seed(A.Member().Named("Claire Ouverte"));
        var admin = await app.Seed(A.Member().WithRole(Roles.Administrator));
        var pseudonymous = await app.Seed(A.Case().By(hidden).Titled("Un séminaire sans suite").UnderPseudonym("Plume Grise").Pending());
        var open = await app.Seed(A.Case().By(named).Titled("Une revue trop lisse").Pending());
        var moderator = await app.SignedInAs(await app.Seed(A.Member().WithRole(Roles.Moderator)));

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Approve", Approve("Case", pseudonymous.Id, pseudonymous.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Approve", Approve("Case", open.Id, open.Version))).StatusCode);
        await app.Services.DrainOutboxAsync();
        Assert.Single(smtp.To(hidden.Email!));                          // the author is still told
        Assert.Single(smtp.To(named.Email!));

        var page = await OutboxPageAsync(app, admin);
        Assert.DoesNotContain(hidden.Email!, page);
        Assert.DoesNotContain("Bertrand Secret", page);
        Assert.Contains(NotListed, page);
        Assert.Equal(1, Rows(page));
        Assert.Contains(named.Email!, page);                            // under their own name: the row and address stay
    }

    [Fact]
    public async Task Mails_about_the_pseudonymous_author_s_own_reply_in_their_discussion_show_no_address()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var hidden = await app.Seed(A.Member().Named("Bertrand Secret"));
        var admin = await app.Seed(A.Member().WithRole(Roles.Administrator));
        var @case = await app.Seed(A.Case().By(hidden).Titled("Un séminaire sans suite").UnderPseudonym("Plume Grise"));
        var reply = await app.Seed(A.Reply().On(@case.Id).By(hidden).Pending());
        var moderator = await app.SignedInAs(await app.Seed(A.Member().WithRole(Roles.Moderator)));

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Approve", Approve("Reply", reply.Id, reply.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync(MessageUrls.Write(TargetKind.Reply, reply.Id),
            new Dictionary<string, string> { ["Input.Body"] = "Merci de retirer le nom de la cliente de votre réponse." }, "form.message-form")).StatusCode);
        await app.Services.DrainOutboxAsync();
        Assert.Equal(2, smtp.To(hidden.Email!).Count());                // the approval and the moderators' message

        var page = await OutboxPageAsync(app, admin);
        Assert.DoesNotContain(hidden.Email!, page);
        Assert.Equal(0, Rows(page));
    }

    [Fact]
    public async Task A_failed_masked_message_is_no_row_and_an_administrator_can_still_retry_it_with_the_others()
    {
        await using var smtp = new TestSmtpServer { RefuseWith = (SmtpServer.Protocol.SmtpReplyCode)450 }.Start();
        await using var app = App(smtp.Port);
        app.With("Outbox:MaxAttempts", "1");
        var hidden = await app.Seed(A.Member().Named("Bertrand Secret"));
        smtp.RefusalText = $"Mailbox <{hidden.Email}> is over quota";   // the error column quotes it too
        var admin = await app.Seed(A.Member().WithRole(Roles.Administrator));
        var @case = await app.Seed(A.Case().By(hidden).Titled("Un séminaire sans suite").UnderPseudonym("Plume Grise").Pending());
        var moderator = await app.SignedInAs(await app.Seed(A.Member().WithRole(Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Approve", Approve("Case", @case.Id, @case.Version))).StatusCode);
        await app.Services.DrainOutboxOnceAsync();
        Assert.Equal(OutboxStatus.Failed, Assert.Single(await app.Services.OutboxRowsAsync(), m => m.MemberId == hidden.Id).Status);

        var failed = await OutboxPageAsync(app, admin, "/admin/outbox?status=Failed");
        Assert.DoesNotContain(hidden.Email!, failed);
        Assert.DoesNotContain("is over quota", failed);                 // its error would be a row of its own
        Assert.Equal(0, Rows(failed));
        smtp.RefuseWith = null;
        var retry = await (await app.SignedInAs(admin)).SubmitAsync("/admin/outbox?status=Failed", new Dictionary<string, string>(), "form[action*='handler=RetryMasked']");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());
        Assert.Single(smtp.To(hidden.Email!));
        Assert.DoesNotContain(hidden.Email!, await OutboxPageAsync(app, admin));
    }
}
