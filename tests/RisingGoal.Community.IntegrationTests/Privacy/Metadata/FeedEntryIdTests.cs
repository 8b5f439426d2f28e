using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Metadata;

/// <summary>
/// A feed entry's id is what feed readers key the entries they keep by. Built from the case's address with its slug,
/// it spelled the title and changed with it: after a redaction, readers took the redacted case for a new entry and kept
/// the old one, removed words and all, beside it. The id names the case by its number alone and never changes; the
/// entry's link follows the title. Caching on, read as a visitor.
/// </summary>
public sealed class FeedEntryIdTests
{
    private const string Secret = "Jean Dupontel";

    [Fact]
    public async Task A_feed_entry_keeps_one_id_that_spells_no_title_through_a_redaction_and_a_retitle()
    {
        await using var app = new MembersAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member());
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await app.Seed(A.Case().By(author).Composed().Titled($"Chez {Secret}, les silos sont revenus"));
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var first = await EntryAsync(visitor, @case.Id);
        Assert.DoesNotContain("dupontel", first.Id, StringComparison.OrdinalIgnoreCase);

        await app.RedactCaseAsync(@case.Id, moderator, Secret, "[une personne]");
        var redacted = await EntryAsync(visitor, @case.Id);
        Assert.Equal(first.Id, redacted.Id);
        Assert.DoesNotContain("dupontel", redacted.Link, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignedInAs(author)).SubmitAsync($"/cases/{@case.Id}/edit",
            new Dictionary<string, string> { ["Input.Title"] = "Dans une PME, les silos sont revenus" })).StatusCode);
        var retitled = await EntryAsync(visitor, @case.Id);
        Assert.Equal(first.Id, retitled.Id);
        Assert.EndsWith("/dans-une-pme-les-silos-sont-revenus", retitled.Link);
    }

    private static async Task<(string Id, string Link)> EntryAsync(HttpClient visitor, int caseId)
    {
        using var response = await visitor.GetAsync("/feeds/cases.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var item = Assert.Single(SyndicationFeed.Load(reader).Items, i => i.Links.Single().Uri.AbsolutePath.StartsWith($"/cases/{caseId}/", StringComparison.Ordinal));
        return (item.Id, item.Links.Single().Uri.ToString());
    }
}
