using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// A member's search page is one kept page shared by every member who asks the same search (MemberPages: results
/// depend on the query, the culture and the visibility class only), caching on as in production: members-only results
/// never reach a visitor, and a write (here a moderator hiding the case) leaves every member's kept page at once.
/// </summary>
public sealed class MemberSearchPagesTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task Members_share_one_kept_search_page_which_visitors_never_get_and_a_hidden_case_leaves_at_once()
    {
        factory.With("Caching:Enabled", "true");
        var (first, _) = await factory.SignedInAs(A.Member().Named("Chercheuse des pages gardées"));
        var (second, _) = await factory.SignedInAs(A.Member().Named("Chercheur des pages gardées"));
        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().Named("Modératrice des recherches").WithRole(Roles.Moderator)));
        var found = await factory.Seed(A.Case().Titled("Un cas pangolinesque réservé aux membres").Visible(CaseVisibility.MembersOnly));
        const string url = "/search?q=pangolinesque";
        var link = $"a[href^='/cases/{found.Id}/']";

        await first.GetDocumentAsync(url);   // rendered once and kept
        var served = await MemberPagesTests.KeptPagesServedAsync(factory);
        var (firstPage, secondPage) = (await first.GetDocumentAsync(url), await second.GetDocumentAsync(url));
        Assert.True(await MemberPagesTests.KeptPagesServedAsync(factory) >= served + 2, "the members' searches were not served from the kept page");
        Assert.NotNull(firstPage.QuerySelector(link));
        Assert.NotNull(secondPage.QuerySelector(link));
        var visitor = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.DoesNotContain($"/cases/{found.Id}/", await visitor.GetStringAsync(url));

        var version = await factory.Query(db => db.Set<Case>().Where(c => c.Id == found.Id).Select(c => c.Version).SingleAsync());
        var hidden = await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Hide", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = found.Id.ToString(), ["Input.Version"] = version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.Null((await first.GetDocumentAsync(url)).QuerySelector(link));
        Assert.Null((await second.GetDocumentAsync(url)).QuerySelector(link));
    }
}
