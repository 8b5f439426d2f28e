using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Content;

public sealed class ContentPagesTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string url, string language)
    {
        var response = await factory.CreateFormClient(language).Http.GetAsync(url);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static string H1(string html) => Regex.Match(html, "<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task About_is_in_french_by_default_with_title_and_description()
    {
        var (status, html) = await GetAsync("/pages/about", "fr");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("À propos de Rising Goal Community", H1(html));
        Assert.Single(Regex.Matches(html, "<h1[ >]"));
        Assert.Contains("<title>À propos de Rising Goal Community · Rising Goal Community</title>", html);
        Assert.Matches("<meta name=\"description\" content=\"Un espace où les praticiens", html);
        Assert.Contains("<h2>Pourquoi cette communauté</h2>", html);
        Assert.Contains("<a href=\"/pages/guidelines\" rel=\"nofollow ugc noopener\">charte de la communauté</a>", html);
    }

    [Fact]
    public async Task About_is_in_english_for_english_readers()
    {
        var (status, html) = await GetAsync("/pages/about", "en");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Equal("About Rising Goal Community", H1(html));
        Assert.Matches("<meta name=\"description\" content=\"A place where organisation practitioners", html);
        Assert.Contains("<h2>Why this community exists</h2>", html);
    }

    [Theory]
    [InlineData("/pages/guidelines", "fr", "Charte de la communauté")]
    [InlineData("/pages/guidelines", "en", "Community guidelines")]
    [InlineData("/pages/writing-a-good-case", "fr", "Bien rédiger un cas")]
    [InlineData("/pages/writing-a-good-case", "en", "Writing a good case")]
    [InlineData("/pages/safeguards", "fr", "Les quatre garde-fous")]
    [InlineData("/pages/safeguards", "en", "The four safeguards")]
    public async Task Every_footer_page_exists_in_both_languages(string url, string language, string title)
    {
        var (status, html) = await GetAsync(url, language);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(title, H1(html));
    }

    [Fact]
    public async Task Footer_and_header_link_to_the_content_pages()
    {
        var (_, html) = await GetAsync("/", "fr");
        foreach (var slug in new[] { "about", "guidelines", "writing-a-good-case", "safeguards" })
            Assert.Contains($"href=\"/pages/{slug}\"", html);
    }

    [Theory]
    [InlineData("/pages/no-such-page")]
    [InlineData("/pages/About")]
    [InlineData("/pages/about.fr")]
    [InlineData("/pages/..%2Fappsettings")]
    public async Task Unknown_page_is_the_localised_404(string url)
    {
        var (status, html) = await GetAsync(url, "fr");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Page introuvable", html);
    }

    [Fact]
    public async Task Taxonomy_is_imported_at_start_up()
    {
        _ = factory.CreateClient();   // starts the host, which migrates and imports
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var active = await db.Set<Tag>().AsNoTracking().Active().InDisplayOrder().ToListAsync();

        Assert.Equal(["apparent-alignment", "invisible-trade-offs", "steering-without-regulation"],
            active.Where(t => t.Kind == TagKind.DriftType).Select(t => t.Slug));
        Assert.Equal(["ambition-vs-execution", "centralisation-vs-autonomy", "delivery-vs-scalability", "framework-vs-culture"],
            active.Where(t => t.Kind == TagKind.Tension).Select(t => t.Slug));
        Assert.InRange(active.Count(t => t.Kind == TagKind.Symptom), 6, 8);
        Assert.Equal(4, active.Count(t => t.Kind == TagKind.Safeguard));
        Assert.All(active, t => Assert.False(string.IsNullOrWhiteSpace(t.NameFr + t.NameEn + t.DescriptionFr + t.DescriptionEn)));

        var catalog = factory.Services.GetRequiredService<TaxonomyCatalog>();
        Assert.Equal(3, catalog.DriftTypes.Count);
        Assert.Equal(4, catalog.Tensions.Count);
        Assert.Equal("Alignement apparent", catalog.BySlug("apparent-alignment")?.NameFr);
    }
}
