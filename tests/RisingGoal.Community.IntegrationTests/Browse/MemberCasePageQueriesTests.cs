using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// A member's case page, caching on as in production (the case and its replies from the shared read model, the page
/// kept, their marks kept): a repeated view sends no query at all, and nothing is written when nothing new was shown; a
/// new reply is still counted as new for them, and read on the next view.
/// </summary>
public sealed class MemberCasePageQueriesTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task A_members_case_page_costs_no_query_when_nothing_changed_and_still_counts_a_new_reply()
    {
        var counter = new SqlCommandCounter();
        var app = SqlCommandCounter.Counting(factory.With("Caching:Enabled", "true"), counter);
        var @case = await app.Seed(A.Case().Titled("Une discussion relue sans requête de trop").WithReplies(3));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var (reader, _) = await app.SignedInAs(A.Member().Named("Relectrice économe"));
        await reader.GetDocumentAsync(url);   // the first view records the read state
        await reader.GetDocumentAsync(url);

        counter.Reset();
        await reader.GetDocumentAsync(url);
        Assert.Equal(0, counter.Count);

        await app.Seed(A.Reply().On(@case).Saying("Une réponse arrivée depuis la dernière lecture."));
        var page = await reader.GetDocumentAsync(url);
        Assert.Contains("1 nouvelle réponse", page.QuerySelector(".unread-replies")?.TextContent);
        Assert.Null((await reader.GetDocumentAsync(url)).QuerySelector(".unread-replies"));
    }
}
