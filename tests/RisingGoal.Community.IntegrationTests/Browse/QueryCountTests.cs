using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

public sealed class QueryCountTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task List_pages_use_a_bounded_number_of_sql_commands_whatever_the_number_of_rows()
    {
        var counter = new SqlCommandCounter();
        var app = SqlCommandCounter.Counting(factory, counter);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Compteuse").JoinedAt(now));
        var visitor = app.CreateClient();
        var member = (await app.SignedInAs(author, followRedirects: true)).Http;
        string[] tags = ["ambition-vs-execution", "apparent-alignment", "delivery-vs-scalability"];
        string[] urls = ["/cases", "/cases?tension=ambition-vs-execution&drift=apparent-alignment&sort=active", "/", "/tensions/ambition-vs-execution", "/members/Compteuse"];

        async Task<Dictionary<string, int>> CountAsync(HttpClient client)
        {
            await GetAsync(client, "/cases"); // warm-up: key ring and caches load once
            var counts = new Dictionary<string, int>();
            foreach (var url in urls)
            {
                counter.Reset();
                var page = await GetAsync(client, url);
                counts[url] = counter.Count;
                Assert.NotEmpty(Titles(page));
            }
            return counts;
        }

        CaseBuilder CaseTitled(string title, DateTime publishedUtc) => A.Case().By(author).Titled(title).PublishedAt(publishedUtc).Tagged(tags).WithReplies(1);
        for (var i = 0; i < 3; i++) await app.Seed(CaseTitled($"Peu {i}", now.AddMinutes(-i)));
        var few = await CountAsync(visitor);
        var signedInFew = await CountAsync(member);
        for (var i = 0; i < 27; i++) await app.Seed(CaseTitled($"Beaucoup {i}", now.AddMinutes(-10 - i)));
        var many = await CountAsync(visitor);
        var signedIn = await CountAsync(member);

        Assert.All(few.Values, c => Assert.True(c > 0, "the counter saw no command"));
        Assert.Equal(few, many);
        Assert.Equal(signedInFew, signedIn);
        // A member's own part (header count, visit, one batched read-state query per list, and on the home their drafts
        // count) is a constant, never per row; caching off here: with it, a repeated member home sends none
        // (MemberHomeQueriesTests). The sign-in cookie adds nothing inside its validation interval (CookieRevalidation;
        // staff alone have their roles re-read).
        Assert.All(urls, url => Assert.True(signedIn[url] - many[url] <= (url == "/" ? 5 : 4), $"{url}: member {signedIn[url]} against visitor {many[url]}"));
        Assert.True(many["/cases"] <= 4, $"/cases used {many["/cases"]} commands");
        Assert.True(many["/"] <= 6, $"/ used {many["/"]} commands");
        Assert.True(many["/tensions/ambition-vs-execution"] <= 6, $"tag page used {many["/tensions/ambition-vs-execution"]} commands");
        Assert.True(many["/members/Compteuse"] <= 4, $"profile used {many["/members/Compteuse"]} commands");
    }

    [Fact]
    public async Task Case_page_drift_page_search_and_feed_use_a_bounded_number_of_sql_commands()
    {
        var counter = new SqlCommandCounter();
        var app = SqlCommandCounter.Counting(factory, counter);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Compteur Discussions").JoinedAt(now));
        var client = app.CreateClient();
        string[] tags = ["invisible-trade-offs", "framework-vs-culture"];

        async Task<Dictionary<string, int>> CountAsync(int caseId)
        {
            string[] urls = ["/drifts/invisible-trade-offs", "/search?q=r%C3%A9sum%C3%A9", "/feeds/cases.atom", $"/cases/{caseId}"];
            await GetAsync(client, "/cases");
            var counts = new Dictionary<string, int>();
            foreach (var url in urls)
            {
                counter.Reset();
                await GetAsync(client, url);
                counts[url.StartsWith("/cases/", StringComparison.Ordinal) ? "case page" : url] = counter.Count;
            }
            return counts;
        }

        CaseBuilder CaseTitled(string title, DateTime publishedUtc) => A.Case().By(author).Titled(title).PublishedAt(publishedUtc).Tagged(tags);
        var small = (await app.Seed(CaseTitled("Discussion courte", now.AddHours(-1)).WithReplies(2))).Id;
        for (var i = 0; i < 2; i++) await app.Seed(CaseTitled($"Autre {i}", now.AddHours(-2 - i)));
        var few = await CountAsync(small);
        var large = (await app.Seed(CaseTitled("Discussion longue", now.AddHours(-10)).WithReplies(40))).Id;
        for (var i = 0; i < 25; i++) await app.Seed(CaseTitled($"Encore {i}", now.AddHours(-20 - i)).WithReplies(1));
        var many = await CountAsync(large);

        Assert.Equal(few, many);
        // The case page count covers two requests: /cases/{id} redirects to the canonical slug, then the page.
        Assert.All(many, c => Assert.True(c.Value > 0 && c.Value <= (c.Key == "case page" ? 12 : 8), $"{c.Key} used {c.Value} commands"));
    }
}
