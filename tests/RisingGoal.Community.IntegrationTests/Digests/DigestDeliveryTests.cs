using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;
using Microsoft.EntityFrameworkCore;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>Digests through a real SMTP server on 127.0.0.1; each test has its own app, database and clock.</summary>
public sealed class DigestDeliveryTests
{
    [Fact]
    public async Task A_member_following_a_tension_receives_one_digest_with_its_new_cases_headers_and_working_links()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (reader, author) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly, "centralisation")), await app.Seed(A.Member().Called("author")));
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.Seed(A.Case().By(author).Titled("Objectifs en cascade sans marge").Tagged("centralisation"));
        await app.Seed(A.Case().By(author).Titled("Revue trimestrielle de façade").Tagged("centralisation").UnderPseudonym("Coach du Nord"));
        await app.Seed(A.Case().By(author).Titled("Ailleurs").Tagged("autonomy"));

        app.AdvancePastNextWeeklyDigest();
        Assert.Equal((1, 0), await app.Services.PlanDigestsAsync());
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());

        var digest = Assert.Single(smtp.To(reader.Email!));
        Assert.Equal("2 nouveaux cas dans centralisation (fr)", digest.Subject);
        var text = digest.TextBody!;
        Assert.Contains("Objectifs en cascade sans marge", text);
        Assert.Contains("par Coach du Nord", text);                       // the pseudonymous case hides its author
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "par author"));
        Assert.DoesNotContain("Ailleurs", text);
        Assert.Contains("Objectifs en cascade sans marge", digest.HtmlBody);
        Assert.DoesNotContain("<img", digest.HtmlBody);
        Assert.DoesNotContain("<link", digest.HtmlBody);

        var listUnsubscribe = digest.Headers["List-Unsubscribe"];
        Assert.Matches(@"^<http://localhost/digests/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$", listUnsubscribe!.Replace("\r\n", "").Replace("\t", " ").Replace("  ", " "));
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("<digest.localhost>", digest.Headers["List-Id"]);

        var client = await app.SignedInAs(reader);
        foreach (var fragment in new[] { "/digests/unsubscribe", "/digests/preferences", "/cases/" })
        {
            var link = MailFolder.LinkIn(digest, fragment);
            Assert.StartsWith("http://localhost/", link);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(link)).StatusCode);
        }
        Assert.All(System.Text.RegularExpressions.Regex.Matches(text, @"https?://\S+"), m => Assert.StartsWith("http://localhost/", m.Value));

        // Planning and sending again in the same period changes nothing.
        Assert.Equal((0, 0), await app.Services.PlanDigestsAsync());
        Assert.Equal(0, await app.Services.DrainOutboxOnceAsync());
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task Nothing_new_sends_nothing_and_the_skip_is_recorded()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var reader = await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Daily));

        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal((0, 1), await app.Services.PlanDigestsAsync());

        Assert.Empty(await app.Services.OutboxRowsAsync());
        var preference = await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == reader.Id));
        Assert.Equal(DigestPlanner.NothingNew, preference!.LastOutcome);
        Assert.True(preference.NextDigestDueUtc > app.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Members_not_opted_in_or_unconfirmed_get_no_digest()
    {
        await using var app = new DigestAppFactory();
        var (silent, unconfirmed, author) = (await app.Seed(A.Member().Called("silent")), await app.Seed(A.Member().Called("unconfirmed").Unconfirmed().WithDigest(DigestFrequency.Weekly)), await app.Seed(A.Member().Called("author")));
        await app.Seed(A.Case().By(author).Titled("Un cas"));

        app.AdvancePastNextWeeklyDigest();
        Assert.Equal((0, 0), await app.Services.PlanDigestsAsync());
        Assert.Null(await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == silent.Id)));
    }

    [Fact]
    public async Task When_smtp_is_down_the_digest_is_retried_later_and_delivered_once()
    {
        var smtp = new TestSmtpServer();   // not started: connections are refused
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (reader, author) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly)), await app.Seed(A.Member().Called("author")));
        await app.Seed(A.Case().By(author).Titled("Un cas"));
        app.AdvancePastNextWeeklyDigest();
        await app.Services.PlanDigestsAsync();

        Assert.Equal(0, await app.Services.DrainOutboxOnceAsync());
        var pending = Assert.Single(await app.Services.OutboxRowsAsync());
        Assert.Equal((OutboxStatus.Pending, 1), (pending.Status, pending.Attempts));
        Assert.NotNull(pending.LastError);
        Assert.True(pending.NextAttemptUtc > app.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(0, await app.Services.DrainOutboxOnceAsync());   // not due yet: backoff

        smtp.Start();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());
        Assert.Equal(0, await app.Services.DrainOutboxOnceAsync());
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await app.Services.DrainOutboxOnceAsync());

        Assert.Single(smtp.To(reader.Email!));
        var sent = Assert.Single(await app.Services.OutboxRowsAsync());
        Assert.Equal((OutboxStatus.Sent, 2), (sent.Status, sent.Attempts));
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task Transient_refusals_end_as_failed_with_the_error_and_an_administrator_can_retry()
    {
        await using var smtp = new TestSmtpServer { RefuseWith = (SmtpServer.Protocol.SmtpReplyCode)450 }.Start();   // 450
        await using var app = new DigestAppFactory(null, smtp.Port).With("Outbox:MaxAttempts", "2");
        var (reader, author, admin) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly)), await app.Seed(A.Member().Called("author")),
            await app.Seed(A.Member().Called("admin").WithRole("Administrator")));
        await app.Seed(A.Case().By(author).Titled("Un cas"));
        app.AdvancePastNextWeeklyDigest();
        await app.Services.PlanDigestsAsync();

        await app.Services.DrainOutboxOnceAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.Services.DrainOutboxOnceAsync();
        var failed = Assert.Single(await app.Services.OutboxRowsAsync());
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("450", failed.LastError);

        var client = await app.SignedInAs(admin);
        var page = await client.Http.GetStringAsync("/admin/outbox?status=Failed");
        Assert.Contains("Refused by the test server", page);
        smtp.RefuseWith = null;
        var retry = await client.SubmitAsync("/admin/outbox?status=Failed", new Dictionary<string, string>(), "form[action*='handler=Retry']");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());
        Assert.Single(smtp.To(reader.Email!));
    }

    [Fact]
    public async Task Permanent_rejections_pause_the_members_mail_past_the_threshold_and_they_see_how_to_fix_it()
    {
        await using var smtp = new TestSmtpServer { RefuseWith = SmtpServer.Protocol.SmtpReplyCode.MailboxUnavailable }.Start();   // 550
        await using var app = new DigestAppFactory(null, smtp.Port).With("Outbox:BounceThreshold", "2");
        var (reader, author) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Daily)), await app.Seed(A.Member().Called("author")));
        for (var day = 0; day < 2; day++)
        {
            await app.Seed(A.Case().By(author).Titled($"Cas {day}"));
            app.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal((1, 0), await app.Services.PlanDigestsAsync());
            await app.Services.DrainOutboxOnceAsync();
        }
        Assert.All(await app.Services.OutboxRowsAsync(), m => Assert.Equal(OutboxStatus.Failed, m.Status));
        Assert.Equal(2, smtp.Refused);
        Assert.NotNull((await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == reader.Id)))!.MailPausedUtc);

        // Paused: no more digests planned, nothing more sent to the address.
        await app.Seed(A.Case().By(author).Titled("Cas 3"));
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal((0, 0), await app.Services.PlanDigestsAsync());
        Assert.Equal(2, smtp.Refused);

        var client = await app.SignedInAs(reader);
        var home = await client.Http.GetStringAsync("/");
        Assert.Contains("Nous avons suspendu les e-mails", home);
        var resume = await client.SubmitAsync("/digests/preferences", new Dictionary<string, string>(), "form[action*='handler=Resume']");
        Assert.Equal(HttpStatusCode.Redirect, resume.StatusCode);
        Assert.Null((await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == reader.Id)))!.MailPausedUtc);
        Assert.DoesNotContain("Nous avons suspendu les e-mails", await client.Http.GetStringAsync("/"));
    }
}
