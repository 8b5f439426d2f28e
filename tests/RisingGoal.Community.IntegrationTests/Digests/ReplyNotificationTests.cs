using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Digests;

public sealed class ReplyNotificationTests
{
    private static Task<int> NotifyAsync(CommunityAppFactory app, int caseId, int replyId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<RisingGoal.Community.Features.Notifications.NotificationCenter>().ReplyPublishedAsync(caseId, replyId));

    [Fact]
    public async Task Author_and_followers_are_told_of_replies_at_once_then_batched_for_an_hour_in_their_language()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (author, follower, replier, muted) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("follower").Speaking("en")),
            await app.Seed(A.Member().Called("replier")), await app.Seed(A.Member().Called("muted").WithoutReplyNotifications()));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Le cas discuté").FollowedBy(follower, muted, replier))).Id;

        Assert.Equal(2, await NotifyAsync(app, caseId, (await app.Seed(A.Reply().On(caseId).By(replier).Saying("I saw the same thing."))).Id));   // 09:00: at once
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = (await app.Seed(A.Reply().On(caseId).By(replier).Saying("I saw the same thing."))).Id;
        Assert.Equal(2, await NotifyAsync(app, caseId, second));                                  // 09:10: batched for 10:00
        Assert.Equal(0, await NotifyAsync(app, caseId, second));                                  // calling twice is harmless
        await app.Services.DrainOutboxAsync();
        Assert.Single(smtp.To(author.Email!));                                                    // the batch waits
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(2, await NotifyAsync(app, caseId, (await app.Seed(A.Reply().On(caseId).By(replier).Saying("I saw the same thing."))).Id));   // 09:30: joins the batch
        Assert.Equal(4, (await app.Services.OutboxRowsAsync()).Count);
        app.Clock.Advance(TimeSpan.FromMinutes(30));                                              // 10:00: the batch is due
        await app.Services.DrainOutboxAsync();

        // The subject never names the case (it outlives the mail in the outbox and the logs); the body does.
        Assert.Equal(["Nouvelle réponse dans une discussion à laquelle vous participez", "2 nouvelles réponses dans une discussion à laquelle vous participez"],
            smtp.To(author.Email!).Select(m => m.Subject));
        Assert.Contains("replier a répondu sur «\u00A0Le cas discuté\u00A0»\u00A0:", smtp.To(author.Email!)[0].TextBody);
        var english = smtp.To(follower.Email!);
        Assert.Equal(["New reply in a discussion you take part in", "2 new replies in a discussion you take part in"], english.Select(m => m.Subject));
        Assert.Contains("I saw the same thing.", english[0].TextBody);                            // the first quotes the reply
        Assert.Contains("2 new replies on “Le cas discuté”, from replier.", english[1].TextBody);
        Assert.DoesNotContain("I saw the same thing.", english[1].TextBody);                      // a late batch names, never quotes
        foreach (var mail in english)
        {
            Assert.Contains("<replies.localhost>", mail.Headers["List-Id"]);
            Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
            Assert.Contains("http://localhost/cases/", mail.TextBody);
        }
        Assert.Empty(smtp.To(replier.Email!));
        Assert.Empty(smtp.To(muted.Email!));
    }

    [Fact]
    public async Task Across_an_hour_boundary_two_replies_two_minutes_apart_make_one_mail_then_one_batch_an_hour_later()
    {
        await using var app = new DigestAppFactory();
        var (author, replier) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("replier")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas à la frontière de l'heure"))).Id;
        app.Clock.SetUtcNow(new DateTimeOffset(2030, 1, 7, 10, 59, 0, TimeSpan.Zero));

        await NotifyAsync(app, caseId, (await app.Seed(A.Reply().On(caseId).By(replier).Saying("I saw the same thing."))).Id);                   // 10:59
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await NotifyAsync(app, caseId, (await app.Seed(A.Reply().On(caseId).By(replier).Saying("I saw the same thing."))).Id);                   // 11:01: another clock hour
        await app.Services.DrainOutboxAsync();
        Assert.Single(app.Mail.To(author.Email!));

        app.Clock.SetUtcNow(new DateTimeOffset(2030, 1, 7, 11, 58, 59, TimeSpan.Zero));
        await app.Services.DrainOutboxAsync();
        Assert.Single(app.Mail.To(author.Email!));                                                // still inside the hour
        app.Clock.Advance(TimeSpan.FromSeconds(1));                                               // 11:59
        await app.Services.DrainOutboxAsync();
        Assert.Equal(2, app.Mail.To(author.Email!).Count);

        app.Clock.SetUtcNow(new DateTimeOffset(2030, 1, 7, 12, 30, 0, TimeSpan.Zero));           // within an hour of the 11:59 mail
        await NotifyAsync(app, caseId, (await app.Seed(A.Reply().On(caseId).By(replier).Saying("I saw the same thing."))).Id);
        var last = (await app.Services.OutboxRowsAsync()).Last();
        Assert.Equal(new DateTime(2030, 1, 7, 12, 59, 0, DateTimeKind.Utc), last.NextAttemptUtc);
        Assert.Equal(OutboxStatus.Pending, last.Status);
    }

    [Fact]
    public async Task Two_replies_notified_at_the_same_moment_inside_the_hour_end_up_in_one_batch_naming_both()
    {
        await using var app = new DigestAppFactory();
        var (author, first, second) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("first")), await app.Seed(A.Member().Called("second")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas où deux réponses se croisent"))).Id;
        await NotifyAsync(app, caseId, (await app.Seed(A.Reply().On(caseId).By(first))).Id);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var (a, b) = ((await app.Seed(A.Reply().On(caseId).By(first))).Id, (await app.Seed(A.Reply().On(caseId).By(second))).Id);

        await Task.WhenAll(NotifyAsync(app, caseId, a), NotifyAsync(app, caseId, b));

        var rows = (await app.Services.OutboxRowsAsync()).Where(m => m.MemberId == author.Id).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("2 nouvelles réponses dans une discussion à laquelle vous participez", rows[1].Subject);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(55), rows[1].NextAttemptUtc);
        var covered = Outbox.Load(rows[1]).Headers[ReplyNotifier.RepliesHeader];
        Assert.Equal($"{a} {b}", covered);
        Assert.Contains("2 nouvelles réponses sur «\u00A0Un cas où deux réponses se croisent\u00A0», de first, second.", Outbox.Load(rows[1]).TextBody);
    }

    [Fact]
    public async Task Replying_on_the_case_page_queues_a_notification_for_the_author()
    {
        await using var app = new DigestAppFactory();
        var (author, replier) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("replier")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas qui appelle des réponses"))).Id;

        await app.ReplyOnPageAsync(await app.SignedInAs(replier), caseId, "Nous avons vécu la même chose.");

        var queued = Assert.Single(await app.Services.OutboxRowsAsync());
        Assert.Equal((RisingGoal.Community.Infrastructure.Mail.Outbox.OutboxKind.Notification, author.Id), (queued.Kind, queued.MemberId));
        Assert.StartsWith($"reply:{caseId}:{author.Id}:", queued.DedupeKey);
    }
}
