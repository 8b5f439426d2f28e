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
using RisingGoal.Community.IntegrationTests.Digests;
using RisingGoal.Community.IntegrationTests.Infrastructure;

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
        var (author, follower, replier, moderator) = (await app.MemberAsync("author"), await app.MemberAsync("follower"),
            await app.MemberAsync("replier"), await app.MemberAsync("moderator", role: Roles.Moderator));
        var caseId = await app.CaseAsync(author, "Un cas suivi", []);
        await app.FollowAsync(follower, caseId);
        var replyId = await ReplyAsync(app, caseId, replier, $"{Secret} nous a dit que les OKR étaient remplis.");
        await NotifyAsync(app, caseId, replyId);                                  // queued, due now, not sent yet

        await RedactReplyAsync(app, replyId, moderator);
        while (await app.DrainAsync() > 0) { }

        var mail = Assert.Single(smtp.To(follower.Email!));
        Assert.DoesNotContain(Secret, mail.TextBody + mail.HtmlBody + mail.Subject);
        Assert.Contains("replier", mail.TextBody);
        Assert.Single(smtp.To(author.Email!));
        foreach (var row in await app.OutboxAsync())
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
        var (author, replier, moderator) = (await app.MemberAsync("author"), await app.MemberAsync("replier"),
            await app.MemberAsync("moderator", role: Roles.Moderator));
        var caseId = await app.CaseAsync(author, "Un cas discuté", []);
        await NotifyAsync(app, caseId, await ReplyAsync(app, caseId, replier, "Une première réponse."));
        while (await app.DrainAsync() > 0) { }
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
        while (await app.DrainAsync() > 0) { }

        Assert.Single(smtp.To(author.Email!));                                    // only the first, sent before the hide
        var withdrawn = (await app.OutboxAsync()).Last();
        Assert.Equal(OutboxStatus.Withdrawn, withdrawn.Status);
        Assert.Empty(withdrawn.Mime);
    }

    [Fact]
    public async Task An_administrators_retry_after_a_redaction_sends_the_redacted_form()
    {
        await using var smtp = new TestSmtpServer { RefuseWith = (SmtpServer.Protocol.SmtpReplyCode)450 }.Start();
        await using var app = new DigestAppFactory(null, smtp.Port).With("Outbox:MaxAttempts", "1");
        var (author, replier, moderator, admin) = (await app.MemberAsync("author"), await app.MemberAsync("replier"),
            await app.MemberAsync("moderator", role: Roles.Moderator), await app.MemberAsync("admin", role: Roles.Administrator));
        var caseId = await app.CaseAsync(author, "Un cas en attente d’envoi", []);
        var replyId = await ReplyAsync(app, caseId, replier, $"{Secret} pilotait les OKR.");
        await NotifyAsync(app, caseId, replyId);
        await app.DrainAsync();
        Assert.Equal(OutboxStatus.Failed, Assert.Single(await app.OutboxAsync()).Status);

        await RedactReplyAsync(app, replyId, moderator);
        smtp.RefuseWith = null;
        var client = await app.SignedInAsync(admin);
        var retry = await client.SubmitAsync("/admin/outbox?status=Failed", new Dictionary<string, string>(), "form[action*='handler=Retry']");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(1, await app.DrainAsync());

        var mail = Assert.Single(smtp.To(author.Email!));
        Assert.DoesNotContain(Secret, mail.TextBody + mail.HtmlBody);
    }

    [Fact]
    public async Task A_digest_planned_before_a_case_was_redacted_goes_out_with_the_redacted_title()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (reader, author, moderator) = (await app.MemberAsync("reader"), await app.MemberAsync("author"),
            await app.MemberAsync("moderator", role: Roles.Moderator));
        await app.OptInAsync(reader, DigestFrequency.Weekly);
        var caseId = await app.CaseAsync(author, $"Chez {Secret}, des OKR sans tension", []);
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal(1, (await app.PlanAsync()).Queued);

        await app.InScopeAsync(async sp =>
        {
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
            return await sp.GetRequiredService<Redactor>().RedactCaseAsync(caseId, version, Actor(moderator),
                new Redaction(Secret, "[une personne]", null), "Identifying details", null);
        });
        while (await app.DrainAsync() > 0) { }

        var digest = Assert.Single(smtp.To(reader.Email!));
        Assert.DoesNotContain(Secret, digest.TextBody + digest.HtmlBody + digest.Subject);
        Assert.Contains("[une personne]", digest.TextBody);
    }

    [Fact]
    public async Task An_approval_mail_queued_before_the_title_was_redacted_names_the_redacted_title()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (author, moderator) = (await app.MemberAsync("author"), await app.MemberAsync("moderator", role: Roles.Moderator));
        var caseId = await app.CaseAsync(author, $"Chez {Secret}, un alignement de façade", []);
        await app.InScopeAsync(sp => sp.GetRequiredService<ApprovalMail>()
            .QueueAsync(author.Id, $"Chez {Secret}, un alignement de façade", TargetKind.Case, caseId, 1, "/cases/" + caseId));

        await app.InScopeAsync(async sp =>
        {
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
            return await sp.GetRequiredService<Redactor>().RedactCaseAsync(caseId, version, Actor(moderator),
                new Redaction(Secret, "[une personne]", null), "Identifying details", null);
        });
        while (await app.DrainAsync() > 0) { }

        var mail = Assert.Single(smtp.To(author.Email!));
        Assert.DoesNotContain(Secret, mail.TextBody + mail.HtmlBody);
        Assert.Contains("[une personne]", mail.TextBody);
    }

    private static ModerationActor Actor(Member moderator) => new(moderator.Id, moderator.DisplayName);

    private static Task<int> NotifyAsync(CommunityAppFactory app, int caseId, int replyId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<RisingGoal.Community.Features.Notifications.NotificationCenter>().ReplyPublishedAsync(caseId, replyId));

    private static Task<int> ReplyAsync(CommunityAppFactory app, int caseId, Member author, string body) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
            var reply = @case.AddReply(author.Id, body, new MarkdownRenderer().Render(body), app.Now())!;
            db.Set<Reply>().Add(reply);
            await db.SaveChangesAsync();
            return reply.Id;
        });

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
