using AngleSharp.Html.Dom;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>
/// What Lighthouse's SEO and best-practices audits read in the head of the key pages (tools/quality/run measures
/// them; this keeps them from regressing between runs): pages meant for search engines have a description and a
/// canonical link and no noindex; search, sign-in, the composer and moderation say noindex; every page names an icon
/// that exists (without one, browsers ask for /favicon.ico and log a 404).
/// </summary>
public sealed class SearchEngineHeadTests : IClassFixture<MembersAppFactory>
{
    private readonly MembersAppFactory _factory;

    public SearchEngineHeadTests(MembersAppFactory factory) =>
        _factory = (MembersAppFactory)factory.With("Community:DemoContent", "true").With("Caching:Enabled", "true");

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task Indexable_pages_have_a_description_a_canonical_link_an_icon_and_no_noindex(string language)
    {
        var client = _factory.CreateFormClient(language);
        var cases = await client.GetDocumentAsync("/cases");
        var casePath = cases.QuerySelector(".case-row h3 a")!.GetAttribute("href")!;

        foreach (var path in new[] { "/", "/cases", "/tensions/ambition-vs-execution", casePath, "/tags", "/pages/about" })
        {
            var page = path == "/cases" ? cases : await client.GetDocumentAsync(path);
            var description = Assert.Single(page.QuerySelectorAll("meta[name=description]"));
            Assert.False(string.IsNullOrWhiteSpace(description.GetAttribute("content")), $"{path}: empty description");
            Assert.Equal("http://localhost" + path, Assert.Single(page.QuerySelectorAll("link[rel=canonical]")).GetAttribute("href"));
            Assert.True(page.QuerySelector("meta[name=robots]") is null, $"{path} says noindex");
            await AssertIconAsync(client, page, path);
        }
    }

    [Fact]
    public async Task Search_sign_in_the_composer_and_moderation_say_noindex_once()
    {
        var visitor = _factory.CreateFormClient();
        var member = await _factory.SignedInAs(await _factory.Seed(A.Member().Named("Membre Discret")));
        var moderator = await _factory.SignedInAs(await _factory.Seed(A.Member().Named("Modo Discret").WithRole(Roles.Moderator)));

        foreach (var (client, path) in new[] { (visitor, "/search?q=okr"), (visitor, "/account/login"), (visitor, "/account/register"), (member, "/cases/new"), (moderator, "/moderation") })
        {
            var page = await client.GetDocumentAsync(path);
            Assert.Equal("noindex", Assert.Single(page.QuerySelectorAll("meta[name=robots]")).GetAttribute("content"));
            await AssertIconAsync(client, page, path);
        }
        var robots = await visitor.Http.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /cases/new\n", robots);
    }

    private static async Task AssertIconAsync(FormClient client, IHtmlDocument page, string path)
    {
        var href = page.QuerySelector("link[rel=icon]")?.GetAttribute("href");
        Assert.True(href is not null, $"{path}: no icon link");
        var icon = await client.Http.GetAsync(href);
        Assert.True(icon.IsSuccessStatusCode, $"{path}: icon {href} answered {(int)icon.StatusCode}");
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }
}
