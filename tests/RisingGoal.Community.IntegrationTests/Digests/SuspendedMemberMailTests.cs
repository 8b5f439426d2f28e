using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Messages;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>
/// A suspended member has no session (README, "Suspension and sessions"), and no mail invites them back to what they
/// cannot read: no digest, no reply or mention notification, neither composed while they are suspended nor sent from
/// the outbox after it started. Decisions about their own posts still reach them. Real SMTP server, caching on.
/// </summary>
public sealed class SuspendedMemberMailTests
{
    private static DigestAppFactory App(int smtpPort)
    {
        var app = new DigestAppFactory(null, smtpPort);
        app.With("Caching:Enabled", "true");
        return app;
    }

    private static Task<int> Suspend(CommunityAppFactory app, Member member, Member moderator, TimeSpan period) => app.Query(async db =>
    {
        db.Add(Suspension.Start(member.Id, moderator.Id, period, "Propos insultants répétés", app.Clock.GetUtcNow().UtcDateTime));
        return await db.SaveChangesAsync();
    });

    private static Task<int> Lift(CommunityAppFactory app, Member member) => app.Query(async db =>
    {
        (await db.Set<Suspension>().SingleAsync(s => s.MemberId == member.Id)).Lift(app.Clock.GetUtcNow().UtcDateTime);
        return await db.SaveChangesAsync();
    });

    private static Task<DigestPlanner.RunCounts> PlanAsync(CommunityAppFactory app) =>
        app.InScopeAsync(sp => sp.GetRequiredService<DigestPlanner>().RunAsync(default));

