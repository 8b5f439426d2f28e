using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Metadata;

/// <summary>
/// A queue alert names the case its item waits on. A redaction removes words from a title everywhere, revisions
/// included, so staff no longer read them on the site either: an alert queued before it (mail waits for hours when the
/// mail server refuses it) must leave with the title as it reads now, not put the removed words in every moderator's
/// mailbox. Received by a real SMTP server.
/// </summary>
public sealed class QueueAlertRedactionTests
{
    private const string Secret = "Jean Dupontel";

    [Fact]
    public async Task A_queue_alert_queued_before_a_redaction_leaves_with_the_redacted_title()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port).With("Caching:Enabled", "true")
            .With("Moderation:AlertAfterHours", "24").With("Moderation:AlertsEnabled", "false");
        var (author, flagger, moderator) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("flagger")),
            await app.Seed(A.Member().Called("moderator").WithRole(Roles.Moderator)));
        // Three kinds of item, each waiting on a case whose title names someone: a held case, a held reply, a flagged case.
        var held = await app.Seed(A.Case().By(author).Titled($"Chez {Secret}, un cas retenu").Pending());
        var discussed = await app.Seed(A.Case().By(author).Titled($"Chez {Secret}, un cas discuté"));
        await app.Seed(A.Reply().On(discussed).By(flagger).Saying("Une réponse retenue pour relecture.").Pending());
        var flagged = await app.Seed(A.Case().By(author).Titled($"Chez {Secret}, un cas signalé"));
        await app.Query(db =>
        {
            db.Add(Flag.Raise(TargetKind.Case, flagged.Id, flagged.Id, flagger.Id, FlagReason.IdentifiesSomeone, null, app.Clock.GetUtcNow().UtcDateTime));
            return db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(3, await app.InScopeAsync(sp => sp.GetRequiredService<QueueHealthCheck>().RunOnceAsync()));   // queued, not sent yet

        foreach (var @case in new[] { held, discussed, flagged }) await app.RedactCaseAsync(@case.Id, moderator, Secret, "[une personne]");
        await app.Services.DrainOutboxAsync();

        var alerts = smtp.To(moderator.Email!);
        Assert.Equal(3, alerts.Count);
        foreach (var alert in alerts)
        {
            Assert.DoesNotContain(Secret, alert.TextBody + alert.HtmlBody + alert.Subject);
            Assert.Contains("[une personne]", alert.TextBody);
        }
        foreach (var title in new[] { "un cas retenu", "un cas discuté", "un cas signalé" })
            Assert.Single(alerts, a => a.TextBody!.Contains(title));
    }
}
