using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>
/// "Cases like mine" (/cases/like-mine), caching on: the closest cases first, each with why it is close, and only
/// cases the reader may see — a members-only case for members alone, a hidden one for nobody, at once after the write.
/// </summary>
public sealed class CasesLikeMineTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private const string Situation = "/cases/like-mine?size=from51to200&sector=industry&tension=centralisation-vs-autonomy&drift=apparent-alignment";

    [Fact]
    public async Task The_case_with_the_same_size_sector_and_tension_comes_first_with_why_and_unrelated_cases_are_left_out()
    {
        factory.With("Caching:Enabled", "true");
        var author = await factory.Seed(A.Member().Named("Autrice des cas proches"));
        var unrelated = await CaseWithAsync(author, "Rien en commun", SizeBand.Over5000, Sector.Finance, []);
        var sectorOnly = await CaseWithAsync(author, "Même secteur seulement", SizeBand.Over5000, Sector.Industry, ["invisible-trade-offs"]);
        var tensionOnly = await CaseWithAsync(author, "Même tension seulement", SizeBand.From1To10, Sector.Finance, ["centralisation-vs-autonomy"]);
        var closest = await CaseWithAsync(author, "Même taille, secteur et tension", SizeBand.From51To200, Sector.Industry, ["centralisation-vs-autonomy", "apparent-alignment"]);

        var page = await factory.CreateFormClient().GetDocumentAsync(Situation);
        var listed = page.QuerySelectorAll(".like-mine-results li h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([Url(closest), Url(tensionOnly), Url(sectorOnly)], listed.Where(h => h != null && new[] { closest, tensionOnly, sectorOnly, unrelated }.Any(c => h == Url(c))).ToList());
        Assert.DoesNotContain(Url(unrelated), listed);
        var why = page.QuerySelector(".like-mine-results li .like-mine-why")!.TextContent;
        Assert.Contains("même tension\u00a0: Centralisation vs", why);
        Assert.Contains("même dérive\u00a0: Alignement apparent", why);
        Assert.Contains("même secteur\u00a0: Industrie", why);
        Assert.Contains("même taille", why);
        // The form keeps the situation it was sent with.
        Assert.NotNull(page.QuerySelector("#like-sector option[value=industry][selected]"));
        Assert.NotNull(page.QuerySelector("#like-tension-centralisation-vs-autonomy[checked]"));
    }

    [Fact]
    public async Task A_members_only_case_is_listed_for_members_alone_and_a_hidden_case_for_nobody_right_after_the_write()
    {
        factory.With("Caching:Enabled", "true");
        var author = await factory.Seed(A.Member().Named("Autrice réservée aux membres"));
        var membersOnly = await CaseWithAsync(author, "Cas proche réservé aux membres", SizeBand.From51To200, Sector.Industry, ["centralisation-vs-autonomy"], CaseVisibility.MembersOnly);
        var toHide = await CaseWithAsync(author, "Cas proche bientôt masqué", SizeBand.From51To200, Sector.Industry, ["centralisation-vs-autonomy"]);
        var visitor = factory.CreateFormClient();
        var member = await factory.SignedInAs(await factory.Seed(A.Member().Named("Lectrice des cas proches")));

        Assert.DoesNotContain(Url(membersOnly), await HrefsAsync(visitor));
        Assert.Contains(Url(membersOnly), await HrefsAsync(member));
        Assert.Contains(Url(toHide), await HrefsAsync(visitor));   // cached now, for visitors and members

        await ChangeAsync(toHide, c => c.Hide(factory.Clock.GetUtcNow().UtcDateTime));
        Assert.DoesNotContain(Url(toHide), await HrefsAsync(visitor));
        Assert.DoesNotContain(Url(toHide), await HrefsAsync(member));
    }

    [Theory]
    [InlineData("/cases/like-mine")]
    [InlineData("/cases/like-mine?size=huge&sector=1&tension=nope&drift=%00")]
    public async Task An_empty_or_unknown_situation_shows_the_form_and_no_list(string url)
    {
        var page = await factory.CreateFormClient().GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector("form.like-mine-form"));
        Assert.Null(page.QuerySelector(".like-mine-results"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/search")]
    public async Task The_home_and_search_lead_to_it(string page) =>
        Assert.NotNull((await factory.CreateFormClient().GetDocumentAsync(page)).QuerySelector("main a[href='/cases/like-mine']"));

    private static string Url(Case c) => CaseUrls.Read(c.Id, c.Slug);

    private static async Task<List<string?>> HrefsAsync(FormClient client) =>
        (await client.GetDocumentAsync(Situation)).QuerySelectorAll(".like-mine-results li h3 a").Select(a => a.GetAttribute("href")).ToList();

    private Task<Case> CaseWithAsync(Features.Accounts.Member author, string title, SizeBand size, Sector sector, string[] tagSlugs,
        CaseVisibility visibility = CaseVisibility.Public) =>
        factory.Seed(A.Case().By(author).Titled(title).Summarised("Un résumé assez long pour être accepté par le formulaire.")
            .Saying("## Contexte\n\nUn cas écrit pour les tests des cas proches.")
            .In(new CaseContext(size, sector, Stage.Established, null, 2, AuthorRole.Manager)).Visible(visibility).Tagged(tagSlugs));

    private Task ChangeAsync(Case @case, Action<Case> change) => factory.ChangeCase(@case.Id, change);
}
