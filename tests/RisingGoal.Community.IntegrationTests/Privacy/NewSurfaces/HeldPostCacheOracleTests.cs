using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// A reply or case held for review is seen by its author and staff alone, so nothing a visitor reads changes when it is written
/// or refused: no cached page may be dropped for it either. A visitor watching a member's profile (or the discussion)
/// from the page cache, through its <c>Age</c> header or its speed, was told the moment that member's post was held.
/// </summary>
public sealed class HeldPostCacheOracleTests
{
    private static async Task<bool> FromCacheAsync(HttpClient visitor, string url)
    {
        using var response = await visitor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Age is not null;
    }

    [Fact]
    public async Task Held_posts_and_their_refusal_leave_the_cached_profile_and_discussion_alone_a_published_reply_drops_them()
    {
        // As in production: a newcomer's first replies wait for a moderator.
        await using var app = NewSurfaceWorld.App();
        app.With("Moderation:HoldFirstReplies", "2");
        var newcomer = await app.Seed(A.Member().Named("Mona Nouvelle"));
        var @case = await app.Seed(A.Case().Titled("Un cas lu par une visiteuse attentive"));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var profile = "/members/" + Uri.EscapeDataString("Mona Nouvelle");
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        foreach (var page in new[] { profile, url })
        {
            await visitor.GetAsync(page);
            Assert.True(await FromCacheAsync(visitor, page), $"{page}: not cached to begin with");
        }

        var replyId = await app.ReplyOnPageAsync(await app.SignedInAs(newcomer), @case.Id, "Une première réponse, retenue pour relecture.");
        Assert.Equal(ReplyStatus.Pending, await app.Query(db => db.Set<Reply>().Where(r => r.Id == replyId).Select(r => r.Status).SingleAsync()));
        Assert.True(await FromCacheAsync(visitor, profile), "the profile was dropped when the member's reply was held");
        Assert.True(await FromCacheAsync(visitor, url), "the discussion was dropped when a reply was held");

        // Refused from the queue: still nothing anyone else sees.
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Named("Modératrice Discrète").WithRole(Roles.Moderator)));
        var version = await app.Query(db => db.Set<Reply>().Where(r => r.Id == replyId).Select(r => r.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Reject", new Dictionary<string, string>
        {
            ["Input.Kind"] = nameof(TargetKind.Reply), ["Input.Id"] = replyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Reason"] = nameof(RejectReason.Spam),
        })).StatusCode);
        Assert.Equal(ReplyStatus.Rejected, await app.Query(db => db.Set<Reply>().Where(r => r.Id == replyId).Select(r => r.Status).SingleAsync()));
        Assert.True(await FromCacheAsync(visitor, profile), "the profile was dropped when the member's held reply was refused");
        Assert.True(await FromCacheAsync(visitor, url), "the discussion was dropped when a held reply was refused");

        // A case of theirs held for review, then refused: nothing readers see, nothing dropped (the profile kept afresh first).
        await visitor.GetAsync(profile);
        Assert.True(await FromCacheAsync(visitor, profile));
        var heldCase = await app.Seed(A.Case().By(newcomer).Titled("Un cas retenu pour relecture").Tagged("framework-vs-culture").Pending());
        Assert.True(await FromCacheAsync(visitor, profile), "the profile was dropped when the member's case was held");
        await app.ChangeCase(heldCase.Id, c => c.Reject(app.Clock.GetUtcNow().UtcDateTime));
        Assert.True(await FromCacheAsync(visitor, profile), "the profile was dropped when the member's held case was refused");

        // A published reply changes both pages, and drops them at once.
        var trusted = await app.Seed(A.Member().Named("Mona Nouvelle Bis"));
        await app.Seed(A.Reply().On(@case).By(trusted).Saying("Une réponse publiée."));
        Assert.False(await FromCacheAsync(visitor, url));
        Assert.Contains("Une réponse publiée.", await visitor.GetStringAsync(url));
    }

    /// <summary>
    /// A moderator re-tagging a held case changes nothing readers see either. The tag taken off is no longer among the
    /// case's tags when the write is seen, so it was taken for a published case's: the lists, the tag pages and the
    /// author's profile were dropped, and a visitor watching the profile's <c>Age</c> learnt that this member's case was
    /// waiting (and, from the tag pages, which tags it had).
    /// </summary>
    [Fact]
    public async Task Retagging_a_held_case_in_the_queue_leaves_the_cached_profile_tag_pages_and_lists_alone()
    {
        await using var app = NewSurfaceWorld.App();
        var newcomer = await app.Seed(A.Member().Named("Nadia Patiente"));
        await app.Seed(A.Case().By(newcomer).Titled("Un cas publié de Nadia").Tagged("centralisation-vs-autonomy"));
        var held = await app.Seed(A.Case().By(newcomer).Titled("Un cas retenu, retagué en file")
            .Tagged("centralisation-vs-autonomy", "framework-vs-culture").Pending());
        var tags = await app.Query(db => db.Set<Tag>().ToDictionaryAsync(t => t.Slug, t => t.Id));
        string[] pages = ["/members/" + Uri.EscapeDataString("Nadia Patiente"), "/tensions/centralisation-vs-autonomy", "/tensions/framework-vs-culture", "/cases"];
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        foreach (var page in pages)
        {
            await visitor.GetAsync(page);
            Assert.True(await FromCacheAsync(visitor, page), $"{page}: not cached to begin with");
        }

        // The held case loses a tag and gains none of the pages' (only the moderator and the author see it).
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Named("Modérateur Attentif").WithRole(Roles.Moderator)));
        var version = await app.Query(db => db.Set<Case>().Where(c => c.Id == held.Id).Select(c => c.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Retag", new Dictionary<string, string>
        {
            ["Input.Kind"] = nameof(TargetKind.Case), ["Input.Id"] = held.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.Version"] = version.ToString(CultureInfo.InvariantCulture),
            ["Input.TagIds[0]"] = tags["framework-vs-culture"].ToString(CultureInfo.InvariantCulture),
        })).StatusCode);
        Assert.Equal([tags["framework-vs-culture"]], await app.Query(db => db.Set<CaseTag>().Where(t => t.CaseId == held.Id).Select(t => t.TagId).ToListAsync()));

        foreach (var page in pages)
            Assert.True(await FromCacheAsync(visitor, page), $"{page} was dropped when a moderator re-tagged a held case");
    }
}
