using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>Account mails go through the outbox: sent at once in the background when the server answers, retried when it does not, never waited for by the request.</summary>
public sealed class AccountMailOutboxTests
{
    [Fact]
    public async Task With_the_mail_server_refusing_sign_up_still_succeeds_and_the_confirmation_is_delivered_once_on_retry()
    {
        await using var smtp = new TestSmtpServer { RefuseWith = (SmtpServer.Protocol.SmtpReplyCode)451 }.Start();   // transient
        await using var app = new DigestAppFactory(null, smtp.Port);
        var client = app.CreateFormClient("en");

        var register = await client.RegisterAsync("patient@example.org", "Patient Member");

        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        await app.MailSent.WhenIdleAsync();
        Assert.Equal(1, smtp.Refused);                                                             // tried at once, in the background
        var row = Assert.Single(await app.Services.OutboxRowsAsync());
        Assert.Equal((OutboxKind.Account, OutboxStatus.Pending, 1), (row.Kind, row.Status, row.Attempts));
        Assert.StartsWith("451", row.LastError);

        smtp.RefuseWith = null;
        app.Clock.Advance(TimeSpan.FromMinutes(1));                                                // the first retry delay
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());
        Assert.Equal(0, await app.Services.DrainOutboxOnceAsync());
        var mail = Assert.Single(smtp.To("patient@example.org"));
        Assert.Equal("Confirm your e-mail address for Rising Goal Community", mail.Subject);
        Assert.Contains("/account/confirm?userId=", mail.TextBody);
        var sent = Assert.Single(await app.Services.OutboxRowsAsync());
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Empty(sent.Mime);                                                                   // the live token is not kept
    }

    [Fact]
    public async Task Sign_up_answers_while_the_mail_server_is_stuck_and_the_confirmation_arrives_once_it_answers()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var smtp = new TestSmtpServer { HoldUntil = release.Task }.Start();   // takes the message, never answers
        await using var app = new DigestAppFactory(null, smtp.Port);
        var client = app.CreateFormClient("en");

        var register = client.RegisterAsync("patient@example.org", "Patient Member");
        // A request that sent the mail itself would wait for MailKit's own timeout (2 minutes): far past this bound.
        var answered = await Task.WhenAny(register, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.Same(register, answered);
        Assert.Equal(HttpStatusCode.Redirect, (await register).StatusCode);
        Assert.False(release.Task.IsCompleted);                                                    // the server had not answered
        await smtp.FirstArrival;                                                                  // the sender is stuck on it
        Assert.Empty(smtp.Received);

        release.SetResult();
        await app.MailSent.WhenIdleAsync();
        var mail = Assert.Single(smtp.To("patient@example.org"));
        Assert.Equal("Confirm your e-mail address for Rising Goal Community", mail.Subject);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await app.Services.OutboxRowsAsync()).Status);
    }

    [Fact]
    public async Task Account_mails_are_sent_before_older_digests_and_notifications()
    {
        await using var app = new DigestAppFactory();
        app.With("Outbox:BatchSize", "1");
        var member = await app.Seed(A.Member().Called("busy"));
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            var composer = sp.GetRequiredService<MailComposer>();
            MimeMessage Mail(string subject) => composer.Compose(member.Email!, "busy", subject, ["…"]);
            Outbox.Add(db, OutboxKind.Digest, member.Id, "test:digest", Mail("Digest"), app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-10));
            Outbox.Add(db, OutboxKind.Notification, member.Id, "test:notification", Mail("Notification"), app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5));
            Outbox.Add(db, OutboxKind.Account, member.Id, "test:account", Mail("Reset"), app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());

        Assert.Equal("Reset", Assert.Single(app.Mail.All()).Subject);
    }

    [Theory]
    [InlineData("fr", "Mes réglages des e-mails")]
    [InlineData("en", "My mail settings")]
    public async Task The_account_page_links_to_the_mail_settings(string language, string label)
    {
        await using var app = new DigestAppFactory();
        var client = await app.SignedInAs(await app.Seed(A.Member().Called("reader-" + language).Speaking(language)), language);

        var page = FormClient.Parse(await client.Http.GetStringAsync("/account"));

        // The dashboard links to them too (its digest section); the account's own link carries this label.
        Assert.Contains(page.QuerySelectorAll("a[href='/digests/preferences']"), link => link.TextContent.Trim() == label);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/digests/preferences")).StatusCode);
    }
}
