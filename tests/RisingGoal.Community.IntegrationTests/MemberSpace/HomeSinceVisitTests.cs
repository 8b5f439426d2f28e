using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.MemberSpace;

/// <summary>The home for a member back after a visit (issue 16, item 1): what is new since, in one query; visitors' home unchanged and cached.</summary>
public sealed class HomeSinceVisitTests
{
    // Everything goes through the counting app's own services: a factory's host and a host derived from it do not run side by side.
    private static async Task<int> CaseAsync(IServiceProvider services, Member author, string title, params Member[] followers) =>
        (await services.Seed(A.Case().By(author).Titled(title).FollowedBy(followers))).Id;

    /// <summary>A reply as the reply handler leaves it: the case's counter and last activity follow.</summary>
    private static Task<Reply> PostReplyAsync(IServiceProvider services, int caseId, Member author) =>
        services.Seed(A.Reply().On(caseId).By(author).Saying("Pareil ici."));

    [Fact]
    public async Task A_member_back_sees_new_cases_and_new_replies_on_followed_discussions_in_a_constant_number_of_queries_and_visitors_get_the_cached_home()
    {
        var factory = new DigestAppFactory();
        factory.With("Caching:Enabled", "true");
        await using var _ = factory;
        var counter = new SqlCommandCounter();
        var app = SqlCommandCounter.Counting(factory, counter);
        var services = app.Services;
        var (reader, author, replier) = (await services.Seed(A.Member().Named("Lectrice")), await services.Seed(A.Member().Named("Autrice")),
            await services.Seed(A.Member().Named("Replier")));
        var client = await app.SignedInAs(reader, followRedirects: true);
        var followed = await CaseAsync(services, author, "Une discussion suivie", reader);
        var notFollowed = await CaseAsync(services, author, "Une discussion ignorée");
        await PostReplyAsync(services, followed, replier);

        var firstVisit = await GetAsync(client.Http, "/");
        Assert.Null(firstVisit.QuerySelector(".since-visit"));   // nothing is "new" to a newcomer
        await GetAsync(client.Http, $"/cases/{followed}");   // read up to the first reply

        factory.Clock.Advance(TimeSpan.FromHours(3));             // a new visit starts after this
        await PostReplyAsync(services, followed, replier);
        await PostReplyAsync(services, followed, replier);
        await PostReplyAsync(services, notFollowed, replier);
        await CaseAsync(services, author, "Un cas publié depuis");
        factory.Clock.Advance(TimeSpan.FromHours(1));
        // Back hours later, the member signs in again: a fresh cookie, so no security-stamp check lands in the first count.
        await client.SignInAsync(reader);

        counter.Reset();
        var home = await GetAsync(client.Http, "/");
        var fewCount = counter.Count;
        var items = home.QuerySelectorAll(".since-visit-list li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => i.StartsWith("Un cas publié depuis", StringComparison.Ordinal) && i.Contains("nouveau cas"));
        Assert.Contains(items, i => i.StartsWith("Une discussion suivie", StringComparison.Ordinal) && i.Contains("2 nouvelles réponses"));
        Assert.Equal($"/cases/{followed}/unread", home.QuerySelector(".since-visit a.new-replies")!.GetAttribute("href"));
        Assert.DoesNotContain(items, i => i.Contains("ignorée"));

        // Many more followed discussions with news: the same number of queries (no query per line).
        for (var i = 0; i < 6; i++)
        {
            var more = await CaseAsync(services, author, $"Autre discussion suivie {i}", reader);
            await PostReplyAsync(services, more, replier);
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(10));   // the same visit, its row written once as in the first count
        counter.Reset();
        home = await GetAsync(client.Http, "/");
        Assert.Equal(fewCount, counter.Count);
        Assert.Equal(8, home.QuerySelectorAll(".since-visit-list li").Length);

        // Visitors: no such section, and the second request is served from the page cache without a query.
        var counted = app.CreateClient();
        await GetAsync(counted, "/");
        counter.Reset();
        Assert.Null((await GetAsync(counted, "/")).QuerySelector(".since-visit"));
        Assert.Equal(0, counter.Count);
    }
}
