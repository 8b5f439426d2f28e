using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Aggregates;

/// <summary>
/// A reply notification batched for the end of the hour names and counts its repliers ("3 new replies, from A, B and
/// C"). Once a moderator hides one of them while it waits, it leaves counting and naming only the replies still shown,
/// as if the hidden one had never been written: its writer is not named, and the count is not the old one.
/// Received by a real SMTP server.
/// </summary>
public sealed class RemovedReplyInQueuedMailTests
{
    [Fact]
    public async Task A_batched_reply_notification_counts_and_names_only_the_replies_still_shown_once_one_is_hidden()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        app.With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Called("autrice"));
        var (anne, bruno, chloe) = (await app.Seed(A.Member().Called("anne").Named("Anne Répondante")),
            await app.Seed(A.Member().Called("bruno").Named("Bruno Masqué")), await app.Seed(A.Member().Called("chloe").Named("Chloé Répondante")));
        var moderator = await app.Seed(A.Member().Called("moderatrice").WithRole(Roles.Moderator));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas très discuté"))).Id;
        await NotifyAsync(app, caseId, (await app.Seed(A.Reply().On(caseId).By(anne).Saying("La première réponse."))).Id);
        await app.Services.DrainOutboxAsync();                                   // sent at once: the next ones wait for the hour
        int hidden = 0;
        foreach (var (writer, body) in new[] { (anne, "Une deuxième réponse."), (bruno, "Une réponse qui sera masquée."), (chloe, "Une troisième réponse.") })
        {
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            var reply = await app.Seed(A.Reply().On(caseId).By(writer).Saying(body));
            if (writer == bruno) hidden = reply.Id;
            await NotifyAsync(app, caseId, reply.Id);
        }

        await app.InScopeAsync(async sp =>
        {
            var moderation = sp.GetRequiredService<ModerationService>();
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Reply>().Where(r => r.Id == hidden).Select(r => r.Version).SingleAsync();
            var (outcome, _) = await moderation.OnReplyAsync(hidden, version, new ModerationActor(moderator.Id, moderator.DisplayName),
                ModerationAction.Hide, r => r.Hide(moderation.Now));
            Assert.Equal(ModerationOutcome.Done, outcome);
            return 0;
        });
        app.Clock.Advance(TimeSpan.FromMinutes(50));
        await app.Services.DrainOutboxAsync();

        var batched = smtp.To(author.Email!).Last();
        Assert.Equal(2, smtp.To(author.Email!).Count());
        var text = batched.Subject + batched.TextBody + batched.HtmlBody;
        Assert.DoesNotContain("Bruno", text);
        Assert.DoesNotContain("3", batched.Subject);
        Assert.StartsWith("2 nouvelles réponses", batched.Subject);
        // Spaces folded: French quotes hold no-break spaces, and the text part may wrap.
        Assert.Contains("2 nouvelles réponses sur « Un cas très discuté », de Anne Répondante, Chloé Répondante.",
            string.Join(" ", batched.TextBody!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    private static Task<int> NotifyAsync(CommunityAppFactory app, int caseId, int replyId) =>
        app.InScopeAsync(sp => sp.GetRequiredService<RisingGoal.Community.Features.Notifications.NotificationCenter>().ReplyPublishedAsync(caseId, replyId));
}
