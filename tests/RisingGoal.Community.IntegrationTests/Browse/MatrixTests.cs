using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

public sealed class MatrixTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Home_matrix_counts_visible_cases_per_cell_and_members_only_cases_only_for_signed_in_readers()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await factory.Seed(A.Member().Named("Auteur Matrice").JoinedAt(now));
        CaseBuilder CaseTitled(string title, DateTime publishedUtc, params string[] tags) => A.Case().By(author).Titled(title).PublishedAt(publishedUtc).Tagged(tags);
        await factory.Seed(CaseTitled("Cas public un", now.AddHours(-5), "apparent-alignment", "ambition-vs-execution").With(c => c.Feature(now)));
        await factory.Seed(CaseTitled("Cas public deux", now.AddHours(-4), "apparent-alignment", "ambition-vs-execution", "delivery-vs-scalability")
            .WithReplies(2, now.AddHours(-1)));
        await factory.Seed(CaseTitled("Cas réservé", now.AddHours(-3), "apparent-alignment", "ambition-vs-execution").Visible(CaseVisibility.MembersOnly));
        await factory.Seed(CaseTitled("Cas invisible", now.AddHours(-2), "invisible-trade-offs", "framework-vs-culture"));
        var client = factory.CreateClient();

        var anonymous = await GetAsync(client, "/");
        Assert.Equal((2, "heat-high"), Cell(anonymous, "apparent-alignment", "ambition-vs-execution"));
        Assert.Equal((1, "heat-mid"), Cell(anonymous, "apparent-alignment", "delivery-vs-scalability"));
        Assert.Equal((1, "heat-mid"), Cell(anonymous, "invisible-trade-offs", "framework-vs-culture"));
        Assert.Equal((0, "heat-0"), Cell(anonymous, "steering-without-regulation", "ambition-vs-execution"));
        Assert.Equal(3 * 4, anonymous.QuerySelectorAll("table.matrix tbody td a").Length);
        Assert.Equal(4, anonymous.QuerySelectorAll("table.matrix thead th[scope=col] a").Length);
        Assert.Equal(3, anonymous.QuerySelectorAll("table.matrix tbody th[scope=row]").Length);
        Assert.NotNull(anonymous.QuerySelector("table.matrix caption"));
        Assert.DoesNotContain("Cas réservé", anonymous.Body!.TextContent);

        var signedIn = await GetAsync((await factory.SignedInAs(author)).Http, "/");
        Assert.Equal((3, "heat-high"), Cell(signedIn, "apparent-alignment", "ambition-vs-execution"));
        Assert.Equal((1, "heat-low"), Cell(signedIn, "apparent-alignment", "delivery-vs-scalability"));
        Assert.Contains("Cas réservé", Titles(signedIn.QuerySelector("[aria-labelledby=latest-title]")!));
    }

    [Fact]
    public async Task Home_explains_the_matrix_without_calling_a_crossing_a_case()
    {
        // "Chaque case compte les cas": a "case" (cell) among "cas" (cases), and no cell at all on a phone, where the
        // matrix is a list per tension (people14).
        var home = await GetAsync(factory.CreateClient(), "/");
        var intro = home.QuerySelector("[aria-labelledby=matrix-title] > p")!.TextContent;
        Assert.Equal("Chaque croisement d’un type de dérive et d’une tension compte ses cas. Choisissez celui qui ressemble à votre situation.", intro);
    }
}
