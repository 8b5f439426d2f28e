using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// Trust belongs to the name a post is shown under. A moderator who approved pseudonymous posts must not learn who wrote
/// them by watching a member's first named post skip the queue (or their flag hide a post, or their links pass); nor
/// learn that a pseudonym is a trusted member because its first case skipped the queue or the queue marks it trusted.
/// Default moderation settings: first case and first two replies held, trusted after three approved posts.
/// </summary>
public sealed class PseudonymTrustInferenceTests
{
    private const string ThreeLinks = "Voir https://a.example, https://b.example et https://c.example.";

    [Fact]
    public async Task Approved_pseudonymous_posts_earn_the_account_no_trust_under_its_name()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Xavier Vraiprenom"));
        var other = await app.Seed(A.Member().Named("Olga Autre"));
        var othersCase = await app.Seed(A.Case().By(other).Titled("Le cas d’Olga"));
        // Everything the author has published is pseudonymous: the case and three replies in its discussion.
        var pseudonymous = await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise"));
        for (var i = 1; i <= 3; i++) await app.Seed(A.Reply().On(pseudonymous.Id).By(author).Saying($"Précision numéro {i}, sous pseudonyme."));
        var client = await app.SignedInAs(author);

        // The first named reply waits for a moderator, as a new member's does.
        var named = await app.ReplyOnPageAsync(client, othersCase.Id, "Ma première réponse signée de mon nom.");
        Assert.Equal(ReplyStatus.Pending, await app.Query(db => db.Set<Reply>().Where(r => r.Id == named).Select(r => r.Status).SingleAsync()));
        // The link limit of new members applies to the named post, at the field.
        var links = await client.SubmitAsync(await app.CaseUrlAsync(othersCase.Id), new Dictionary<string, string> { ["Reply.Body"] = ThreeLinks }, "form.reply-form");
        Assert.Equal(HttpStatusCode.OK, links.StatusCode);
        Assert.Contains("au plus 2 liens", FormClient.Parse(await links.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Reply.Body']")!.TextContent);
        // Their flag weighs as an untrusted member's: with two trusted flaggers' it does not make the three that hide a case.
        var flagged = await app.Seed(A.Case().By(other).Titled("Un cas signalé"));
        foreach (var flagger in new[] { author, await app.Seed(A.Member().Named("Fiona Fiable").WithPublishedCases(3)), await app.Seed(A.Member().Named("Gaston Fiable").WithPublishedCases(3)) })
        {
            var flagging = await app.SignedInAs(flagger);
            Assert.Equal(HttpStatusCode.Redirect, (await flagging.SubmitAsync($"/flag/case/{flagged.Id}",
                new Dictionary<string, string> { ["Input.Reason"] = nameof(FlagReason.Spam) })).StatusCode);
        }
        Assert.Equal(CaseStatus.Published, await app.Query(db => db.Set<Case>().Where(c => c.Id == flagged.Id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_trusted_members_pseudonym_starts_with_no_trust_and_the_queue_does_not_mark_it_trusted()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Xavier Vraiprenom").WithPublishedCases(3));   // trusted under their name
        var client = await app.SignedInAs(author);
        var fields = await ComposedCase.FieldsAsync(app, "Un cas que je signe d’un pseudonyme");
        fields["Input.Pseudonym"] = "Coach du Sud";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/cases/new", fields)).StatusCode);
        var pseudonymous = await app.Query(db => db.Set<Case>().Where(c => c.Pseudonym == "Coach du Sud").Select(c => new { c.Id, c.Status }).SingleAsync());
        Assert.Equal(CaseStatus.Pending, pseudonymous.Status);

        // Once approved, a flagged post of the pseudonym is shown as not trusted: the pseudonym has one approved post.
        await app.ChangeCase(pseudonymous.Id, c => c.Approve(app.Clock.GetUtcNow().UtcDateTime));
        var reply = await app.ReplyOnPageAsync(client, pseudonymous.Id, "Une précision sous pseudonyme.");
        Assert.Equal(ReplyStatus.Pending, await app.Query(db => db.Set<Reply>().Where(r => r.Id == reply).Select(r => r.Status).SingleAsync()));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Named("Modo Curieux").WithRole(Roles.Moderator)));
        var item = (await moderator.GetDocumentAsync("/moderation")).QuerySelector($"#item-reply-{reply}")!.TextContent;
        Assert.Contains("Membre de confiance : non", item.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }
}
