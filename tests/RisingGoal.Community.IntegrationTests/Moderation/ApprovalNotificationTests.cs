using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>What a moderator's decision on a held post tells people: through the outbox, once, in each reader's language.</summary>
public sealed class ApprovalNotificationTests(HoldingMembersAppFactory factory) : IClassFixture<HoldingMembersAppFactory>
{
    private IServiceProvider Services => factory.Services;

    [Fact]
    public async Task Approving_a_held_case_mails_its_author_once_in_their_language_even_when_the_approval_is_sent_again()
    {
        var author = await factory.Seed(A.Member().Speaking("en"));
        var @case = await factory.Seed(A.Case().By(author).Titled("A programme that ran too smoothly").Pending());
        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().WithRole(Roles.Moderator)));
        var approve = new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = @case.Id.ToString(), ["Input.Version"] = @case.Version.ToString(),
        };

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Approve", approve)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Approve", approve)).StatusCode);   // a retried request

        var queued = Assert.Single(await Services.OutboxRowsAsync($"moderation:approved:case:{@case.Id}:"));
        Assert.Equal((OutboxKind.Notification, author.Id), (queued.Kind, queued.MemberId));
        Assert.Empty(factory.Mail.To(author.Email!));                                   // nothing leaves from the request itself
        await Services.DrainOutboxAsync();
        var mail = Assert.Single(factory.Mail.To(author.Email!));
        Assert.Equal("Your post is published", mail.Subject);
        Assert.Contains("Your case \"A programme that ran too smoothly\" was approved by a moderator: it is now published.", mail.TextBody);
        Assert.StartsWith($"http://localhost/cases/{@case.Id}/", MailFolder.LinkIn(mail, $"/cases/{@case.Id}/"));
        Assert.Equal(ModerationAction.Approve, Assert.Single(await factory.Query(db => db.Set<ModerationLogEntry>().Where(e => e.CaseId == @case.Id).Select(e => e.Action).ToListAsync())));
    }

    [Fact]
    public async Task The_decision_mails_are_keyed_per_post_and_version_so_a_second_queueing_adds_nothing()
    {
        var author = await factory.Seed(A.Member());
        await using var scope = Services.CreateAsyncScope();
        var approval = scope.ServiceProvider.GetRequiredService<ApprovalMail>();
        var rejection = scope.ServiceProvider.GetRequiredService<RejectionMail>();

        Assert.True(await approval.QueueAsync(author.Id, "Titre", TargetKind.Reply, 9001, 3, "/cases/1/titre#reply-9001"));
        Assert.False(await approval.QueueAsync(author.Id, "Titre", TargetKind.Reply, 9001, 3, "/cases/1/titre#reply-9001"));
        Assert.True(await rejection.QueueAsync(author.Id, "Titre", TargetKind.Reply, 9001, 5, RejectReason.Spam, null));
        Assert.False(await rejection.QueueAsync(author.Id, "Titre", TargetKind.Reply, 9001, 5, RejectReason.Spam, null));

        Assert.Equal(["moderation:approved:reply:9001:v3", "moderation:rejected:reply:9001:v5"],
            (await Services.OutboxRowsAsync("moderation:")).Where(m => m.MemberId == author.Id).Select(m => m.DedupeKey));
    }

    [Fact]
    public async Task A_held_reply_notifies_nobody_until_approved_then_the_case_author_followers_and_the_replier_are_told()
    {
        var caseAuthor = await factory.Seed(A.Member().Named("Autrice du cas"));
        var follower = await factory.Seed(A.Member().Named("Follower").Speaking("en"));
        var @case = await factory.Seed(A.Case().By(caseAuthor).Titled("Une discussion suivie").FollowedBy(follower));
        var newcomer = await factory.Seed(A.Member().Named("Nouvelle venue"));
        var client = await factory.SignedInAs(newcomer);

        var posted = await client.SubmitAsync(CaseUrls.Read(@case.Id, @case.Slug),
            new Dictionary<string, string> { ["Reply.Body"] = "Chez nous aussi, la revue trimestrielle évitait le sujet." }, "form.reply-form");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var reply = await factory.Query(db => db.Set<Reply>().AsNoTracking().SingleAsync(r => r.CaseId == @case.Id));
        Assert.Equal(ReplyStatus.Pending, reply.Status);
        Assert.Empty(await Services.OutboxRowsAsync($"reply:{@case.Id}:"));           // held: nobody is told yet
        await Services.DrainOutboxAsync();
        Assert.Empty(factory.Mail.To(caseAuthor.Email!));

        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().WithRole(Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect,
            (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#item-reply-{reply.Id} form.approve")).StatusCode);

        var notified = (await Services.OutboxRowsAsync($"reply:{@case.Id}:")).Select(m => m.MemberId!).Order().ToList();
        Assert.Equal(new[] { caseAuthor.Id, follower.Id }.Order(), notified);
        Assert.Single(await Services.OutboxRowsAsync($"moderation:approved:reply:{reply.Id}:"));
        await Services.DrainOutboxAsync();
        Assert.Equal("Nouvelle réponse dans une discussion à laquelle vous participez", Assert.Single(factory.Mail.To(caseAuthor.Email!)).Subject);
        var english = Assert.Single(factory.Mail.To(follower.Email!));
        Assert.Equal("New reply in a discussion you take part in", english.Subject);
        Assert.Contains("Nouvelle venue replied on “Une discussion suivie”:", english.TextBody);
        var approved = Assert.Single(factory.Mail.To(newcomer.Email!));
        Assert.Equal("Votre message est publié", approved.Subject);
        Assert.Contains("Votre réponse sur «\u00A0Une discussion suivie\u00A0» a été approuvée par un modérateur\u00A0: elle est maintenant publiée.", approved.TextBody);
        Assert.Contains($"/replies/{reply.Id}", MailFolder.LinkIn(approved, "/cases/"));
    }

    [Fact]
    public async Task Restoring_a_hidden_reply_is_not_an_approval_and_mails_nobody()
    {
        var caseAuthor = await factory.Seed(A.Member());
        var replier = await factory.Seed(A.Member());
        var @case = await factory.Seed(A.Case().By(caseAuthor));
        var reply = await factory.Seed(A.Reply().On(@case.Id).By(replier));
        var version = await factory.Query(async db =>
        {
            var r = await db.Set<Reply>().SingleAsync(x => x.Id == reply.Id);
            r.Hide(factory.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            return r.Version;
        });
        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().WithRole(Roles.Moderator)));

        var response = await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Approve", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Reply", ["Input.Id"] = reply.Id.ToString(), ["Input.Version"] = version.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ReplyStatus.Published, await factory.Query(db => db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => r.Status).SingleAsync()));
        Assert.Empty(await Services.OutboxRowsAsync($"moderation:approved:reply:{reply.Id}:"));
        Assert.Empty(await Services.OutboxRowsAsync($"reply:{@case.Id}:"));
    }
}
