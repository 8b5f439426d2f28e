using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>
/// "More than N results" is said only about what the reader may see: a word found only in members-only cases must not
/// tell a visitor, through the capped count, that such cases exist.
/// </summary>
public sealed class SearchCountPrivacyTests
{
    [Fact]
    public async Task A_word_found_only_in_members_only_cases_past_the_cap_gives_a_visitor_no_result_and_no_more_than()
    {
        await using var app = new CommunityAppFactory();
        var author = await app.Seed(A.Member());
        for (var i = 0; i < 3; i++)
            await app.Seed(A.Case().By(author).Titled($"Le comité zéphyrin numéro {i}").Visible(CaseVisibility.MembersOnly));

        var visitor = await app.SearchIndexAsync("zéphyrin", signedIn: false, maxCandidates: 2);
        Assert.Equal(0, visitor.Total);
        Assert.False(visitor.Capped);

        var member = await app.SearchIndexAsync("zéphyrin", signedIn: true, maxCandidates: 2);
        Assert.Equal(2, member.Total);
        Assert.True(member.Capped);
    }
}
