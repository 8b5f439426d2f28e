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
}
