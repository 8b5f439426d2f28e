using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// The cached public profile must not be evicted by what happens on its owner's pseudonymous case: anyone could
/// resonate with the case, then see (from the page's <c>Age</c> header or its freshness) which profile was dropped, and
/// so who wrote it. The profile shows nothing of that discussion, so nothing there needs to evict it.
/// </summary>
public sealed class ProfileCacheOracleTests
{
    private const string NamedTitle = "Un cas signé de son nom";

    [Fact]
    public async Task Marks_and_replies_on_a_pseudonymous_case_leave_its_authors_cached_profile_alone()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Xavier Vraiprenom"));
        var named = await app.Seed(A.Case().By(author).Titled(NamedTitle));
        var pseudonymous = await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Coach Mistral"));
        var curious = await app.SignedInAs(await app.Seed(A.Member().Named("Colette Curieuse")));
        var authorClient = await app.SignedInAs(author);
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var profile = "/members/" + Uri.EscapeDataString("Xavier Vraiprenom");

        Assert.Contains(NamedTitle, await visitor.GetStringAsync(profile));
        // Changed behind the cache's back (no write effect): only a page rendered again would show the new title.
        await app.Query(db => db.Set<Case>().Where(c => c.Id == named.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, "Titre changé en douce")));
        Assert.Contains(NamedTitle, await visitor.GetStringAsync(profile));

        Assert.Equal(HttpStatusCode.Redirect, (await curious.SubmitAsync(CaseUrls.Read(pseudonymous.Id, pseudonymous.Slug),
            new Dictionary<string, string>(), "form[action*='handler=Resonate']")).StatusCode);
        Assert.Contains(NamedTitle, await visitor.GetStringAsync(profile));
        await app.ReplyOnPageAsync(authorClient, pseudonymous.Id, "Merci, je précise le contexte sous mon pseudonyme.");
        Assert.Contains(NamedTitle, await visitor.GetStringAsync(profile));

        // The same mark on the case published under the name does drop the profile (it lists that case).
        Assert.Equal(HttpStatusCode.Redirect, (await curious.SubmitAsync(CaseUrls.Read(named.Id, named.Slug),
            new Dictionary<string, string>(), "form[action*='handler=Resonate']")).StatusCode);
        Assert.Contains("Titre changé en douce", await visitor.GetStringAsync(profile));
    }
}
