using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// <c>/cases/{id}/{slug}</c> must not let anyone test whether a case was once titled "Acme …": a case the reader may
/// see answers any slug with the same redirect to its URL, one they may not see is 404 whatever the slug.
/// </summary>
public sealed class SlugOracleTests
{
    private const string FormerSlug = "chez-acme-industries-les-silos-sont-revenus";

    [Fact]
    public async Task A_former_slug_and_a_made_up_one_get_the_same_answer_for_every_reader()
    {
        await using var app = new MembersAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member());
        var shown = await RetitledAsync(app, author);
        var hidden = await RetitledAsync(app, author);
        var membersOnly = await RetitledAsync(app, author);
        await app.ChangeCase(hidden.Id, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime));
        await app.ChangeCase(membersOnly.Id, c => c.SetVisibility(CaseVisibility.MembersOnly, null));
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var member = await app.SignedInAs(await app.Seed(A.Member()));

        foreach (var (reader, @case) in new[] { (visitor, shown), (member.Http, shown), (member.Http, membersOnly) })
        {
            var canonical = CaseUrls.Read(@case.Id, "dans-une-pme-les-silos-sont-revenus");
            foreach (var slug in new[] { FormerSlug, "chez-globex-les-silos-sont-revenus" })
            {
                var answer = await reader.GetAsync($"/cases/{@case.Id}/{slug}");
                Assert.Equal(HttpStatusCode.MovedPermanently, answer.StatusCode);
                Assert.Equal(canonical, answer.Headers.Location!.ToString());
            }
        }
        foreach (var (reader, @case) in new[] { (visitor, hidden), (member.Http, hidden), (visitor, membersOnly) })
            foreach (var slug in new[] { FormerSlug, "chez-globex-les-silos-sont-revenus", "dans-une-pme-les-silos-sont-revenus" })
                Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/cases/{@case.Id}/{slug}")).StatusCode);
    }

    /// <summary>A case first titled after Acme, then retitled by its author through the edit form (a former slug).</summary>
    private static async Task<Case> RetitledAsync(CommunityAppFactory app, Member author)
    {
        var @case = await app.Seed(A.Case().By(author).Composed().Titled("Chez Acme Industries, les silos sont revenus"));
        Assert.Equal(FormerSlug, @case.Slug);
        var edit = await (await app.SignedInAs(author)).SubmitAsync($"/cases/{@case.Id}/edit",
            new Dictionary<string, string> { ["Input.Title"] = "Dans une PME, les silos sont revenus" });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        return @case;
    }
}
