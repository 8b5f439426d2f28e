using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A reply notification names each replier as the discussion shows them (README, "Deleting an account"): a named
/// replier who erased their account since is "Ancien membre", never an empty name (" a répondu") nor a name dropped
/// from the list ("de Nadia" for two repliers), whether the mail was queued before the erasure (rebuilt when it leaves)
/// or composed after it (another reply joining the batch); the pseudonymous author stays their pseudonym. Mail is
/// received by a real SMTP server.
/// </summary>
public sealed class ErasedRepliersInMailTests
{
    private const string Erased = "Robert Parti";
    private const string FormerMember = "Ancien membre";

    [Fact]
    public async Task A_queued_notification_of_an_erased_replier_names_a_former_member_never_an_empty_name()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var author = await app.Seed(A.Member().Named("Claire Autrice").WithPublishedCases(3));
        var replier = await app.Seed(A.Member().Named(Erased).WithPublishedCases(3));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un comité qui ne tranche rien"))).Id;

        var replierClient = await app.SignedInAs(replier);
        await app.ReplyOnPageAsync(replierClient, caseId, "Chez nous, le comité vote à l’unanimité et rien ne bouge.");   // 09:00: at once
        await app.Services.DrainOutboxAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.ReplyOnPageAsync(replierClient, caseId, "Une précision sur notre comité.");                              // batched for 10:00
        await replierClient.EraseAccountAsync();
        await app.Services.DrainOutboxAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Services.DrainOutboxAsync();

        var mails = smtp.To(author.Email!);
        Assert.Equal(2, mails.Count);
        var late = mails[1].TextBody ?? "";
        Assert.Contains($"{FormerMember} a répondu sur «\u00A0Un comité qui ne tranche rien\u00A0».", late);
        Assert.DoesNotContain(Erased, mails[1].Whole());
    }

    [Fact]
    public async Task A_batch_composed_after_the_erasure_lists_the_former_member_beside_the_others_and_the_pseudonym()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        app.With("Moderation:TrustAfterApproved", "1");
        var author = await app.Seed(A.Member().Named("Claire Autrice").WithPublishedCases(3));
        var follower = await app.Seed(A.Member().Named("Fabien Suiveur"));
        var replier = await app.Seed(A.Member().Named(Erased).WithPublishedCases(3));
        var other = await app.Seed(A.Member().Named("Nadia Présente").WithPublishedCases(3));
        var caseId = (await app.Seed(A.Case().By(author).Composed().Titled("Un comité sous pseudonyme").UnderPseudonym("Hibou Discret").FollowedBy(follower))).Id;

        await app.ReplyOnPageAsync(await app.SignedInAs(other), caseId, "Première réponse, envoyée tout de suite.");   // 09:00: at once
        await app.Services.DrainOutboxAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var replierClient = await app.SignedInAs(replier);
        await app.ReplyOnPageAsync(replierClient, caseId, "Une réponse dont l’auteur s’en va.");                    // batched for 10:00
        await replierClient.EraseAccountAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.ReplyOnPageAsync(await app.SignedInAs(other), caseId, "Une autre réponse.");                       // joins: composed after the erasure
        await app.ReplyOnPageAsync(await app.SignedInAs(author), caseId, "L’autrice répond sous son pseudonyme.");  // joins too
        Assert.Contains(await app.Services.OutboxRowsAsync(), row => row.Status == OutboxStatus.Pending && row.MemberId == follower.Id);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Services.DrainOutboxAsync();

        var batch = smtp.To(follower.Email!).Last();
        var text = batch.TextBody ?? "";
        Assert.Contains("3 nouvelles réponses sur «\u00A0Un comité sous pseudonyme\u00A0», de ", text);
        foreach (var name in new[] { FormerMember, "Nadia Présente", "Hibou Discret" })
            Assert.True(text.Contains(name), $"{name} missing from: {text}");
        Assert.DoesNotContain(Erased, batch.Whole());
        Assert.DoesNotContain("Claire Autrice", string.Join("\n", smtp.To(follower.Email!).Select(m => m.Whole())));
    }
}
