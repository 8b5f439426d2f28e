using AngleSharp.Html.Dom;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// The home's lists as Discourse keeps "Latest" and "Hot" apart: "Most active discussions" holds cases with replies that
/// "Featured" and "Latest" do not already show, the most recently answered first. With few cases it said the latest
/// cases a second time; now it is left out until it has one of its own. Read by a visitor (page cache) and a member (the
/// shared member page), caching on, each size on its own database.
/// </summary>
public sealed class HomeListsTests
{
    /// <summary>An app of its own per size (the lists depend on every case of the database), caching on.</summary>
    private static async Task<(MembersAppFactory App, Func<string, int, CaseBuilder> Case)> NewAppAsync(string author)
    {
        var app = new MembersAppFactory();
        app.With("Caching:Enabled", "true");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var writer = await app.Seed(A.Member().Named(author).JoinedAt(now.AddDays(-60)));
        return (app, (title, daysAgo) => A.Case().By(writer).Titled(title).PublishedAt(now.AddDays(-daysAgo)).Tagged("framework-vs-culture"));
    }

    /// <summary>The home as a visitor (page cache) and as a member (the shared member page) read it.</summary>
    private static async Task<IHtmlDocument[]> ReadAsVisitorAndMemberAsync(CommunityAppFactory app, string who)
    {
        var member = await app.SignedInAs(await app.Seed(A.Member().Named(who)));
        return [await GetAsync(app.CreateClient(), "/"), await GetAsync(member.Http, "/")];
    }

    private static List<string> Section(IHtmlDocument home, string title) =>
        home.QuerySelector($"[aria-labelledby={title}]") is { } section ? Titles(section) : [];

    [Fact]
    public async Task With_few_cases_most_active_is_left_out_rather_than_repeating_latest()
    {
        var (app, Case) = await NewAppAsync("Autrice Peu De Cas");
        await using var _ = app;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.Seed(Case("Peu de cas, discuté", 2).WithReplies(3, now.AddHours(-1)));
        await app.Seed(Case("Peu de cas, récent", 1));

        foreach (var home in await ReadAsVisitorAndMemberAsync(app, "Lectrice Peu De Cas"))
        {
            Assert.Equal(["Peu de cas, récent", "Peu de cas, discuté"], Section(home, "latest-title"));
            Assert.Null(home.QuerySelector("[aria-labelledby=active-title]"));
            Assert.Null(home.GetElementById("active-title"));
        }
    }

    [Fact]
    public async Task At_full_size_most_active_brings_up_older_discussions_and_no_case_shows_twice()
    {
        var (app, Case) = await NewAppAsync("Auteur Beaucoup De Cas");
        await using var _ = app;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.Seed(Case("Ancien, à la une et discuté", 30).WithReplies(4, now.AddMinutes(-30)).With(c => c.Feature(now.AddDays(-1))));
        await app.Seed(Case("Ancien, discuté hier", 20).WithReplies(2, now.AddDays(-1)));
        await app.Seed(Case("Ancien, discuté ce matin", 25).WithReplies(6, now.AddHours(-3)));
        await app.Seed(Case("Ancien, sans réponse", 15));
        for (var i = 1; i <= 5; i++)
            await app.Seed(Case($"Récent {i}", 6 - i).WithReplies(i == 5 ? 1 : 0, now.AddMinutes(-i)));

        foreach (var home in await ReadAsVisitorAndMemberAsync(app, "Lecteur Beaucoup De Cas"))
        {
            Assert.Equal(["Ancien, à la une et discuté"], Section(home, "featured-title"));
            Assert.Equal(["Récent 5", "Récent 4", "Récent 3", "Récent 2", "Récent 1"], Section(home, "latest-title"));
            Assert.Equal(["Ancien, discuté ce matin", "Ancien, discuté hier"], Section(home, "active-title"));
        }
    }
}
