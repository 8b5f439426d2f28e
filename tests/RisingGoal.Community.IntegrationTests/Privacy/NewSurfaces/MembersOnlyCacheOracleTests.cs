using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// Visitors see nothing of a members-only case before its date: no list row, no teaser, no count on the matrix or a tag,
/// no profile line, no feed entry, no search result, no public log line. So a write on it (a reply, a follow-up, a
/// resonance, an edit that keeps it members-only, moderation) changes nothing a visitor reads, and must drop nothing a
/// visitor reads either: a visitor watching a named member's cached profile (its <c>Age</c> header, its speed, or the
/// lifetime of the shared read model behind it) was told "this member just wrote on a members-only case". Members see
/// the write at once; opening the case to visitors drops their pages at once.
/// </summary>
public sealed class MembersOnlyCacheOracleTests
{
    /// <summary>The shared read model visitors' /cases is built from (a new object: it was computed again).</summary>
    private static async Task<object> VisitorsListAsync(CommunityAppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BrowseQueries>().ListAsync(CaseFilter.Newest, signedIn: false);
    }

    private static async Task<object> MembersListAsync(CommunityAppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BrowseQueries>().ListAsync(CaseFilter.Newest, signedIn: true);
    }

    [Fact]
    public async Task Writes_on_a_members_only_case_leave_every_page_visitors_read_alone_and_opening_or_closing_it_drops_them()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().Named("Mia Réservée").WithPublishedCases(3));
        var reader = await app.Seed(A.Member().Named("Lou Lectrice").WithPublishedCases(3));
        var moderator = await app.Seed(A.Member().Named("Modératrice Réservée").WithRole(Roles.Moderator));
        var membersOnly = await app.Seed(A.Case().By(author).Titled("Un cas réservé aux membres, discuté en silence")
            .Tagged("framework-vs-culture").Tagged(TagKind.DriftType, "apparent-alignment").Visible(CaseVisibility.MembersOnly));
        var open = await app.Seed(A.Case().By(author).Titled("Un cas public de la même autrice").Tagged("framework-vs-culture"));
        var membersUrl = await app.CaseUrlAsync(membersOnly.Id);
        var visitorPages = new[]
        {
            "/members/" + Uri.EscapeDataString("Mia Réservée"), "/cases", "/", "/tensions/framework-vs-culture",
            await app.CaseUrlAsync(open.Id), "/feeds/cases.atom",
        };
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        foreach (var page in visitorPages)
        {
            await visitor.GetAsync(page);
            Assert.True(await visitor.FromPageCacheAsync(page), $"{page}: not cached to begin with");
        }
        var visitorsList = await VisitorsListAsync(app);
        var authorClient = await app.SignedInAs(author);
        var readerClient = await app.SignedInAs(reader);

        async Task NothingMovedForVisitorsAsync(string write)
        {
            foreach (var page in visitorPages) Assert.True(await visitor.FromPageCacheAsync(page), $"{page} was dropped by {write}");
            Assert.Same(visitorsList, await VisitorsListAsync(app));
        }

        // A reply by its named author: members read it at once.
        var membersListBefore = await MembersListAsync(app);
        var replyId = await app.ReplyOnPageAsync(authorClient, membersOnly.Id, "Une réponse que seuls les membres lisent.");
        await NothingMovedForVisitorsAsync("a reply");
        Assert.Contains("Une réponse que seuls les membres lisent.", await readerClient.Http.GetStringAsync(await app.CaseUrlAsync(membersOnly.Id)));
        Assert.NotSame(membersListBefore, await MembersListAsync(app));

        // A resonance.
        Assert.Equal(HttpStatusCode.Redirect, (await readerClient.PostWithTokenAsync(membersUrl,
            $"/cases/{membersOnly.Id}/reactions?handler=Resonate&on=true", new Dictionary<string, string>())).StatusCode);
        await NothingMovedForVisitorsAsync("a resonance");

        // A follow-up by the author.
        Assert.Equal(HttpStatusCode.Redirect, (await authorClient.SubmitAsync($"/cases/{membersOnly.Id}/follow-ups", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(FollowUpStatus.Corrected), ["Input.Body"] = "Une suite réservée aux membres.",
        }, "main form.stacked")).StatusCode);
        await NothingMovedForVisitorsAsync("a follow-up");
        Assert.Contains("Une suite réservée aux membres.", await readerClient.Http.GetStringAsync(await app.CaseUrlAsync(membersOnly.Id)));

        // An edit that keeps it members-only, until a date still to come (the members-only period moves, closed either way).
        var until = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        await authorClient.EditOnPageAsync(membersOnly.Id, ("Input.Title", "Un cas réservé aux membres, titre revu"),
            ("Input.Visibility", nameof(CaseVisibility.MembersOnly)), ("Input.MembersOnlyUntil", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        await NothingMovedForVisitorsAsync("an edit");
        Assert.Contains("titre revu", await readerClient.Http.GetStringAsync(await app.CaseUrlAsync(membersOnly.Id)));

        // Moderation: the reply hidden, then the case.
        await ModerateAsync(app, moderator, "Hide", "Reply", replyId, await app.Query(db => db.Set<Reply>().Where(r => r.Id == replyId).Select(r => r.Version).SingleAsync()));
        await NothingMovedForVisitorsAsync("a reply hidden");
        await ModerateAsync(app, moderator, "Hide", "Case", membersOnly.Id, await app.Query(db => db.Set<Case>().Where(c => c.Id == membersOnly.Id).Select(c => c.Version).SingleAsync()));
        await NothingMovedForVisitorsAsync("the case hidden");
        await ModerateAsync(app, moderator, "Unhide", "Case", membersOnly.Id, await app.Query(db => db.Set<Case>().Where(c => c.Id == membersOnly.Id).Select(c => c.Version).SingleAsync()));
        await NothingMovedForVisitorsAsync("the case shown again");

        // Opened to visitors (the members-only switch): their pages drop at once and show it.
        await authorClient.EditOnPageAsync(membersOnly.Id, ("Input.Title", "Un cas réservé aux membres, titre revu"), ("Input.Visibility", nameof(CaseVisibility.Public)));
        var profile = visitorPages[0];
        Assert.False(await visitor.FromPageCacheAsync(profile), "opening the case left the profile cached");
        Assert.Contains("titre revu", await visitor.GetStringAsync(profile));
        Assert.Contains("titre revu", await visitor.GetStringAsync("/cases"));
        Assert.NotSame(visitorsList, await VisitorsListAsync(app));

        // Closed again: gone from their pages at once.
        Assert.True(await visitor.FromPageCacheAsync(profile));
        await authorClient.EditOnPageAsync(membersOnly.Id, ("Input.Title", "Un cas réservé aux membres, titre revu"), ("Input.Visibility", nameof(CaseVisibility.MembersOnly)));
        Assert.False(await visitor.FromPageCacheAsync(profile), "closing the case left the profile cached");
        Assert.DoesNotContain("titre revu", await visitor.GetStringAsync(profile));
        Assert.DoesNotContain("titre revu", await visitor.GetStringAsync("/cases"));
    }

    private static async Task ModerateAsync(CommunityAppFactory app, Member moderator, string handler, string kind, int id, int version)
    {
        var response = await (await app.SignedInAs(moderator)).PostWithTokenAsync("/moderation", $"/moderation?handler={handler}", new Dictionary<string, string>
        {
            ["Input.Kind"] = kind, ["Input.Id"] = id.ToString(CultureInfo.InvariantCulture), ["Input.Version"] = version.ToString(CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