    /// <summary>A weekly reader, a staff member, and a members-only case of the reader's tag published this week.</summary>
    private static async Task<(Member Reader, Member Author, Member Staff)> ReaderOfAMembersOnlyCaseAsync(CommunityAppFactory app, string staffRole)
    {
        var reader = await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly, "centralisation"));
        var (author, staff) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().WithRole(staffRole)));
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.Seed(A.Case().By(author).Titled("Un cas réservé aux membres").Tagged("centralisation").Visible(CaseVisibility.MembersOnly));
        return (reader, author, staff);
    }

    [Fact]
    public async Task A_suspended_member_gets_no_digest_with_the_reason_recorded_and_once_lifted_only_the_next_week_s_not_the_missed_one()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var (reader, author, moderator) = await ReaderOfAMembersOnlyCaseAsync(app, Roles.Moderator);
        await Suspend(app, reader, moderator, TimeSpan.FromDays(30));
        app.AdvancePastNextWeeklyDigest();

        Assert.Equal(new DigestPlanner.RunCounts(0, 0, 0, 1), await PlanAsync(app));
        Assert.Equal(0, await app.Services.DrainOutboxAsync());
        Assert.Empty(smtp.To(reader.Email!));
        Assert.Empty(await app.Services.OutboxRowsAsync(DigestPlanner.KeyPrefix));
        var preference = await app.Query(db => db.Set<DigestPreference>().AsNoTracking().SingleAsync(p => p.MemberId == reader.Id));
        Assert.Equal(DigestPlanner.MemberSuspended, preference.LastOutcome);
        Assert.True(preference.NextDigestDueUtc > app.Clock.GetUtcNow().UtcDateTime);   // the schedule moved on: nothing piles up

        // Lifted: the next digest goes out, covering its own week only (the missed one is not sent late).
        await Lift(app, reader);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.Seed(A.Case().By(author).Titled("Un cas de la semaine suivante").Tagged("centralisation"));
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal(new DigestPlanner.RunCounts(1, 0, 0), await PlanAsync(app));
        await app.Services.DrainOutboxAsync();
        var digest = Assert.Single(smtp.To(reader.Email!));
        Assert.Contains("Un cas de la semaine suivante", digest.TextBody);
        Assert.DoesNotContain("Un cas réservé aux membres", digest.TextBody);
    }

    [Fact]
    public async Task A_digest_queued_before_the_suspension_does_not_leave_after_it_and_the_outbox_page_says_why()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var (reader, _, admin) = await ReaderOfAMembersOnlyCaseAsync(app, Roles.Administrator);
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal(new DigestPlanner.RunCounts(1, 0, 0), await PlanAsync(app));

        await Suspend(app, reader, admin, TimeSpan.FromDays(7));
        Assert.Equal(0, await app.Services.DrainOutboxAsync());

        Assert.Empty(smtp.To(reader.Email!));
        var row = Assert.Single(await app.Services.OutboxRowsAsync(DigestPlanner.KeyPrefix));
        Assert.Equal(OutboxStatus.Withdrawn, row.Status);   // never retried, not even once the suspension ends
        Assert.Equal(SuspendedMemberMail.Withheld, row.LastError);
        Assert.Empty(row.Mime);
        var page = await (await app.SignedInAs(admin)).GetDocumentAsync("/admin/outbox");
        Assert.Contains(SuspendedMemberMail.Withheld, page.Body!.TextContent);
    }

    [Fact]
    public async Task Reply_notifications_are_told_in_the_site_but_not_mailed_while_suspended_and_the_decisions_about_their_posts_still_go()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var (author, replier, moderator) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("replier")),
            await app.Seed(A.Member().WithRole(Roles.Moderator)));
        var @case = await app.Seed(A.Case().By(author).Titled("Le cas discuté"));
        Task<int> Notify(int replyId) => app.InScopeAsync(sp => sp.GetRequiredService<NotificationCenter>().ReplyPublishedAsync(@case.Id, replyId));

        // Queued before the suspension, not sent yet: held back when its turn comes.
        Assert.Equal(1, await Notify((await app.Seed(A.Reply().On(@case.Id).By(replier).Saying("Avant la suspension."))).Id));
        await Suspend(app, author, moderator, TimeSpan.FromDays(7));
        await app.Services.DrainOutboxAsync();
        Assert.Empty(smtp.To(author.Email!));
        Assert.Equal(SuspendedMemberMail.Withheld, Assert.Single(await app.Services.OutboxRowsAsync(), m => m.MemberId == author.Id).LastError);

        // Published while suspended: recorded in the site (read once they are back), no mail composed.
        app.Clock.Advance(TimeSpan.FromHours(2));
        var later = await app.Seed(A.Reply().On(@case.Id).By(replier).Saying("Pendant la suspension."));
        Assert.Equal(0, await Notify(later.Id));
        Assert.True(await app.Query(db => db.Set<Notification>().AnyAsync(n => n.RecipientId == author.Id && n.TargetId == later.Id)));
        Assert.Single(await app.Services.OutboxRowsAsync(), m => m.MemberId == author.Id);

        // A moderator's decision about their own post concerns them: it still goes.
        Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<ApprovalMail>()
            .QueueAsync(author.Id, @case.Title, TargetKind.Case, @case.Id, @case.Version, CaseUrls.Read(@case.Id, @case.Slug))));
        await app.Services.DrainOutboxAsync();
        Assert.Single(smtp.To(author.Email!));
    }

    [Fact]
    public async Task While_suspended_the_member_still_gets_a_moderator_s_message_and_a_password_reset_but_no_digest_nor_reply_notification()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var (reader, author, moderator) = await ReaderOfAMembersOnlyCaseAsync(app, Roles.Moderator);
        var theirCase = await app.Seed(A.Case().By(reader).Titled("Le cas du membre suspendu"));
        await Suspend(app, reader, moderator, TimeSpan.FromDays(30));

        // Held: the week's digest and the notification of a reply on their case.
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal(new DigestPlanner.RunCounts(0, 0, 0, 1), await PlanAsync(app));
        var reply = await app.Seed(A.Reply().On(theirCase.Id).By(author).Saying("Une réponse pendant la suspension."));
        Assert.Equal(0, await app.InScopeAsync(sp => sp.GetRequiredService<NotificationCenter>().ReplyPublishedAsync(theirCase.Id, reply.Id)));
        // Still going: what concerns them as a person.
        Assert.NotNull(await app.InScopeAsync(sp => sp.GetRequiredService<MessageService>().WriteToAuthorAsync(
            new ModerationActor(moderator.Id, "Modo"), TargetKind.Case, theirCase.Id, "Merci de nous répondre au sujet de votre cas.")));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateFormClient().SubmitAsync("/account/forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = reader.Email! })).StatusCode);
        await app.Services.DrainOutboxAsync();

        var received = smtp.To(reader.Email!);
        Assert.Equal(2, received.Count);
        Assert.Contains(received, m => m.Subject == "Un message de l’équipe de modération" && (m.TextBody ?? "").Contains("Merci de nous répondre au sujet de votre cas."));
        Assert.Contains(received, m => (m.TextBody ?? "").Contains("/account/reset-password?"));
        Assert.DoesNotContain(received, m => (m.TextBody ?? "").Contains("Un cas réservé aux membres") || (m.TextBody ?? "").Contains("Une réponse pendant la suspension"));
    }
}
