using System.Net;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A moderator without a logged reveal must not learn who is behind a pseudonym by watching a named member's history
/// ("3 posts approved, 1 post rejected") move when they approve or reject a pseudonymous post: the member page and the queue's
/// named items count only what the member published under their name.
/// </summary>
public sealed class ModeratorHistoryInferenceTests
{
    [Fact]
    public async Task Approving_or_rejecting_a_pseudonymous_post_leaves_its_authors_named_history_unchanged()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Xavier Vraiprenom"));
        var other = await app.Seed(A.Member().Named("Olga Autre"));
        await app.Seed(A.Case().By(author).Titled("Un cas signé de son nom"));
        var othersCase = await app.Seed(A.Case().By(other).Titled("Le cas d’Olga"));
        // A named post of the author waits in the queue: the item moderators compare shows the named history.
        var namedReply = await app.Seed(A.Reply().On(othersCase.Id).By(author).Saying("Une réponse signée qui attend.").Pending());
        var pseudonymousCase = await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Coach Mistral").Pending());
        var published = await app.Seed(A.Case().By(author).Titled("Un autre cas sous pseudonyme").UnderPseudonym("Plume Grise"));
        var pseudonymousReply = await app.Seed(A.Reply().On(published.Id).By(author).Saying("La suite, sous pseudonyme.").Pending());
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Named("Modo Curieux").WithRole(Roles.Moderator)));

        async Task<(string MemberPage, string QueueItem)> HistoryAsync()
        {
            var page = await moderator.GetDocumentAsync($"/moderation/members/{author.Id}");
            var queue = await moderator.GetDocumentAsync("/moderation");
            return (page.QuerySelector("main p.meta")!.TextContent, queue.QuerySelector($"#item-reply-{namedReply.Id} .author-history")!.TextContent);
        }

        var before = await HistoryAsync();
        Assert.Contains("1 publication approuvée, 0 publication refusée", before.MemberPage);   // the named case alone, not the pseudonymous one
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(),
            $"#item-case-{pseudonymousCase.Id} form.approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation",
            new Dictionary<string, string> { ["Input.Reason"] = nameof(RejectReason.Spam) }, $"#item-reply-{pseudonymousReply.Id} form.reject")).StatusCode);

        Assert.Equal(before, await HistoryAsync());
    }
}
