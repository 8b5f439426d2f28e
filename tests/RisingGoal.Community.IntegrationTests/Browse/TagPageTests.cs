using System.Net;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

public sealed class TagPageTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private const string Symptom = "green-dashboards";

    /// <summary>A symptom beside the imported taxonomy (drifts and tensions come from content/taxonomy), on a case of its own.</summary>
    private Task SymptomAsync() => factory.Seed(A.Case().Titled("Des tableaux de bord tout verts").Tagged(TagKind.Symptom, Symptom));

    [Fact]
    public async Task Tension_and_drift_pages_show_the_localised_tag_its_cases_and_its_crossings()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await SymptomAsync();
        var author = await factory.Seed(A.Member().Named("Étiqueteur").JoinedAt(now));
        await factory.Seed(A.Case().By(author).Titled("Ambition mal tenue").PublishedAt(now.AddHours(-2)).Tagged("ambition-vs-execution", "apparent-alignment"));
        await factory.Seed(A.Case().By(author).Titled("Autre tension").PublishedAt(now.AddHours(-1)).Tagged("framework-vs-culture", "apparent-alignment"));
        var client = factory.CreateFormClient("fr").Http;

        var tension = await GetAsync(client, "/tensions/ambition-vs-execution");
        Assert.Equal("Ambition vs exécution", tension.QuerySelector("h1")!.TextContent.Trim());   // imported from content/taxonomy
        Assert.Contains("Une vision forte est affichée", tension.Body!.TextContent);
        Assert.Equal(["Ambition mal tenue"], Titles(tension));
        var crossing = tension.QuerySelector("a[href='/cases?drift=apparent-alignment&tension=ambition-vs-execution']")!;
        Assert.Contains("(1)", crossing.ParentElement!.TextContent);
        Assert.Equal(3, tension.QuerySelectorAll(".crossings li").Length);

        var drift = await GetAsync(client, "/drifts/apparent-alignment");
        Assert.Equal(["Autre tension", "Ambition mal tenue"], Titles(drift));
        Assert.Equal(4, drift.QuerySelectorAll(".crossings li").Length);

        var english = factory.CreateFormClient("en").Http;
        Assert.Equal("Ambition vs execution", (await GetAsync(english, "/tensions/ambition-vs-execution")).QuerySelector("h1")!.TextContent.Trim());

        var index = await GetAsync(client, "/tags");
        Assert.NotNull(index.QuerySelector($"dt#{Symptom}"));
        Assert.NotNull(index.QuerySelector("a[href='/drifts/steering-without-regulation']"));
    }

    [Theory]
    [InlineData("/tensions/no-such-tension")]
    [InlineData("/drifts/no-such-drift")]
    [InlineData("/tensions/apparent-alignment")]
    [InlineData("/drifts/ambition-vs-execution")]
    [InlineData("/drifts/green-dashboards")]
    [InlineData("/members/nobody-here")]
    public async Task Unknown_or_wrong_kind_answers_the_404_page(string url)
    {
        await SymptomAsync();
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", await response.Content.ReadAsStringAsync());
    }
}
