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
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// The surfaces of shared/docs/surfaces.md that mail reaches and <c>Moderation/RedactionReachesMailTests</c> did not
/// walk: the mail telling a member they were @mentioned, when the reply is redacted while it waits; and a digest
/// planned before a moderator hid one of its cases (listed without it) or its only case (withdrawn). Everything goes
/// through the pages and services a member and a moderator use; mail is received by a real SMTP server.
/// </summary>
public sealed class RemovalWhileMailQueuedTests
{
    private const string Secret = "Jean Dupontel";

    [Fact]
    public async Task A_mention_mail_queued_before_its_reply_was_redacted_leaves_without_the_redacted_words()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var author = await app.Seed(A.Member().Named("Agnès Autrice"));
        var mentioned = await app.Seed(A.Member().Named("Chloé Martin"));
        var replier = await app.Seed(A.Member().Named("Rémi Répond").WithPublishedCases(3));
        var moderator = await app.Seed(A.Member().Named("Modo Caviardage").WithRole(Roles.Moderator));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas où l’on cite quelqu’un"))).Id;
        var replyId = await app.ReplyOnPageAsync(await app.SignedInAs(replier), caseId,
            $"Merci @Chloé Martin : {Secret} nous a dit que les OKR étaient remplis.");
        Assert.Contains(await app.Services.OutboxRowsAsync(), row => row.MemberId == mentioned.Id && row.Status == OutboxStatus.Pending);

        await app.InScopeAsync(async sp =>
        {
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Reply>().Where(r => r.Id == replyId).Select(r => r.Version).SingleAsync();
            Assert.Equal(ModerationOutcome.Done, await sp.GetRequiredService<Redactor>().RedactReplyAsync(replyId, version,
                new ModerationActor(moderator.Id, moderator.DisplayName), new Redaction(Secret, "[un collègue]", null), "Identifying details", null));
            return 0;
        });
        await app.Services.DrainOutboxAsync();

        var mail = Assert.Single(smtp.To(mentioned.Email!));
        Assert.DoesNotContain(Secret, mail.Whole());
        Assert.Contains("Rémi Répond", mail.TextBody);
        foreach (var row in (await app.Services.OutboxRowsAsync()).Where(r => r.MemberId == mentioned.Id))
        {
            Assert.Equal(OutboxStatus.Sent, row.Status);
            Assert.DoesNotContain("OKR", Encoding.UTF8.GetString(row.Mime));   // headers only once sent
        }
    }

    [Fact]
    public async Task A_digest_planned_before_a_moderator_hid_a_case_leaves_without_it_and_one_left_with_nothing_is_withdrawn()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (tension, seul) = ((await app.Seed(A.Tag().Slugged("tension"))).Id, (await app.Seed(A.Tag().Slugged("seul"))).Id);
        var reader = await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly, "tension"));
        var lone = await app.Seed(A.Member().Called("lone").WithDigest(DigestFrequency.Weekly, "seul"));
        var moderator = await app.Seed(A.Member().Called("moderator").WithRole(Roles.Moderator));
        var hidden = await app.Seed(A.Case().Titled($"Chez {Secret}, des OKR sans tension").Tagged(tension, seul));
        await app.Seed(A.Case().Titled("Un autre cas, qui reste").Tagged(tension));
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal(2, (await app.Services.PlanDigestsAsync()).Queued);

        var response = await (await app.SignedInAs(moderator)).PostWithTokenAsync("/moderation", "/moderation?handler=Hide", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = hidden.Id.ToString(), ["Input.Version"] = hidden.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await app.Services.DrainOutboxAsync();

        var digest = Assert.Single(smtp.To(reader.Email!));
        Assert.DoesNotContain(Secret, digest.Whole());
        Assert.Contains("Un autre cas, qui reste", digest.TextBody);
        Assert.Empty(smtp.To(lone.Email!));                                   // its only case hidden: nothing left to send
        Assert.DoesNotContain(await app.Services.OutboxRowsAsync(), row => row.Status == OutboxStatus.Pending);
    }

    [Fact]
    public async Task A_batched_reply_notification_names_the_case_by_its_redacted_title_and_one_whose_case_was_hidden_is_withdrawn()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var author = await app.Seed(A.Member().Named("Agnès Autrice"));
        var follower = await app.Seed(A.Member().Named("Fabien Suiveur"));
        var replier = await app.Seed(A.Member().Named("Rémi Répond").WithPublishedCases(3));
        var moderator = await app.Seed(A.Member().Named("Modo Caviardage").WithRole(Roles.Moderator));
        var redacted = (await app.Seed(A.Case().By(author).Titled($"Chez {Secret}, un comité de façade").FollowedBy(follower))).Id;
        var hidden = (await app.Seed(A.Case().By(author).Titled("Un cas que la modération masquera").FollowedBy(follower))).Id;
        var client = await app.SignedInAs(replier);
        foreach (var caseId in new[] { redacted, hidden })
            await app.ReplyOnPageAsync(client, caseId, "Une première réponse, annoncée tout de suite.");
        await app.Services.DrainOutboxAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        foreach (var caseId in new[] { redacted, hidden })
            await app.ReplyOnPageAsync(client, caseId, "Une seconde réponse, annoncée dans l’heure.");   // batched: waits for the hour

        var actor = new ModerationActor(moderator.Id, moderator.DisplayName);
        await app.InScopeAsync(async sp =>
        {
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Id == redacted).Select(c => c.Version).SingleAsync();
            return await sp.GetRequiredService<Redactor>().RedactCaseAsync(redacted, version, actor, new Redaction(Secret, "[une personne]", null), "Identifying details", null);
        });
        var version = await app.Query(db => db.Set<Case>().Where(c => c.Id == hidden).Select(c => c.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignedInAs(moderator)).PostWithTokenAsync("/moderation", "/moderation?handler=Hide",
            new Dictionary<string, string> { ["Input.Kind"] = "Case", ["Input.Id"] = hidden.ToString(), ["Input.Version"] = version.ToString() })).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Services.DrainOutboxAsync();

        var mails = smtp.To(follower.Email!);
        Assert.Equal(3, mails.Count);                                         // two at once, one batch: the hidden case's withdrawn
        Assert.DoesNotContain(mails.Skip(2), m => m.TextBody!.Contains("la modération masquera"));
        Assert.Contains("[une personne]", mails[2].TextBody);
        Assert.DoesNotContain(Secret, mails[2].Whole());
    }
}
