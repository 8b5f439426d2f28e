using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>
/// Search knows the site's vocabulary and the cases' context, on the demo content (both providers: the filters run
/// on the live tables, the tag suggestions on the cached taxonomy).
/// </summary>
public sealed class VocabularySearchTests(DemoContentFactory factory) : IClassFixture<DemoContentFactory>
{
    [Theory]
    [InlineData("alignement", "/drifts/apparent-alignment", "Voir la dérive «\u00a0Alignement apparent\u00a0»")]
    [InlineData("pilotage sans régulation", "/drifts/steering-without-regulation", "Voir la dérive «\u00a0Pilotage sans régulation\u00a0»")]
    [InlineData("centralisation", "/tensions/centralisation-vs-autonomy", "Voir la tension «\u00a0Centralisation vs autonomie\u00a0»")]
    public async Task A_word_of_our_vocabulary_suggests_its_tag_page_above_the_results(string q, string href, string text)
    {
        var page = await factory.CreateFormClient().GetDocumentAsync("/search?q=" + Uri.EscapeDataString(q));
        var first = page.QuerySelector(".search-suggestions li a")!;
        Assert.Equal(href, first.GetAttribute("href"));
        Assert.Equal(text, first.TextContent);
    }

    [Theory]
    [InlineData("sector=industry", new[] { "industriel-kpi-renommes" })]
    [InlineData("tension=framework-vs-culture", new[] { "agence-publique-tableau-vert", "industriel-kpi-renommes", "banque-programme-agile", "insurer-okr-champions" })]
    [InlineData("stage=startup", new[] { "fintech-neuf-objectifs" })]
    [InlineData("role=humanresources", new[] { "agence-publique-tableau-vert", "edtech-incidents-recurrents", "insurer-okr-champions" })]
    [InlineData("size=over5000", new[] { "industriel-kpi-renommes", "banque-programme-agile" })]
    [InlineData("from=2026-01-01", new[] { "banque-programme-agile" })]
    [InlineData("to=2025-07-31", new[] { "scale-up-80-okr-relance", "agence-publique-tableau-vert" })]
    public async Task Each_filter_narrows_the_results_to_the_matching_cases(string filter, string[] demoIds)
    {
        var client = factory.CreateFormClient();
        Assert.True((await CaseIdsAsync(client, "/search?q=OKR")).Count > demoIds.Length);
        var expected = await IdsOfAsync(demoIds);
        Assert.Equal(expected.Order(), (await CaseIdsAsync(client, "/search?q=OKR&" + filter)).Distinct().Order());
    }

    [Theory]
    [InlineData("OKR secteur:industrie", "/search?q=OKR&sector=industry")]
    [InlineData("tension:cadre OKR", "/search?q=OKR&tension=framework-vs-culture")]
    [InlineData("OKR taille:51-200 depuis:2025-12-01", "/search?q=OKR&size=from51to200&from=2025-12-01")]
    [InlineData("OKR role:coach stade:scale", "/search?q=OKR&stage=scaleup&role=coach")]
    public async Task Operators_in_the_query_become_filters_in_the_url(string q, string location)
    {
        var response = await factory.CreateFormClient().Http.GetAsync("/search?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_operator_narrows_like_its_filter_and_the_form_shows_it()
    {
        var client = factory.CreateFormClient();
        var redirect = await client.Http.GetAsync("/search?q=" + Uri.EscapeDataString("OKR secteur:industrie"));
        var page = await client.GetDocumentAsync(redirect.Headers.Location!.OriginalString);
        Assert.Equal("industry", page.QuerySelector("#search-sector option[selected]")!.GetAttribute("value"));
        Assert.Equal("OKR", page.QuerySelector("#search-q")!.GetAttribute("value"));
        Assert.Equal(await IdsOfAsync(["industriel-kpi-renommes"]), CaseIds(page).Distinct().ToList());
    }

    private Task<List<int>> IdsOfAsync(string[] demoIds) =>
        factory.Query(db => db.Set<Case>().Where(c => demoIds.Contains(c.DemoId!)).Select(c => c.Id).ToListAsync());

    private static async Task<List<int>> CaseIdsAsync(FormClient client, string url) => CaseIds(await client.GetDocumentAsync(url));

    private static List<int> CaseIds(AngleSharp.Html.Dom.IHtmlDocument page) => SearchPages.Links(page)
        .Select(l => int.Parse(l.Split('/', StringSplitOptions.RemoveEmptyEntries)[1])).ToList();
}
