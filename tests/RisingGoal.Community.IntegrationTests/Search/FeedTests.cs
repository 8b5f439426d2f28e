using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Search;

public sealed class FeedTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    internal static async Task<(int Public, int Pseudonymous, int Members, int Pending)> SeedAsync(CommunityAppFactory factory)
    {
        var Now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await factory.Seed(A.Member().Named("Auteur Visible").JoinedAt(Now));
        var secret = await factory.Seed(A.Member().Named("Compte Secret").JoinedAt(Now));
        var pub = (await factory.Seed(A.Case().By(author).Titled("Cas public").Summarised("Résumé public.").Saying("Corps.").PublishedAt(Now.AddHours(-4)).Tagged("ambition-vs-execution"))).Id;
        var pseudo = (await factory.Seed(A.Case().By(secret).Titled("Cas sous pseudonyme").Summarised("Résumé pseudo.").Saying("Corps.").PublishedAt(Now.AddHours(-3)).Tagged("framework-vs-culture").UnderPseudonym("Renard"))).Id;
        var members = (await factory.Seed(A.Case().By(author).Titled("Cas réservé").Summarised("Résumé réservé.").Saying("Corps.").PublishedAt(Now.AddHours(-2)).Tagged("ambition-vs-execution").Visible(CaseVisibility.MembersOnly))).Id;
        var pending = (await factory.Seed(A.Case().By(author).Titled("Cas en attente").Summarised("Résumé attente.").Saying("Corps.").PublishedAt(Now.AddHours(-1)).Tagged("ambition-vs-execution"))).Id;
        await factory.ChangeCase(pending, c => c.HoldForReview());
        return (pub, pseudo, members, pending);
    }

    private static async Task<(SyndicationFeed Feed, HttpResponseMessage Response)> LoadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return (SyndicationFeed.Load(reader), response);
    }

    [Fact]
    public async Task Feeds_are_atom_with_public_published_cases_under_their_pseudonym_and_answer_304()
    {
        var (pub, pseudo, _, _) = await SeedAsync(factory);
        var client = factory.CreateClient();

        var (all, response) = await LoadAsync(client, "/feeds/cases.atom");
        Assert.Equal(["Cas sous pseudonyme", "Cas public"], all.Items.Select(i => i.Title.Text).ToList());
        var pseudoItem = all.Items.First();
        Assert.Equal("Renard", pseudoItem.Authors.Single().Name);
        Assert.Equal($"http://localhost/cases/{pseudo}/cas-sous-pseudonyme", pseudoItem.Links.Single().Uri.ToString());
        Assert.Equal("Résumé pseudo.", pseudoItem.Summary.Text);
        Assert.Equal("Auteur Visible", all.Items.Last().Authors.Single().Name);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Compte Secret", xml);
        Assert.DoesNotContain("réservé", xml);
        Assert.DoesNotContain("attente", xml);

        var (tension, _) = await LoadAsync(client, "/feeds/tensions/ambition-vs-execution.atom");
        Assert.Equal([$"http://localhost/cases/{pub}/cas-public"], tension.Items.Select(i => i.Links.Single().Uri.ToString()).ToList());
        var (drift, _) = await LoadAsync(client, "/feeds/drifts/apparent-alignment.atom");
        Assert.Empty(drift.Items);

        var etag = response.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/feeds/cases.atom");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
        Assert.Null(response.Content.Headers.LastModified);   // the hash only: a date from the entries misses a removal (FeedRevalidationTests)
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/feeds/cases.atom");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"old\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/tensions/no-such-tension.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/drifts/ambition-vs-execution.atom")).StatusCode);
    }

}

public sealed class SitemapTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Sitemap_lists_public_cases_and_tag_pages_and_robots_disallows_private_areas()
    {
        var (pub, _, members, pending) = await FeedTests.SeedAsync(factory);
        var client = factory.CreateClient();

        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locs = sitemap.Descendants(ns + "loc").Select(l => l.Value).ToList();
        Assert.Contains("http://localhost/", locs);
        Assert.Contains("http://localhost/tensions/ambition-vs-execution", locs);
        Assert.Contains("http://localhost/pages/about", locs);
        Assert.Contains($"http://localhost/cases/{pub}/cas-public", locs);
        Assert.DoesNotContain(locs, l => l.Contains($"/cases/{members}/") || l.Contains($"/cases/{pending}/"));
        Assert.NotNull(sitemap.Descendants(ns + "url").Single(u => u.Element(ns + "loc")!.Value.EndsWith("/cas-public")).Element(ns + "lastmod"));

        var robots = await client.GetStringAsync("/robots.txt");
        foreach (var path in new[] { "/moderation", "/account", "/admin", "/search", "/flag" })
            Assert.Contains($"Disallow: {path}\n", robots);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
    }

    [Fact]
    public async Task Tag_and_list_pages_advertise_their_feeds_with_canonical_and_open_graph()
    {
        var client = factory.CreateFormClient("fr").Http;

        var tag = await GetAsync(client, "/tensions/ambition-vs-execution?sort=new");
        var feeds = tag.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']").Select(l => l.GetAttribute("href")).ToList();
        Assert.Equal(["/feeds/tensions/ambition-vs-execution.atom", "/feeds/cases.atom"], feeds);
        Assert.Equal("http://localhost/tensions/ambition-vs-execution", tag.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("website", tag.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.False(string.IsNullOrWhiteSpace(tag.QuerySelector("meta[property='og:description']")!.GetAttribute("content")));
        Assert.NotNull(tag.QuerySelector("meta[name=description]"));

        foreach (var url in new[] { "/", "/cases" })
            Assert.NotNull((await GetAsync(client, url)).QuerySelector("link[rel=alternate][href='/feeds/cases.atom']"));
    }
}
