using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>The home page of a first visit: what false alignment is, where to share a case, a matrix that invites.</summary>
public sealed class HomeTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task Home_explains_false_alignment_invites_to_share_and_an_empty_cell_opens_the_composer_with_both_tags_ticked()
    {
        factory.With("Caching:Enabled", "true");
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await factory.Seed(A.Member().Named("Auteur Invitation").JoinedAt(now));
        await factory.Seed(A.Case().By(author).Titled("Seul cas sans réponse").PublishedAt(now.AddHours(1)).Tagged("apparent-alignment", "ambition-vs-execution"));
        var client = factory.CreateFormClient();

        var home = await client.GetDocumentAsync("/");
        Assert.Contains("Être synchronisé n’est pas être aligné.", home.QuerySelector(".hero")!.TextContent);
        Assert.Equal("/cases/new", home.QuerySelector(".hero .home-cta a.button")!.GetAttribute("href"));
        // Here first cases are published at once (Moderation:HoldFirstCases 0): the home promises no review it does not do.
        Assert.NotNull(home.QuerySelector(".home-trust"));
        Assert.Null(home.QuerySelector(".home-trust .trust-first-case"));
        Assert.Contains("Seul cas sans réponse", Titles(home.QuerySelector("[aria-labelledby=latest-title]")!));
        Assert.Null(home.QuerySelector("[aria-labelledby=active-title]"));   // nothing discussed yet: not "Latest" twice (HomeListsTests)
        var invite = home.QuerySelectorAll("table.matrix td.heat-0 a.matrix-invite")
            .Single(a => a.GetAttribute("href") == "/cases/new?drift=steering-without-regulation&tension=framework-vs-culture");
        Assert.Contains("Aucun cas pour l’instant, racontez le vôtre\u00a0: Pilotage sans régulation × Cadre vs culture", invite.TextContent);
        Assert.Contains(home.QuerySelectorAll(".matrix-list li a"), a => a.GetAttribute("href") == invite.GetAttribute("href"));

        var member = await factory.SignedInAs(await factory.Seed(A.Member().Named("Conteuse Invitée")));
        var composer = await member.GetDocumentAsync(invite.GetAttribute("href")!);
        var ticked = composer.QuerySelectorAll("input[type=checkbox][checked]").Select(i => i.ParentElement!.TextContent.Trim()).ToList();
        Assert.Equal(["Pilotage sans régulation", "Cadre vs culture"], ticked);
    }

    /// <summary>
    /// Both layouts of the matrix (the table of wide screens, the list by tension of phones): the invite said once, by a
    /// legend outside both, and each empty crossing a dash that names its crossing to a screen reader and opens the
    /// composer. The table said "0 Aucun cas ici…" in every empty cell, the phone's list kept its legend to itself.
    /// </summary>
    [Theory]
    [InlineData("table.matrix", "td")]
    [InlineData(".matrix-list", "li")]
    public async Task Each_layout_of_the_matrix_says_its_invite_once_and_each_empty_crossing_is_a_named_dash_to_the_composer(string layout, string crossing)
    {
        factory.With("Caching:Enabled", "true");
        var home = await factory.CreateFormClient().GetDocumentAsync("/");
        var matrix = home.QuerySelector(layout)!;
        var empty = matrix.QuerySelectorAll($"{crossing}.heat-0 a.matrix-invite").ToList();
        Assert.True(empty.Count >= 2, "no empty crossing to look at");
        // What a sighted reader sees: a dash per empty crossing, the invite once, in the legend.
        var seen = (AngleSharp.Dom.IElement)matrix.Clone();
        foreach (var hidden in seen.QuerySelectorAll(".visually-hidden").ToList()) hidden.Remove();
        Assert.DoesNotContain("le vôtre", seen.TextContent);
        Assert.All(seen.QuerySelectorAll($"{crossing}.heat-0 a.matrix-invite"), a => Assert.Equal("—", a.TextContent.Trim()));
        var legend = Assert.Single(home.QuerySelectorAll(".matrix-legend"));
        Assert.Null(legend.Closest(".matrix-list, table"));
        Assert.Equal("Un tiret (—) marque un croisement sans cas pour l’instant\u00a0: choisissez-le pour raconter le vôtre.", legend.TextContent.Trim());
        // What a screen reader hears on each dash: what it does and where.
        var invite = empty.Single(a => a.GetAttribute("href") == "/cases/new?drift=steering-without-regulation&tension=framework-vs-culture");
        Assert.Equal("Aucun cas pour l’instant, racontez le vôtre\u00a0: Pilotage sans régulation × Cadre vs culture",
            invite.QuerySelector(".visually-hidden")!.TextContent.Trim());
    }
}
