using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>
/// Mail written before a moderator removed something must not leave in its old form: not on its first attempt, not on
/// a retry, not after an administrator's retry; and once sent, the outbox keeps headers, never the text.
/// Every message is received by a real SMTP server.
/// </summary>
public sealed class RedactionReachesMailTests
{
    private const string Secret = "Jean Dupontel";

    [Fact]
    public async Task A_reply_redacted_while_its_notification_is_queued_is_announced_in_its_redacted_form_and_no_body_is_kept()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (author, follower, replier, moderator) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("follower")),
            await app.Seed(A.Member().Called("replier")), await app.Seed(A.Member().Called("moderator").WithRole(Roles.Moderator)));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas suivi").FollowedBy(follower))).Id;
        var replyId = await ReplyAsync(app, caseId, replier, $"{Secret} nous a dit que les OKR étaient remplis.");
        await NotifyAsync(app, caseId, replyId);                                  // queued, due now, not sent yet

        await RedactReplyAsync(app, replyId, moderator);
        await app.Services.DrainOutboxAsync();

        var mail = Assert.Single(smtp.To(follower.Email!));
        Assert.DoesNotContain(Secret, mail.TextBody + mail.HtmlBody + mail.Subject);
        Assert.Contains("replier", mail.TextBody);
        Assert.Single(smtp.To(author.Email!));
        foreach (var row in await app.Services.OutboxRowsAsync())
        {
            Assert.Equal(OutboxStatus.Sent, row.Status);
            Assert.DoesNotContain("OKR", Encoding.UTF8.GetString(row.Mime));                   // headers only once sent
            Assert.Equal(replyId.ToString(), Outbox.Load(row).Headers[ReplyNotifier.RepliesHeader]);   // ids still de-duplicate
        }
        Assert.Equal(0, await NotifyAsync(app, caseId, replyId));
    }

    [Fact]
    public async Task A_batched_notification_whose_only_reply_was_hidden_is_withdrawn_not_sent()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (author, replier, moderator) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("replier")),
            await app.Seed(A.Member().Called("moderator").WithRole(Roles.Moderator)));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        await NotifyAsync(app, caseId, await ReplyAsync(app, caseId, replier, "Une première réponse."));
        await app.Services.DrainOutboxAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var hidden = await ReplyAsync(app, caseId, replier, $"{Secret} est le directeur.");
        await NotifyAsync(app, caseId, hidden);                                   // batched for the end of the hour

        await app.InScopeAsync(async sp =>
        {
            var moderation = sp.GetRequiredService<ModerationService>();
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Reply>().Where(r => r.Id == hidden).Select(r => r.Version).SingleAsync();
            var (outcome, _) = await moderation.OnReplyAsync(hidden, version, Actor(moderator), ModerationAction.Hide, r => r.Hide(moderation.Now));
            Assert.Equal(ModerationOutcome.Done, outcome);
            return 0;
        });
        app.Clock.Advance(TimeSpan.FromMinutes(50));
        await app.Services.DrainOutboxAsync();

        Assert.Single(smtp.To(author.Email!));                                    // only the first, sent before the hide
        var withdrawn = (await app.Services.OutboxRowsAsync()).Last();
        Assert.Equal(OutboxStatus.Withdrawn, withdrawn.Status);
        Assert.Empty(withdrawn.Mime);
    }

    [Fact]
    public async Task An_administrators_retry_after_a_redaction_sends_the_redacted_form()
    {
        await using var smtp = new TestSmtpServer { RefuseWith = (SmtpServer.Protocol.SmtpReplyCode)450 }.Start();
        await using var app = new DigestAppFactory(null, smtp.Port).With("Outbox:MaxAttempts", "1");
        var (author, replier, moderator, admin) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("replier")),
            await app.Seed(A.Member().Called("moderator").WithRole(Roles.Moderator)), await app.Seed(A.Member().Called("admin").WithRole(Roles.Administrator)));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas en attente d’envoi"))).Id;
        var replyId = await ReplyAsync(app, caseId, replier, $"{Secret} pilotait les OKR.");
        await NotifyAsync(app, caseId, replyId);
        await app.Services.DrainOutboxOnceAsync();
        Assert.Equal(OutboxStatus.Failed, Assert.Single(await app.Services.OutboxRowsAsync()).Status);

        await RedactReplyAsync(app, replyId, moderator);
        smtp.RefuseWith = null;
        var client = await app.SignedInAs(admin);
        var retry = await client.SubmitAsync("/admin/outbox?status=Failed", new Dictionary<string, string>(), "form[action*='handler=Retry']");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());

        var mail = Assert.Single(smtp.To(author.Email!));
        Assert.DoesNotContain(Secret, mail.TextBody + mail.HtmlBody);
    }

    [Fact]
    public async Task A_digest_planned_before_a_case_was_redacted_goes_out_with_the_redacted_title()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (reader, author, moderator) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly)), await app.Seed(A.Member().Called("author")),
            await app.Seed(A.Member().Called("moderator").WithRole(Roles.Moderator)));
        var caseId = (await app.Seed(A.Case().By(author).Titled($"Chez {Secret}, des OKR sans tension"))).Id;
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal(1, (await app.Services.PlanDigestsAsync()).Queued);

        await app.InScopeAsync(async sp =>
        {
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
            return await sp.GetRequiredService<Redactor>().RedactCaseAsync(caseId, version, Actor(moderator),
                new Redaction(Secret, "[une personne]", null), "Identifying details", null);
        });
        await app.Services.DrainOutboxAsync();

        var digest = Assert.Single(smtp.To(reader.Email!));
        Assert.DoesNotContain(Secret, digest.TextBody + digest.HtmlBody + digest.Subject);
        Assert.Contains("[une personne]", digest.TextBody);
    }

    [Fact]
    public async Task An_approval_mail_queued_before_the_title_was_redacted_names_the_redacted_title()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (author, moderator) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("moderator").WithRole(Roles.Moderator)));
        var caseId = (await app.Seed(A.Case().By(author).Titled($"Chez {Secret}, un alignement de façade"))).Id;
        await app.InScopeAsync(sp => sp.GetRequiredService<ApprovalMail>()
            .QueueAsync(author.Id, $"Chez {Secret}, un alignement de façade", TargetKind.Case, caseId, 1, "/cases/" + caseId));

        await app.InScopeAsync(async sp =>
        {
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
            return await sp.GetRequiredService<Redactor>().RedactCaseAsync(caseId, version, Actor(moderator),
                new Redaction(Secret, "[une personne]", null), "Identifying details", null);
        });
        await app.Services.DrainOutboxAsync();

        var mail = Assert.Single(smtp.To(author.Email!));
        Assert.DoesNotContain(Secret, mail.TextBody + mail.HtmlBody);
        Assert.Contains("[une personne]", mail.TextBody);
    }

    private static ModerationActor Actor(Member moderator) => new(moderator.Id, moderator.DisplayName);

    private static Task<int> NotifyAsync(CommunityAppFactory app, int caseId, int replyId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<RisingGoal.Community.Features.Notifications.NotificationCenter>().ReplyPublishedAsync(caseId, replyId));

    private static async Task<int> ReplyAsync(CommunityAppFactory app, int caseId, Member author, string body) =>
        (await app.Seed(A.Reply().On(caseId).By(author).Saying(body))).Id;

    private static Task<ModerationOutcome> RedactReplyAsync(CommunityAppFactory app, int replyId, Member moderator) =>
        app.InScopeAsync(async sp =>
        {
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Reply>().Where(r => r.Id == replyId).Select(r => r.Version).SingleAsync();
            var outcome = await sp.GetRequiredService<Redactor>().RedactReplyAsync(replyId, version, Actor(moderator),
                new Redaction(Secret, "[un collègue]", null), "Identifying details", null);
            Assert.Equal(ModerationOutcome.Done, outcome);
            return outcome;
        });
}
