using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>The moderators' pick, chosen from the case page: logged, and for moderators only.</summary>
public sealed class DigestPickTests
{
    private static async Task<(int CaseId, string Url, int Tension)> CaseWithTensionsAsync(DigestAppFactory app, string title)
    {
        var author = await app.Seed(A.Member().Called("author-" + Guid.NewGuid().ToString("N")[..8]));
        var tension = (await app.Seed(A.Tag())).Id;
        var other = (await app.Seed(A.Tag())).Id;
        var drift = (await app.Seed(A.Tag().OfKind(RisingGoal.Community.Features.Taxonomy.TagKind.DriftType))).Id;
        var caseId = (await app.Seed(A.Case().By(author).Titled(title).Tagged(tension, other, drift))).Id;
        var slug = await app.SlugAsync(caseId);
        return (caseId, CaseUrls.Read(caseId, slug), tension);
    }

    [Fact]
    public async Task A_moderator_picks_a_tension_from_the_case_page_and_the_pick_is_saved_and_logged()
    {
        await using var app = new DigestAppFactory();
        var (caseId, url, tension) = await CaseWithTensionsAsync(app, "Un cas à mettre en avant");
        var moderator = await app.Seed(A.Member().Called("modo-" + Guid.NewGuid().ToString("N")[..8]).WithRole(Roles.Moderator));
        var client = await app.SignedInAs(moderator);

        var page = FormClient.Parse(await client.Http.GetStringAsync(url));
        Assert.Equal(2, page.QuerySelectorAll(".moderator-tools form.mod-pick").Length);          // one per tension, none for the drift
        var tensionSlug = await app.Query(db => db.Set<RisingGoal.Community.Features.Taxonomy.Tag>()
            .Where(t => t.Id == tension).Select(t => t.Slug).SingleAsync());
        var response = await client.SubmitAsync(url, new Dictionary<string, string>(), $".moderator-tools form.mod-pick:has(input[value='{tensionSlug}'])");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Headers.Location!.OriginalString);
        var (pick, log) = await app.Query(async db =>
        {
            return (await db.Set<DigestPick>().AsNoTracking().SingleAsync(p => p.TagId == tension),
                await db.Set<ModerationLogEntry>().AsNoTracking().SingleAsync(e => e.CaseId == caseId));
        });
        Assert.Equal((caseId, moderator.Id), (pick.CaseId, pick.ChosenBy));
        Assert.Equal((ModerationAction.PickForDigest, moderator.Id), (log.Action, log.ModeratorId));
        Assert.Equal($"{tensionSlug} (fr)", log.PublicReason);
        Assert.Contains("a choisi pour le résumé\u00A0:", FormClient.Parse(await client.Http.GetStringAsync("/moderation/log")).Body!.TextContent);
        var picked = FormClient.Parse(await client.Http.GetStringAsync($"/digests/pick/{caseId}"));
        Assert.Contains($"Choix de la semaine pour {tensionSlug} (fr)", picked.QuerySelector("main")!.TextContent);
        Assert.Single(picked.QuerySelectorAll("main form"));                                        // the other tension can still be picked
    }

    [Fact]
    public async Task Members_get_403_visitors_are_sent_to_log_in_and_a_post_without_token_is_refused()
    {
        await using var app = new DigestAppFactory();
        var (caseId, url, _) = await CaseWithTensionsAsync(app, "Un cas que seuls les modérateurs choisissent");
        var member = await app.SignedInAs(await app.Seed(A.Member().Called("member-" + Guid.NewGuid().ToString("N")[..8])));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("modo-" + Guid.NewGuid().ToString("N")[..8]).WithRole(Roles.Moderator)));

        var anonymous = await app.CreateFormClient().Http.GetAsync($"/digests/pick/{caseId}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.Empty(FormClient.Parse(await member.Http.GetStringAsync(url)).QuerySelectorAll("form.mod-pick"));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.GetAsync($"/digests/pick/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostWithTokenAsync(url, $"/digests/pick/{caseId}",
            new Dictionary<string, string> { ["tag"] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.Http.PostAsync($"/digests/pick/{caseId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["tag"] = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.PostWithTokenAsync(url, $"/digests/pick/{caseId}",
            new Dictionary<string, string> { ["tag"] = "not-a-tension-of-this-case" })).StatusCode);
        Assert.False(await app.Query(db => db.Set<DigestPick>().AnyAsync(p => p.CaseId == caseId)));
    }
}
