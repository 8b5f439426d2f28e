using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// Mail queued before an author took their own words back (deleted or edited a reply, deleted a case, erased their
/// account) leaves in the form the site shows now, or not at all, as it does after a moderator's removal
/// (<c>RedactionReachesMailTests</c>). Every change goes through the page a member uses; a real SMTP server receives.
/// </summary>
public sealed class AuthorChangesReachQueuedMailTests
{
    private const string Secret = "Jean Dupontel";

    [Fact]
    public async Task A_reply_its_author_deleted_while_its_notification_was_queued_is_not_sent()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (author, follower, replier) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("follower")), await app.Seed(A.Member().Called("replier")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas suivi").FollowedBy(follower))).Id;
        var replierClient = await app.SignedInAs(replier);
        var replyId = await app.ReplyOnPageAsync(replierClient, caseId, $"{Secret} nous a dit que les OKR étaient remplis.");
        Assert.NotEmpty(await app.Services.OutboxRowsAsync());                        // queued by the reply, not sent yet

        var editUrl = $"/cases/{caseId}/replies/{replyId}/edit";
        await replierClient.SubmitAsync(editUrl, new Dictionary<string, string>(), "form[action*='handler=Delete']");
        await app.Services.DrainOutboxAsync();

        foreach (var mail in smtp.Received)
            Assert.DoesNotContain(Secret, mail.TextBody + mail.HtmlBody + mail.Subject);
        Assert.All(await app.Services.OutboxRowsAsync(), row => Assert.NotEqual(OutboxStatus.Pending, row.Status));
    }

    [Fact]
    public async Task A_reply_its_author_edited_while_its_notification_was_queued_no_longer_quotes_the_old_text()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        // A trusted member's edit is published at once (a newcomer's waits for review, and the mail rightly keeps the shown text).
        var (author, replier) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("replier").WithPublishedCases(3)));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var replierClient = await app.SignedInAs(replier);
        var replyId = await app.ReplyOnPageAsync(replierClient, caseId, $"{Secret} nous a dit que les OKR étaient remplis.");

        await replierClient.SubmitAsync($"/cases/{caseId}/replies/{replyId}/edit",
            new Dictionary<string, string> { ["Input.Body"] = "Le directeur nous a dit que les OKR étaient remplis." }, "main form.stacked");
        await app.Services.DrainOutboxAsync();

        var mail = Assert.Single(smtp.To(author.Email!));
        Assert.DoesNotContain(Secret, mail.TextBody + mail.HtmlBody);
        Assert.Contains("replier", mail.TextBody);   // still announced (rebuilt as a batch notice), not withdrawn
    }

    [Fact]
    public async Task A_case_its_author_deleted_after_a_digest_was_planned_is_not_in_the_digest()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (reader, author) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly)), await app.Seed(A.Member().Called("author")));
        var caseId = (await app.Seed(A.Case().By(author).Titled($"Chez {Secret}, des OKR sans tension"))).Id;
        await app.Seed(A.Case().By(author).Titled("Un autre cas, qui reste"));
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal(1, (await app.Services.PlanDigestsAsync()).Queued);

        var authorClient = await app.SignedInAs(author);
        await authorClient.SubmitAsync($"/cases/{caseId}/edit", new Dictionary<string, string>(), "form[action*='handler=Delete']");
        await app.Services.DrainOutboxAsync();

        var digest = Assert.Single(smtp.To(reader.Email!));
        Assert.DoesNotContain(Secret, digest.TextBody + digest.HtmlBody + digest.Subject);
        Assert.Contains("Un autre cas, qui reste", digest.TextBody);
    }

    [Fact]
    public async Task A_member_who_erased_their_account_is_not_named_in_mail_queued_before()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var author = await app.Seed(A.Member().Called("author"));
        var replier = await app.Seed(A.Member().Named("Camille Quetzal"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var replierClient = await app.SignedInAs(replier);
        await app.ReplyOnPageAsync(replierClient, caseId, "Une réponse qui reste, sans nom.");

        await replierClient.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password });
        await app.Services.DrainOutboxAsync();

        foreach (var mail in smtp.Received)
            Assert.DoesNotContain("Quetzal", mail.TextBody + mail.HtmlBody + mail.Subject);
    }
    [Fact]
    public async Task A_queue_alert_to_moderators_still_leaves_after_an_author_edits_their_reply()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port).With("Moderation:AlertAfterHours", "24");
        var (author, moderator, replier) = (await app.Seed(A.Member().Called("author")),
            await app.Seed(A.Member().Called("moderator").WithRole(Roles.Moderator)), await app.Seed(A.Member().Called("replier").WithPublishedCases(3)));
        await app.Seed(A.Case().By(author).Titled("Un cas oublié dans la file").Pending());
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var replierClient = await app.SignedInAs(replier);
        var replyId = await app.ReplyOnPageAsync(replierClient, caseId, "Une réponse que son autrice reprendra.");
        await app.Services.DrainOutboxAsync();
        app.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await app.InScopeAsync(sp => sp.GetRequiredService<QueueHealthCheck>().RunOnceAsync()));

        await replierClient.SubmitAsync($"/cases/{caseId}/replies/{replyId}/edit",
            new Dictionary<string, string> { ["Input.Body"] = "Une réponse reprise par son autrice." }, "main form.stacked");
        await app.Services.DrainOutboxAsync();

        Assert.Single(smtp.To(moderator.Email!), m => (m.TextBody ?? "").Contains("Un cas oublié dans la file"));
    }
}
