using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>
/// Issue 13, item 1: a member whose display name is <see cref="RealName"/> publishes a case under <see cref="Pseudonym"/>,
/// answers in it and adds a follow-up. The display name appears on no surface where the discussion does (pages as a
/// visitor, a member and staff, lists, the profile, search, feeds, reply notifications single and batched, the digest,
/// the moderation queue before a logged reveal, the public log, another member's export); the pseudonym does where a
/// byline is shown. Caching is on, as in production.
/// </summary>
public sealed class PseudonymEverySurfaceTests
{
    private const string RealName = "Xavier Vraiprenom";
    /// <summary>The part of the display name no other text contains (the first name could appear by chance).</summary>
    private const string Telltale = "Vraiprenom";
    private const string Pseudonym = "Coach Mistral";
    private const string Title = "La quadrature des objectifs trimestriels";

    private sealed record World(DigestAppFactory App, Member Author, Member Follower, Member Other, int CaseId, string Slug,
        string TensionSlug, string DriftSlug, FormClient AuthorClient)
    {
        public string CaseUrl => CaseUrls.Read(CaseId, Slug);
    }

    /// <summary>The author's case under the pseudonym, their reply and follow-up through the real pages; a follower and another member.</summary>
    private static async Task<World> WorldAsync(DigestAppFactory app)
    {
        // Trust is the pseudonym's own (TrustPolicy): its case and reply make it trusted, so the follow-up is published at once.
        app.With("Caching:Enabled", "true").With("Moderation:TrustAfterApproved", "2");
        var author = await app.Seed(A.Member().Named(RealName));
        var (tensionSlug, driftSlug) = ("quadrature-tension", "quadrature-drift");
        var follower = await app.Seed(A.Member().Named("Fabien Suiveur").WithDigest(DigestFrequency.Weekly, tensionSlug));
        var other = await app.Seed(A.Member().Named("Olga Autre"));
        app.Clock.Advance(TimeSpan.FromHours(2));

        var caseId = (await app.Seed(A.Case().By(author).Titled(Title).Tagged(tensionSlug).Tagged(TagKind.DriftType, driftSlug).UnderPseudonym(Pseudonym)
            .FollowedBy(follower, other))).Id;
        var slug = await app.SlugAsync(caseId);
        // The author also writes under their display name elsewhere: their profile exists and lists that reply.
        var othersCase = (await app.Seed(A.Case().By(other).Titled("Un cas signé par Olga").Tagged(TagKind.DriftType, driftSlug))).Id;
        await app.Seed(A.Reply().On(othersCase).By(author));

        var authorClient = await app.SignedInAs(author);
        var world = new World(app, author, follower, other, caseId, slug, tensionSlug, driftSlug, authorClient);
        await app.ReplyOnPageAsync(authorClient, caseId, "Merci pour vos retours, je précise le contexte.");
        var followUp = await authorClient.SubmitAsync($"/cases/{caseId}/follow-ups", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(FollowUpStatus.Ongoing), ["Input.Body"] = "Six mois plus tard, les revues ont changé de forme.",
        });
        Assert.Equal(HttpStatusCode.Redirect, followUp.StatusCode);
        return world;
    }

    private static void AssertNotNamed(string text, Member author, string where)
    {
        Assert.False(text.Contains(Telltale, StringComparison.OrdinalIgnoreCase), $"{where} names the author: {LeakText.Around(text, Telltale)}");
        Assert.False(text.Contains(author.Id, StringComparison.Ordinal), $"{where} carries the author's id");
        Assert.False(text.Contains(author.Email!, StringComparison.OrdinalIgnoreCase), $"{where} carries the author's e-mail");
    }

    [Fact]
    public async Task Pages_lists_profile_search_and_feeds_show_the_pseudonym_and_never_the_author()
    {
        await using var app = new DigestAppFactory();
        var w = await WorldAsync(app);
        var moderator = await app.Seed(A.Member().Named("Modo Surfaces").WithRole(Roles.Moderator));
        var readers = new Dictionary<string, FormClient>
        {
            ["visitor"] = app.CreateFormClient(),
            ["member"] = await app.SignedInAs(w.Other),
            ["moderator"] = await app.SignedInAs(moderator),
        };

        foreach (var (who, client) in readers)
        {
            // Twice: the second read comes from the caches (page cache for the visitor, read models for members).
            for (var pass = 0; pass < 2; pass++)
            {
                var page = await client.GetDocumentAsync(w.CaseUrl);
                var html = page.DocumentElement.OuterHtml;
                AssertNotNamed(html, w.Author, $"case page ({who})");
                Assert.Equal(Pseudonym, page.QuerySelector("article.case header .byline")!.TextContent.Trim());
                Assert.Equal(Pseudonym, page.QuerySelector("article.reply .byline")!.TextContent.Trim());
                Assert.Equal(Pseudonym, page.QuerySelector("section.follow-ups .byline")!.TextContent.Trim());
                Assert.DoesNotContain("/members/Xavier", html);

                foreach (var url in new[] { "/cases", "/", $"/tensions/{w.TensionSlug}", $"/drifts/{w.DriftSlug}", "/search?q=quadrature" })
                {
                    var list = await client.Http.GetStringAsync(url);
                    AssertNotNamed(list, w.Author, $"{url} ({who})");
                    // Search hits carry no byline at all; the other lists name the pseudonym.
                    if (url != "/" && !url.StartsWith("/search")) Assert.True(list.Contains(Pseudonym), $"{url} ({who}) shows no byline");
                    if (url.StartsWith("/search")) Assert.Contains(w.CaseUrl, list);
                }
            }

            var profile = await client.Http.GetStringAsync("/members/" + Uri.EscapeDataString(RealName));
            Assert.Contains("Un cas signé par Olga", profile);                               // the profile works…
            Assert.DoesNotContain("quadrature", profile, StringComparison.OrdinalIgnoreCase);  // …and ties nothing to the pseudonym
            Assert.DoesNotContain(w.CaseUrl, profile);
            Assert.DoesNotContain(Pseudonym, profile);
        }

        foreach (var feed in new[] { "/feeds/cases.atom", $"/feeds/tensions/{w.TensionSlug}.atom", $"/feeds/drifts/{w.DriftSlug}.atom" })
        {
            var xml = await app.CreateFormClient().Http.GetStringAsync(feed);
            AssertNotNamed(xml, w.Author, feed);
            Assert.Contains($"<name>{Pseudonym}</name>", xml);
        }
    }

    [Fact]
    public async Task Reply_notifications_single_and_batched_and_the_digest_name_the_pseudonym_only()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var w = await WorldAsync(app);                                          // the author's first reply: sent at once
        await app.Services.DrainOutboxAsync();
        var single = Assert.Single(smtp.To(w.Follower.Email!));
        Assert.Contains($"{Pseudonym} a répondu", single.TextBody);
        Assert.Contains("Merci pour vos retours", single.TextBody);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.ReplyOnPageAsync(w.AuthorClient, w.CaseId, "Et un second élément de contexte.");
        await app.ReplyOnPageAsync(await app.SignedInAs(w.Other), w.CaseId, "Chez nous aussi.");
        app.Clock.Advance(TimeSpan.FromMinutes(55));                           // the batch is due
        await app.Services.DrainOutboxAsync();
        var batched = smtp.To(w.Follower.Email!)[1];
        Assert.Contains($"de {Pseudonym}, Olga Autre.", batched.TextBody);

        app.AdvancePastNextWeeklyDigest();
        await app.Services.PlanDigestsAsync();
        await app.Services.DrainOutboxAsync();
        var digest = smtp.To(w.Follower.Email!).Single(m => m.Headers["List-Id"]?.Contains("<digest.") == true);
        Assert.Contains($"par {Pseudonym}", digest.TextBody);

        var toOthers = smtp.Received.Where(m => !m.To.Mailboxes.Any(b => b.Address == w.Author.Email)).ToList();
        Assert.True(toOthers.Count >= 4, $"{toOthers.Count} messages to others");
        foreach (var message in toOthers)
            AssertNotNamed(message.Whole(), w.Author, $"e-mail “{message.Subject}” to {message.To}");
    }

    [Fact]
    public async Task The_queue_shows_a_pseudonymous_reply_with_trust_facts_only_until_a_logged_reveal_and_the_log_and_exports_stay_silent()
    {
        await using var app = new DigestAppFactory();
        var w = await WorldAsync(app);
        var pending = await app.Seed(A.Reply().On(w.CaseId).By(w.Author).Saying("Une réponse qui attend la modération.").At(CommunityAppFactory.Start.UtcDateTime).Pending());
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Named("Modo File").WithRole(Roles.Moderator)));

        var queue = await moderator.GetDocumentAsync("/moderation");
        var item = queue.QuerySelector($"#item-reply-{pending.Id}")!;
        AssertNotNamed(queue.DocumentElement.OuterHtml, w.Author, "moderation queue");
        Assert.Empty(queue.QuerySelectorAll("a[href^='/moderation/members/']"));
        Assert.Contains(Pseudonym, item.TextContent);
        Assert.Contains("Auteur sous pseudonyme", item.TextContent);
        Assert.Contains("Membre de confiance", item.TextContent);
        Assert.DoesNotContain("membre depuis", item.TextContent);                // no join date: it narrows down who
        Assert.DoesNotContain("approuvée", item.TextContent);                    // nor a count the member page would match

        var revealed = await moderator.SubmitAsync("/moderation", new Dictionary<string, string> { ["Input.RevealReason"] = "Plainte d’un tiers" },
            $"#item-reply-{pending.Id} form.reveal");
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Contains(RealName, await revealed.Content.ReadAsStringAsync());
        var entry = await app.Query(db => db.Set<ModerationLogEntry>().SingleAsync(e => e.Action == ModerationAction.RevealIdentity));
        Assert.Equal((TargetKind.Reply, w.CaseId, pending.Id), (entry.TargetKind, entry.CaseId!.Value, entry.ReplyId!.Value));
        AssertNotNamed(await moderator.Http.GetStringAsync("/moderation"), w.Author, "moderation queue after the reveal");

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(),
            $"#item-reply-{pending.Id} form.approve")).StatusCode);
        var log = await app.CreateFormClient().Http.GetStringAsync("/moderation/log");
        Assert.Contains(Title, log);
        AssertNotNamed(log, w.Author, "public log");

        var export = await (await app.SignedInAs(w.Other)).Http.GetStringAsync("/account/export");
        Assert.Contains("follows", export);                                     // the export answered (JSON of the member's data)
        AssertNotNamed(export, w.Author, "another member's export");
        var own = await w.AuthorClient.Http.GetStringAsync("/account/export");
        Assert.Contains(Pseudonym, own);                                         // their own export may link them
    }
}
