using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>Pages that orient a reader: a matrix cell names its tags, a tag can be followed, a case groups its tags.</summary>
public sealed class OrientationTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private const string Symptom = "green-dashboards";   // not in content/taxonomy: made with the case that uses it

    private bool _cachingOn = Switch(factory);

    private static bool Switch(MembersAppFactory factory)
    {
        factory.With("Caching:Enabled", "true");
        return true;
    }

    [Fact]
    public async Task A_matrix_cell_names_both_tags_with_their_definitions_and_count_and_offers_any_or_all()
    {
        Assert.True(_cachingOn);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await factory.Seed(A.Member().Named("Auteur Cellule").JoinedAt(now));
        await factory.Seed(A.Case().By(author).Titled("Cellule un").PublishedAt(now.AddHours(-3)).Tagged("invisible-trade-offs", "delivery-vs-scalability"));
        await factory.Seed(A.Case().By(author).Titled("Cellule deux").PublishedAt(now.AddHours(-2))
            .Tagged("invisible-trade-offs", "delivery-vs-scalability", "framework-vs-culture"));
        await factory.Seed(A.Case().By(author).Titled("Hors cellule").PublishedAt(now.AddHours(-1)).Tagged("invisible-trade-offs", "framework-vs-culture"));
        var client = factory.CreateFormClient();

        var cell = await client.GetDocumentAsync("/cases?drift=invisible-trade-offs&tension=delivery-vs-scalability");
        Assert.Equal("Arbitrages invisibles × Livraison vs scalabilité", cell.QuerySelector("h1")!.TextContent);
        Assert.Equal("2 cas", cell.QuerySelector(".cell-count")!.TextContent);
        Assert.Equal(["/drifts/invisible-trade-offs", "/tensions/delivery-vs-scalability"],
            cell.QuerySelectorAll(".cell-definitions dt a").Select(a => a.GetAttribute("href")));
        Assert.Equal(2, cell.QuerySelectorAll(".cell-definitions dd").Count(dd => dd.TextContent.Length > 20));
        Assert.Contains("un type de dérive coché et une tension cochée", cell.QuerySelector(".cell-combine")!.TextContent);
        Assert.Equal(["Cellule deux", "Cellule un"], Titles(cell));

        var any = await client.GetDocumentAsync("/cases?tension=delivery-vs-scalability&tension=framework-vs-culture");
        Assert.Equal("Livraison vs scalabilité ou Cadre vs culture", any.QuerySelector("h1")!.TextContent);
        Assert.Equal(3, Titles(any).Count);
        var toAll = any.QuerySelector(".cell-combine a")!.GetAttribute("href")!;
        Assert.Contains("match=all", toAll);
        var all = await client.GetDocumentAsync(toAll);
        Assert.Equal("Livraison vs scalabilité et Cadre vs culture", all.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Cellule deux"], Titles(all));
        Assert.Equal("1 cas", all.QuerySelector(".cell-count")!.TextContent);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)all.QuerySelector("input[name=match][value=all]")!).IsChecked);
    }

    [Fact]
    public async Task A_member_follows_a_tension_from_its_page_into_the_digest_and_stops_following()
    {
        var anonymous = await factory.CreateFormClient().GetDocumentAsync("/tensions/framework-vs-culture");
        Assert.Null(anonymous.QuerySelector("form[method=post] button"));
        Assert.StartsWith("/account/login", anonymous.QuerySelector(".tag-actions a.button")!.GetAttribute("href"));
        Assert.Equal("/feeds/tensions/framework-vs-culture.atom", anonymous.QuerySelector(".tag-actions a.feed-link")!.GetAttribute("href"));

        var member = await factory.Seed(A.Member().Named("Suiveuse De Tension"));
        var client = await factory.SignedInAs(member);
        var follow = await client.SubmitAsync("/tensions/framework-vs-culture", new Dictionary<string, string>(), ".tag-actions form");
        Assert.Equal(HttpStatusCode.Redirect, follow.StatusCode);
        var (frequency, tags) = await FollowedAsync(member.Id);
        Assert.Equal(DigestFrequency.Weekly, frequency);
        Assert.Equal(["framework-vs-culture"], tags);
        var page = await client.GetDocumentAsync("/tensions/framework-vs-culture");
        Assert.Contains("Vous suivez", page.QuerySelector(".notice, [role=status]")?.TextContent ?? page.Body!.TextContent);
        Assert.Equal("Ne plus suivre", page.QuerySelector(".tag-actions form button")!.TextContent.Trim());

        await client.SubmitAsync("/tensions/framework-vs-culture", new Dictionary<string, string>(), ".tag-actions form");
        Assert.Empty((await FollowedAsync(member.Id)).Tags);

        var noToken = await client.Http.PostAsync("/tensions/framework-vs-culture?handler=Follow",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["follow"] = "true" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Empty((await FollowedAsync(member.Id)).Tags);
    }

    [Fact]
    public async Task The_case_page_groups_its_tags_by_kind_and_links_symptoms_and_safeguards_to_the_vocabulary()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await factory.Seed(A.Member().Named("Auteur Groupes").JoinedAt(now));
        var @case = await factory.Seed(A.Case().By(author).Titled("Cas aux étiquettes groupées").PublishedAt(now)
            .Tagged("apparent-alignment", "ambition-vs-execution", "test-arbitrations-first").Tagged(TagKind.Symptom, Symptom));
        var (id, slug) = (@case.Id, @case.Slug);

        var page = await factory.CreateFormClient().GetDocumentAsync(CaseUrls.Read(id, slug));
        var groups = page.QuerySelectorAll(".grouped-tags > div").Select(g => (
            g.QuerySelector("dt")!.TextContent, g.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList())).ToList();
        Assert.Equal(["Types de dérive", "Tensions", "Symptômes", "Garde-fous"], groups.Select(g => g.TextContent));
        Assert.Equal(["/drifts/apparent-alignment"], groups[0].Item2);
        Assert.Equal([$"/tags#{Symptom}"], groups[2].Item2);
        Assert.Equal(["/tags#test-arbitrations-first"], groups[3].Item2);
    }

    private Task<(DigestFrequency Frequency, List<string> Tags)> FollowedAsync(string memberId) => factory.Query(async db =>
    {
        var preference = await db.Set<DigestPreference>().AsNoTracking().SingleAsync(p => p.MemberId == memberId);
        var tags = await db.Set<DigestFollowedTag>().Where(t => t.MemberId == memberId)
            .Join(db.Set<Tag>(), f => f.TagId, t => t.Id, (_, t) => t.Slug).ToListAsync();
        return (preference.Frequency, tags);
    });
}
