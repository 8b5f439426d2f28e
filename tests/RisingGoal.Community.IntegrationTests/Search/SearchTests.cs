using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Search;

internal static class SearchPages
{
    public static async Task<IHtmlDocument> SearchAsync(HttpClient client, string query) =>
        await GetAsync(client, "/search?q=" + Uri.EscapeDataString(query));

    public static List<string> Links(IHtmlDocument page) =>
        page.QuerySelectorAll("ol.search-hits li h3 a").Select(a => a.GetAttribute("href")!).ToList();

    public static string Text(IHtmlDocument page) => page.QuerySelector("section.search-results")?.TextContent ?? "";
}

public sealed class SearchTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;
    private MarkdownRenderer Renderer => factory.Services.GetRequiredService<MarkdownRenderer>();

    [Fact]
    public async Task Accented_and_unaccented_words_find_the_same_case_by_title_summary_body_and_plural()
    {
        var author = await factory.Seed(A.Member().Named("Chercheuse").JoinedAt(Now));
        var id = (await factory.Seed(A.Case().By(author).Titled("Exécution sans arbitrage").Summarised("Les priorités changent sans décision.").Saying("Les arbitrages **budgétaires** reviennent chaque trimestre, et personne ne tranche.").PublishedAt(Now.AddHours(-1)))).Id;
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

    [Fact]
    public async Task Snippets_show_members_text_with_french_spacing_and_the_word_still_marked()
    {
        var author = await factory.Seed(A.Member().Named("Typographe").JoinedAt(Now));
        await factory.Seed(A.Case().By(author).Titled("Comité sans cap").Summarised("Un comité qui valide tout.")
            .Saying("Pourquoi personne ne cartographie ? Le constat : l'équipe « valide » seule ; voilà !").PublishedAt(Now.AddHours(-1)));
        var page = await SearchPages.SearchAsync(factory.CreateFormClient("fr").Http, "cartographie equipe");

        var snippet = page.QuerySelector("ol.search-hits .snippet")!;
        Assert.Equal(["cartographie", "équipe"], snippet.QuerySelectorAll("mark").Select(m => m.TextContent));
        var text = string.Join(' ', snippet.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        // No space slipped next to a marked word ("l’ équipe", "cartographie  ?"), which Razor wrote before.
        Assert.True(text.Contains("ne cartographie\u202F? Le constat\u00A0: l’équipe «\u00A0valide\u00A0» seule\u202F; voilà"), snippet.OuterHtml);
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
        var author = await factory.Seed(A.Member().Named("Discrète").JoinedAt(Now));
        var pending = (await factory.Seed(A.Case().By(author).Titled("Cas en attente").Summarised("Résumé.").Saying("Le mot zanzibar est ici.").PublishedAt(Now.AddHours(-5)))).Id;
        await factory.ChangeCase(pending, c => c.HoldForReview());
        var hidden = (await factory.Seed(A.Case().By(author).Titled("Cas caché").Summarised("Résumé.").Saying("Le mot zanzibar encore.").PublishedAt(Now.AddHours(-4)))).Id;
        await factory.ChangeCase(hidden, c => c.Hide(Now));
        var deleted = (await factory.Seed(A.Case().By(author).Titled("Cas supprimé").Summarised("Résumé.").Saying("Toujours zanzibar.").PublishedAt(Now.AddHours(-3)))).Id;
        await factory.ChangeCase(deleted, c => c.Delete(Now));
        var members = (await factory.Seed(A.Case().By(author).Titled("Cas réservé").Summarised("Résumé.").Saying("Zanzibar réservé aux membres.").PublishedAt(Now.AddHours(-2)).Visible(CaseVisibility.MembersOnly))).Id;
        var redacted = (await factory.Seed(A.Case().By(author).Titled("Cas caviardé").Summarised("Résumé.").Saying("Le directeur Zanzibar a tranché seul.").PublishedAt(Now.AddHours(-1)))).Id;
        await factory.ChangeCase(redacted, c => c.Redact("Zanzibar", "[retiré]", Renderer.Render, Now));
        var open = (await factory.Seed(A.Case().By(author).Titled("Cas ouvert").Summarised("Résumé.").Saying("Rien de particulier ici.").PublishedAt(Now.AddMinutes(-30)))).Id;
        var hiddenReply = (await factory.Seed(A.Reply().On(open).By(author).Saying("Réponse zanzibar masquée.").At(Now))).Id;
        await factory.ChangeReply(hiddenReply, r => r.Hide(Now));
        var deletedReply = (await factory.Seed(A.Reply().On(open).By(author).Saying("Réponse zanzibar supprimée.").At(Now))).Id;
        await factory.ChangeReply(deletedReply, r => r.Delete(Now));
        var visibleReply = (await factory.Seed(A.Reply().On(open).By(author).Saying("Une réponse visible sur les arbitrages zanzibariens.").At(Now))).Id;

        var anonymous = factory.CreateFormClient("fr").Http;
        var page = await SearchPages.SearchAsync(anonymous, "zanzibar");
        Assert.Equal([$"/cases/{open}/replies/{visibleReply}"], SearchPages.Links(page));   // the permalink: lands on the reply's page
        Assert.DoesNotContain("masquée", SearchPages.Text(page));
        Assert.Contains("caviard", SearchPages.Links(await SearchPages.SearchAsync(anonymous, "retiré")).Single());

        // A signed-in member also sees the members-only case, never the others.
        var signedIn = (await factory.SignedInAs(author)).Http;
        var asMember = SearchPages.Links(await SearchPages.SearchAsync(signedIn, "zanzibar"));
        Assert.Equal(2, asMember.Count);
        Assert.Contains($"/cases/{members}/cas-reserve", asMember);
    }

    [Fact]
    public async Task Filters_by_tension_and_drift_and_pages_of_twenty_with_a_count()
    {
        var author = await factory.Seed(A.Member().Named("Pilote").JoinedAt(Now));
        for (var i = 0; i < 25; i++)
        {
            string[] tags = i < 3 ? ["delivery-vs-scalability", "invisible-trade-offs"] : i < 5 ? ["delivery-vs-scalability"] : [];
            await factory.Seed(A.Case().By(author).Titled($"Pilotage numéro {i}").Summarised("Résumé.").Saying("Le pilotage par les indicateurs.").PublishedAt(Now.AddMinutes(-i)).Tagged(tags));
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
        var author = await factory.Seed(A.Member().Named("Nouvelle").JoinedAt(Now));
        var id = (await factory.Seed(A.Case().By(author).Titled("Premier cas axolotl").Summarised("Résumé.").Saying("Corps.").PublishedAt(Now))).Id;
        await factory.ChangeCase(id, c => c.HoldForReview());
        var client = factory.CreateFormClient("fr").Http;
        Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));

        await factory.ChangeCase(id, c => c.Approve(Now));
        Assert.Single(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));

        await factory.ChangeCase(id, c => c.Hide(Now));
        Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));
        await factory.ChangeCase(id, c => c.Unhide());
        Assert.Single(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));

        // Even when the index lags (a bulk update bypasses SaveChanges), the live row decides.
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CaseStatus.Deleted));
        Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, "axolotl")));
    }

    /// <summary>
    /// .NET calls U+19B0 (a New Tai Lue vowel) a letter, SQLite's tokenizer (Unicode 6.1) a separator: the word is two
    /// tokens in the index, a phrase, which FTS5 refuses without positions (<c>detail=none</c>).
    /// </summary>
    [SqliteOnlyFact]
    public async Task A_word_the_index_tokenizer_cuts_in_two_is_found_not_refused()
    {
        var author = await factory.Seed(A.Member().Named("Lue").JoinedAt(Now));
        var id = (await factory.Seed(A.Case().By(author).Titled("Le cas \u1980\u19B0\u1982 du comité").Summarised("Résumé.").Saying("Corps.").PublishedAt(Now))).Id;
        var response = await factory.CreateClient().GetAsync("/search?q=" + Uri.EscapeDataString("\u1980\u19B0\u1982"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await SearchPages.SearchAsync(factory.CreateFormClient("fr").Http, "\u1980\u19B0\u1982");
        Assert.Single(SearchPages.Links(page), l => l.StartsWith($"/cases/{id}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_index_follows_an_edit_of_the_title()
    {
        var author = await factory.Seed(A.Member().Named("Rédactrice").JoinedAt(Now));
        var id = (await factory.Seed(A.Case().By(author).Titled("Ancien titre quetzal").Summarised("Résumé.").Saying("Corps.").PublishedAt(Now))).Id;
        await factory.ChangeCase(id, c => c.Edit(author.Id, new CaseText("Nouveau titre ocelot", "Résumé.", "Corps.", null, null),
            Renderer.Render("Corps."), new CaseContext(SizeBand.From51To200, Sector.Software, Stage.Established, null, 2, AuthorRole.Coach),
            c.Tags.Select(t => t.TagId).ToList(), null, Now));
        var client = factory.CreateFormClient("fr").Http;
        Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, "quetzal")));
        Assert.Single(SearchPages.Links(await SearchPages.SearchAsync(client, "ocelot")));
    }

    [Fact]
    public async Task Every_page_has_a_search_box_in_the_header_and_a_case_shows_related_cases()
    {
        var author = await factory.Seed(A.Member().Named("Voisine").JoinedAt(Now));
        var main = (await factory.Seed(A.Case().By(author).Titled("Cas principal").Summarised("Résumé.").Saying("Corps.").PublishedAt(Now.AddHours(-9)).Tagged("framework-vs-culture", "apparent-alignment").Tagged(TagKind.Symptom, "green-dashboards"))).Id;
        var two = (await factory.Seed(A.Case().By(author).Titled("Deux en commun").Summarised("Résumé.").Saying("Corps.").PublishedAt(Now.AddHours(-8)).Tagged("framework-vs-culture", "apparent-alignment"))).Id;
        var oneOld = (await factory.Seed(A.Case().By(author).Titled("Un en commun ancien").Summarised("Résumé.").Saying("Corps.").PublishedAt(Now.AddHours(-7)).Tagged("framework-vs-culture"))).Id;
        var oneNew = (await factory.Seed(A.Case().By(author).Titled("Un en commun récent").Summarised("Résumé.").Saying("Corps.").PublishedAt(Now.AddHours(-6)).Tagged(TagKind.Symptom, "green-dashboards"))).Id;
        await factory.Seed(A.Case().By(author).Titled("Aucun en commun").Summarised("Résumé.").Saying("Corps.").PublishedAt(Now.AddHours(-5)).Tagged("ambition-vs-execution"));
        var hidden = (await factory.Seed(A.Case().By(author).Titled("Tout en commun mais caché").Summarised("Résumé.").Saying("Corps.").PublishedAt(Now.AddHours(-4)).Tagged("framework-vs-culture", "apparent-alignment").Tagged(TagKind.Symptom, "green-dashboards"))).Id;
        await factory.ChangeCase(hidden, c => c.Hide(Now));
        await factory.Query(db => db.Set<Case>().Where(c => c.Id == oneNew).ExecuteUpdateAsync(u => u.SetProperty(c => c.Language, "en")));
        var client = factory.CreateFormClient("fr").Http;

        var page = await GetAsync(client, $"/cases/{main}/cas-principal");
        var related = page.QuerySelectorAll("section.related-cases li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/cases/{two}/deux-en-commun", $"/cases/{oneNew}/un-en-commun-recent", $"/cases/{oneOld}/un-en-commun-ancien"], related);
        // A case written in English is read as English on a French page; the others take the page's language.
        Assert.Equal([null, "en", null], page.QuerySelectorAll("section.related-cases li a").Select(a => a.GetAttribute("lang")).ToList());
        Assert.Equal("en", page.QuerySelectorAll("section.related-cases li p")[1].GetAttribute("lang"));

        var form = page.QuerySelector("header form[role=search]")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.NotNull(page.QuerySelector("header label[for=header-q]"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.Equal($"http://localhost/cases/{main}/cas-principal", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("Cas principal", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
    }
}
