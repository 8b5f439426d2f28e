using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Digests;

public sealed class ReplyNotificationTests
{
    private static Task<int> NotifyAsync(CommunityAppFactory app, int caseId, int replyId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<ReplyNotifier>().NotifyReplyAsync(caseId, replyId));

    [Fact]
    public async Task Author_and_followers_are_told_of_replies_at_most_once_an_hour_per_discussion_in_their_language()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (author, follower, replier, muted) = (await app.MemberAsync("author"), await app.MemberAsync("follower", culture: "en"),
            await app.MemberAsync("replier"), await app.MemberAsync("muted"));
        var caseId = await app.CaseAsync(author, "Le cas discuté", []);
        await app.FollowAsync(follower, caseId);
        await app.FollowAsync(muted, caseId);
        await app.FollowAsync(replier, caseId);
        await app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DigestPreferences>().SaveAsync(muted.Id, DigestFrequency.Never, [], replyNotifications: false, default);
            return 0;
        });

        Assert.Equal(2, await NotifyAsync(app, caseId, await app.ReplyAsync(caseId, replier)));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await NotifyAsync(app, caseId, await app.ReplyAsync(caseId, replier)));   // same hour: batched
        app.Clock.Advance(TimeSpan.FromHours(1));
        var later = await app.ReplyAsync(caseId, replier);
        Assert.Equal(2, await NotifyAsync(app, caseId, later));
        Assert.Equal(0, await NotifyAsync(app, caseId, later));                                    // calling twice is harmless
        while (await app.DrainAsync() > 0) { }

        Assert.Equal(2, smtp.To(author.Email!).Count);
        var english = smtp.To(follower.Email!);
        Assert.Equal(2, english.Count);
        Assert.Equal("New reply on “Le cas discuté”", english[0].Subject);
        Assert.Contains("<replies.localhost>", english[0].Headers["List-Id"]);
        Assert.Equal("List-Unsubscribe=One-Click", english[0].Headers["List-Unsubscribe-Post"]);
        Assert.Contains("http://localhost/cases/", english[0].TextBody);
        Assert.Empty(smtp.To(replier.Email!));
        Assert.Empty(smtp.To(muted.Email!));
    }

    [Fact]
    public async Task Replying_on_the_case_page_queues_a_notification_for_the_author()
    {
        await using var app = new DigestAppFactory();
        var (author, replier) = (await app.MemberAsync("author"), await app.MemberAsync("replier"));
        var caseId = await app.CaseAsync(author, "Un cas qui appelle des réponses", []);
        var slug = await app.InScopeAsync(sp => sp.GetRequiredService<RisingGoal.Community.Infrastructure.Data.CommunityDbContext>()
            .Set<RisingGoal.Community.Features.Cases.Case>().Where(c => c.Id == caseId).Select(c => c.Slug).SingleAsync());
        var client = await app.SignedInAsync(replier);

        var response = await client.SubmitAsync($"/cases/{caseId}/{slug}", new Dictionary<string, string> { ["Reply.Body"] = "Nous avons vécu la même chose." },
            "form.reply-form");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var queued = Assert.Single(await app.OutboxAsync());
        Assert.Equal((RisingGoal.Community.Infrastructure.Mail.Outbox.OutboxKind.Notification, author.Id), (queued.Kind, queued.MemberId));
        Assert.StartsWith($"reply:{caseId}:{author.Id}:", queued.DedupeKey);
    }
}
