using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// Search with filters and operators, tag pages with their counts, <c>match=all</c>, follow buttons and the tag feeds:
/// no filter, count or feed brings back a pending, hidden, rejected or (for a visitor) members-only case, nor the
/// account behind a pseudonym; a removal is gone from every cached count at once.
/// </summary>
public sealed class SearchAndTagSurfaceTests
{
    private sealed record World(DigestAppFactory App, Member Author, int Tension, int Drift, int Public, int MembersOnly);

    /// <summary>One case in each state, all with the same word, context, dates and tags: only the state tells them apart.</summary>
    private static async Task<World> WorldAsync(DigestAppFactory app)
    {
        var author = await app.Seed(A.Member().WithUserName("bertrand").Named("Bertrand Secret"));
        var tension = (await app.Seed(A.Tag().Slugged("tension-boussole"))).Id;
        var drift = (await app.Seed(A.Tag().Slugged("derive-boussole").OfKind(TagKind.DriftType))).Id;
        int[] tags = [tension, drift];
        var open = (await app.Seed(A.Case().By(author).Titled("Boussole publique").Saying("La boussole du comité.").UnderPseudonym("Plume Grise").Tagged(tags))).Id;
        var members = (await app.Seed(A.Case().By(author).Titled("Boussole réservée").Saying("La boussole du comité.").UnderPseudonym("Plume Grise").Visible(CaseVisibility.MembersOnly).Tagged(tags))).Id;
        await app.Seed(A.Case().By(author).Titled("Boussole en attente").Saying("La boussole du comité.").UnderPseudonym("Plume Grise").Tagged(tags).Pending());
        await app.Seed(A.Case().By(author).Titled("Boussole masquée").Saying("La boussole du comité.").UnderPseudonym("Plume Grise").Tagged(tags).With(c => c.Hide(app.Clock.GetUtcNow().UtcDateTime)));
        await app.Seed(A.Case().By(author).Titled("Boussole refusée").Saying("La boussole du comité.").UnderPseudonym("Plume Grise").Tagged(tags).With(c => { c.HoldForReview(); c.Reject(app.Clock.GetUtcNow().UtcDateTime); }));
        return new World(app, author, tension, drift, open, members);
    }

