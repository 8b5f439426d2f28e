using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// A member's search, caching on as in production: the results come from the shared read model and the page is kept for
/// every member, so a repeated search sends no query and builds no database context (the page model asked for one in
/// its constructor: one context per search, used by none of them).
/// </summary>
public sealed class MemberSearchQueriesTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task A_members_repeated_search_sends_no_query_and_builds_no_database_context()
    {
        var queries = new SqlCommandCounter();
        var contexts = new DbContextCounter();
        var app = DbContextCounter.Counting(SqlCommandCounter.Counting(factory.With("Caching:Enabled", "true"), queries), contexts);
        await app.Seed(A.Case().Titled("Des objectifs remplis, des arbitrages absents").WithReplies(2));
        var (member, _) = await app.SignedInAs(A.Member().Named("Chercheuse économe"));
        const string url = "/search?q=objectifs";
        await member.GetDocumentAsync(url);
        await member.GetDocumentAsync(url);

        queries.Reset();
        contexts.Reset();
        var page = await member.GetDocumentAsync(url);

        Assert.Contains("Des objectifs remplis, des arbitrages absents", page.QuerySelector("main")!.TextContent);
        Assert.Equal(0, queries.Count);
        Assert.Equal(0, contexts.Built);
    }
}
