using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Search;

internal static class SearchPages
{
    public static async Task<IHtmlDocument> SearchAsync(HttpClient client, string query, string? memberId = null) =>
        await GetAsync(client, "/search?q=" + Uri.EscapeDataString(query), memberId);

    public static List<string> Links(IHtmlDocument page) =>
        page.QuerySelectorAll("ol.search-hits li h3 a").Select(a => a.GetAttribute("href")!).ToList();

    public static string Text(IHtmlDocument page) => page.QuerySelector("section.search-results")?.TextContent ?? "";
}

public sealed class SearchTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Accented_and_unaccented_words_find_the_same_case_by_title_summary_body_and_plural()
    {
        await new BrowseData(factory.Services).TaxonomyAsync();
        var author = await new BrowseData(factory.Services).MemberAsync("Chercheuse", Now);
        var data = new SearchData(factory.Services);
        var id = await data.CaseAsync(author, "Exécution sans arbitrage", "Les priorités changent sans décision.",
            "Les arbitrages **budgétaires** reviennent chaque trimestre, et personne ne tranche.", Now.AddHours(-1));
        var client = factory.CreateFormClient("fr").Http;

        foreach (var q in new[] { "exécution", "execution", "EXECUTION", "budgetaires", "budgétaire", "trimestres", "arbitrage", "priorites decision" })
        {
            var page = await SearchPages.SearchAsync(client, q);
            Assert.True(SearchPages.Links(page).Contains($"/cases/{id}/execution-sans-arbitrage"), $"'{q}' did not find the case");
        }

        var marked = await SearchPages.SearchAsync(client, "execution");
        Assert.Equal("Exécution", marked.QuerySelector("ol.search-hits h3 mark")!.TextContent);
        Assert.Contains("1 résultat", marked.QuerySelector("#results-title")!.TextContent);
        var body = await SearchPages.SearchAsync(client, "tranche");
        Assert.Equal("tranche", body.QuerySelector("ol.search-hits .snippet mark")!.TextContent);
        Assert.DoesNotContain("**", body.QuerySelector("ol.search-hits .snippet")!.TextContent);   // plain text, not Markdown

        Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, "inexistantissime")));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced")]
    [InlineData("*")]
    [InlineData("(((")]
    [InlineData("a) OR (b")]
    [InlineData("NOT")]
    [InlineData("AND OR NOT NEAR")]
    [InlineData("NEAR(a b, 3)")]
    [InlineData("title:secret")]
    [InlineData("^start")]
    [InlineData("-")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("'; DROP TABLE Cases; --")]
    [InlineData("   ")]
    public async Task Hostile_queries_answer_a_normal_page(string q)
    {
        var response = await factory.CreateClient().GetAsync("/search?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
    }

    [Fact]
    public async Task Pending_hidden_deleted_redacted_and_members_only_content_never_appears()
    {
        var browse = new BrowseData(factory.Services);
        await browse.TaxonomyAsync();
        var author = await browse.MemberAsync("Discrète", Now);
        var data = new SearchData(factory.Services);
        var pending = await data.CaseAsync(author, "Cas en attente", "Résumé.", "Le mot zanzibar est ici.", Now.AddHours(-5));
        await data.ChangeCaseAsync(pending, (c, _) => c.HoldForReview());
        var hidden = await data.CaseAsync(author, "Cas caché", "Résumé.", "Le mot zanzibar encore.", Now.AddHours(-4));
        await data.ChangeCaseAsync(hidden, (c, _) => c.Hide(Now));
        var deleted = await data.CaseAsync(author, "Cas supprimé", "Résumé.", "Toujours zanzibar.", Now.AddHours(-3));
        await data.ChangeCaseAsync(deleted, (c, _) => c.Delete(Now));
        var members = await data.CaseAsync(author, "Cas réservé", "Résumé.", "Zanzibar réservé aux membres.", Now.AddHours(-2),
            visibility: CaseVisibility.MembersOnly);
        var redacted = await data.CaseAsync(author, "Cas caviardé", "Résumé.", "Le directeur Zanzibar a tranché seul.", Now.AddHours(-1));
        await data.ChangeCaseAsync(redacted, (c, r) => c.Redact("Zanzibar", "[retiré]", r.Render, Now));
        var open = await data.CaseAsync(author, "Cas ouvert", "Résumé.", "Rien de particulier ici.", Now.AddMinutes(-30));
        var hiddenReply = await data.ReplyAsync(open, author, "Réponse zanzibar masquée.", Now);
        await data.ChangeReplyAsync(hiddenReply, r => r.Hide(Now));
        var deletedReply = await data.ReplyAsync(open, author, "Réponse zanzibar supprimée.", Now);
        await data.ChangeReplyAsync(deletedReply, r => r.Delete(Now));
        var visibleReply = await data.ReplyAsync(open, author, "Une réponse visible sur les arbitrages zanzibariens.", Now);

        var anonymous = factory.CreateFormClient("fr").Http;
        var page = await SearchPages.SearchAsync(anonymous, "zanzibar");
        Assert.Equal([$"/cases/{open}/replies/{visibleReply}"], SearchPages.Links(page));   // the permalink: lands on the reply's page
        Assert.DoesNotContain("masquée", SearchPages.Text(page));
        Assert.Contains("caviard", SearchPages.Links(await SearchPages.SearchAsync(anonymous, "retiré")).Single());

        // A signed-in member also sees the members-only case, never the others.
        var signedIn = TestAuthHandler.WithTestAuth(factory).CreateClient();
        var asMember = SearchPages.Links(await SearchPages.SearchAsync(signedIn, "zanzibar", author));
        Assert.Equal(2, asMember.Count);
        Assert.Contains($"/cases/{members}/cas-reserve", asMember);
    }

    [Fact]
    public async Task Filters_by_tension_and_drift_and_pages_of_twenty_with_a_count()
    {
        var browse = new BrowseData(factory.Services);
        await browse.TaxonomyAsync();
        var author = await browse.MemberAsync("Pilote", Now);
        var data = new SearchData(factory.Services);
        for (var i = 0; i < 25; i++)
        {
            string[] tags = i < 3 ? ["delivery-vs-scalability", "invisible-trade-offs"] : i < 5 ? ["delivery-vs-scalability"] : [];
            await data.CaseAsync(author, $"Pilotage numéro {i}", "Résumé.", "Le pilotage par les indicateurs.", Now.AddMinutes(-i), tags);
        }
        var client = factory.CreateFormClient("fr").Http;

        var first = await GetAsync(client, "/search?q=pilotage");
        Assert.Contains("25 résultats", first.QuerySelector("#results-title")!.TextContent);
        Assert.Equal(20, SearchPages.Links(first).Count);
        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        var second = await GetAsync(client, next);
        Assert.Equal(5, SearchPages.Links(second).Count);
        Assert.Empty(SearchPages.Links(first).Intersect(SearchPages.Links(second)));

        Assert.Equal(5, SearchPages.Links(await GetAsync(client, "/search?q=pilotage&tension=delivery-vs-scalability")).Count);
        Assert.Equal(3, SearchPages.Links(await GetAsync(client, "/search?q=pilotage&tension=delivery-vs-scalability&drift=invisible-trade-offs")).Count);
        Assert.Equal(20, SearchPages.Links(await GetAsync(client, "/search?q=pilotage&tension=nope&page=-4")).Count);   // unknown values ignored
    }

    [Fact]
    public async Task Approval_makes_a_held_case_searchable_and_hiding_removes_it_again()
    {
        var browse = new BrowseData(factory.Services);
        await browse.TaxonomyAsync();
        var author = await browse.MemberAsync("Nouvelle", Now);
        var data = new SearchData(factory.Services);
        var id = await data.CaseAsync(author, "Premier cas axolotl", "Résumé.", "Corps.", Now);
        await data.ChangeCaseAsync(id, (c, _) => c.HoldForReview());
        var client = factory.CreateFormClient("fr").Http;
        Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));

        await data.ChangeCaseAsync(id, (c, _) => c.Approve(Now));
        Assert.Single(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));

        await data.ChangeCaseAsync(id, (c, _) => c.Hide(Now));
        Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));
        await data.ChangeCaseAsync(id, (c, _) => c.Unhide());
        Assert.Single(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));

        // Even when the index lags (a bulk update bypasses SaveChanges), the live row decides.
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CaseStatus.Deleted));
        Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));
    }

    [Fact]
    public async Task The_index_follows_an_edit_of_the_title()
    {
        var browse = new BrowseData(factory.Services);
        await browse.TaxonomyAsync();
        var author = await browse.MemberAsync("Rédactrice", Now);
        var data = new SearchData(factory.Services);
        var id = await data.CaseAsync(author, "Ancien titre quetzal", "Résumé.", "Corps.", Now);
        await data.ChangeCaseAsync(id, (c, r) => c.Edit(author, new CaseText("Nouveau titre ocelot", "Résumé.", "Corps.", null, null),
            r.Render("Corps."), new CaseContext(SizeBand.From51To200, Sector.Software, Stage.Established, null, 2, AuthorRole.Coach),
            c.Tags.Select(t => t.TagId).ToList(), null, Now));
        var client = factory.CreateFormClient("fr").Http;
        Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, "quetzal")));
        Assert.Single(SearchPages.Links(await SearchPages.SearchAsync(client, "ocelot")));
    }

    [Fact]
    public async Task Every_page_has_a_search_box_in_the_header_and_a_case_shows_related_cases()
    {
        var browse = new BrowseData(factory.Services);
        await browse.TaxonomyAsync();
        var author = await browse.MemberAsync("Voisine", Now);
        var data = new SearchData(factory.Services);
        var main = await data.CaseAsync(author, "Cas principal", "Résumé.", "Corps.", Now.AddHours(-9), ["framework-vs-culture", "apparent-alignment", "green-dashboards"]);
        var two = await data.CaseAsync(author, "Deux en commun", "Résumé.", "Corps.", Now.AddHours(-8), ["framework-vs-culture", "apparent-alignment"]);
        var oneOld = await data.CaseAsync(author, "Un en commun ancien", "Résumé.", "Corps.", Now.AddHours(-7), ["framework-vs-culture"]);
        var oneNew = await data.CaseAsync(author, "Un en commun récent", "Résumé.", "Corps.", Now.AddHours(-6), ["green-dashboards"]);
        await data.CaseAsync(author, "Aucun en commun", "Résumé.", "Corps.", Now.AddHours(-5), ["ambition-vs-execution"]);
        var hidden = await data.CaseAsync(author, "Tout en commun mais caché", "Résumé.", "Corps.", Now.AddHours(-4), ["framework-vs-culture", "apparent-alignment", "green-dashboards"]);
        await data.ChangeCaseAsync(hidden, (c, _) => c.Hide(Now));
        var client = factory.CreateFormClient("fr").Http;

        var page = await GetAsync(client, $"/cases/{main}/cas-principal");
        var related = page.QuerySelectorAll("section.related-cases li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/cases/{two}/deux-en-commun", $"/cases/{oneNew}/un-en-commun-recent", $"/cases/{oneOld}/un-en-commun-ancien"], related);

        var form = page.QuerySelector("header form[role=search]")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.NotNull(page.QuerySelector("header label[for=header-q]"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.Equal($"http://localhost/cases/{main}/cas-principal", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("Cas principal", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
    }
}