    private static List<string> Titles(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(a => string.Join(' ', a.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();

    [Fact]
    public async Task Search_filters_and_operators_never_bring_back_a_case_the_reader_may_not_see()
    {
        await using var app = NewSurfaceWorld.App();
        var world = await WorldAsync(app);
        var day = app.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var filtered = $"/search?q=boussole&size=from51to200&sector=software&stage=scaleup&role=coach&from={day}&to={day}";
        var (visitor, member) = (app.CreateFormClient(), await app.SignedInAs(await app.Seed(A.Member().Called("lectrice"))));

        foreach (var url in new[] { "/search?q=boussole", filtered, "/search?q=boussole&tension=tension-boussole&drift=derive-boussole" })
        {
            var seen = await visitor.GetDocumentAsync(url);
            Assert.Equal(["Boussole publique"], Titles(seen, "ol.search-hits h3 a"));
            Assert.Equal("1 résultat", seen.QuerySelector("#results-title")!.TextContent.Trim());
            seen.Source().CarriesNothingOf(world.Author);
            var signedIn = await member.GetDocumentAsync(url);
            Assert.Equal(["Boussole publique", "Boussole réservée"], Titles(signedIn, "ol.search-hits h3 a").Order());
            signedIn.Source().CarriesNothingOf(world.Author);
            Assert.DoesNotContain("en attente", signedIn.QuerySelector("main")!.TextContent);
        }

        // Operators typed in the words become the same filters (one redirect), with the same answer.
        var typed = await visitor.Http.GetAsync($"/search?q={Uri.EscapeDataString($"boussole secteur:logiciel taille:51-200 depuis:{day}")}");
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        var answer = await visitor.GetDocumentAsync(typed.Headers.Location!.ToString());
        Assert.Equal(["Boussole publique"], Titles(answer, "ol.search-hits h3 a"));
    }

    [Fact]
    public async Task Tag_pages_their_counts_match_all_and_the_tag_feeds_show_only_what_the_reader_may_see_and_forget_a_hidden_case_at_once()
    {
        await using var app = NewSurfaceWorld.App();
        var world = await WorldAsync(app);
        var (visitor, member) = (app.CreateFormClient(), await app.SignedInAs(await app.Seed(A.Member().Called("lectrice"))));
        const string cell = "/cases?drift=derive-boussole&tension=tension-boussole&match=all";

        async Task ExpectAsync(FormClient client, string[] titles)
        {
            foreach (var url in new[] { "/tensions/tension-boussole", "/drifts/derive-boussole", cell })
            {
                var page = await client.GetDocumentAsync(url);
                Assert.Equal(titles.Order(), Titles(page, "li.case-row h3 a").Order());
                page.Source().CarriesNothingOf(world.Author);
            }
            var crossing = (await client.GetDocumentAsync("/tensions/tension-boussole")).QuerySelectorAll("ul.crossings li")
                .Single(li => li.TextContent.Contains("derive-boussole"));
            Assert.Equal($"({titles.Length})", crossing.QuerySelector(".meta")!.TextContent.Trim());
            var count = (await client.GetDocumentAsync(cell)).QuerySelector("#cell-count")!.TextContent.Trim();
            Assert.Equal($"{titles.Length} cas", count);
        }

        await ExpectAsync(visitor, ["Boussole publique"]);
        await ExpectAsync(member, ["Boussole publique", "Boussole réservée"]);
        foreach (var feedUrl in new[] { "/feeds/tensions/tension-boussole.atom", "/feeds/drifts/derive-boussole.atom", "/feeds/cases.atom" })
        {
            foreach (var client in new[] { visitor, member })
            {
                var xml = await client.Http.GetStringAsync(feedUrl);
                var entries = XDocument.Parse(xml).Descendants(XName.Get("entry", "http://www.w3.org/2005/Atom")).ToList();
                Assert.Equal(["Boussole publique"], entries.Select(e => e.Element(XName.Get("title", "http://www.w3.org/2005/Atom"))!.Value));
                Assert.Contains("Plume Grise", xml);
                xml.CarriesNothingOf(world.Author);
            }
        }

        await app.ChangeCase(world.Public, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime));
        await app.ChangeCase(world.MembersOnly, c => c.HoldForReview());
        await ExpectAsync(visitor, []);
        await ExpectAsync(member, []);
        Assert.DoesNotContain("Boussole", await visitor.Http.GetStringAsync("/feeds/tensions/tension-boussole.atom"));
    }

    [Fact]
    public async Task Following_a_tag_needs_a_signed_in_member_who_is_not_suspended_and_the_antiforgery_token()
    {
        await using var app = NewSurfaceWorld.App();
        await app.Seed(A.Tag().Slugged("tension-suivie"));
        var member = await app.Seed(A.Member().Called("membre"));
        Task<int> FollowsAsync() => app.Query(db => db.Set<DigestFollowedTag>().CountAsync(f => f.MemberId == member.Id));

        var visitor = await app.CreateFormClient().Http.PostAsync("/tensions/tension-suivie?handler=Follow",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["follow"] = "true" }));
        Assert.NotEqual(HttpStatusCode.OK, visitor.StatusCode);
        var client = await app.SignedInAs(member);
        var forged = await client.Http.PostAsync("/tensions/tension-suivie?handler=Follow",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["follow"] = "true" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await FollowsAsync());

        await app.SuspendAsync(member);
        await client.SubmitAsync("/tensions/tension-suivie", new Dictionary<string, string>(), "form:has(input[name=follow])");
        Assert.Equal(0, await FollowsAsync());
    }

    [Fact]
    public async Task Following_and_unfollowing_a_tag_is_rate_limited_like_the_other_marks()
    {
        await using var app = NewSurfaceWorld.App();
        app.With("RateLimits:resonate", "2");
        await app.Seed(A.Tag().Slugged("tension-suivie"));
        var client = await app.SignedInAs(await app.Seed(A.Member().Called("membre")));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            answers.Add((await client.SubmitAsync("/tensions/tension-suivie", new Dictionary<string, string>(), "form:has(input[name=follow])")).StatusCode);
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers);
    }
}
