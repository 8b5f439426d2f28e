using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// A member's home, caching on as in production: a repeated view sends no query at all, their drafts line included (one
/// count per view took the member home from 1.1x the ceiling to 0.3x in session 15's full run).
/// </summary>
public sealed class MemberHomeQueriesTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task A_members_home_with_a_draft_costs_no_query_when_nothing_changed()
    {
        var counter = new SqlCommandCounter();
        var app = SqlCommandCounter.Counting(factory.With("Caching:Enabled", "true"), counter);
        await app.Seed(A.Case().Titled("Un cas sur la page d’accueil").WithReplies(2));
        var (member, _) = await app.SignedInAs(A.Member().Named("Membre économe"));
        await member.SubmitAsync("/cases/new", new Dictionary<string, string> { ["Input.Title"] = "Un brouillon" },
            "form.composer", pressed: "button[formaction='/cases/drafts/save']");
        await member.GetDocumentAsync("/");
        await member.GetDocumentAsync("/");

        counter.Reset();
        var home = await member.GetDocumentAsync("/");
        Assert.Equal("1 brouillon en cours", home.QuerySelector("main .your-drafts a")?.TextContent);
        Assert.Equal(0, counter.Count);
    }
}
