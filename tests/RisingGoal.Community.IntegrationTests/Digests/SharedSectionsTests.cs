using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>
/// Digests of one planner run share the sections that do not depend on the member (picks, new cases per set of followed
/// tags); what does stays per member: their own cases never appear, even when they crowd the shared list.
/// </summary>
public sealed class SharedSectionsTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Shared_new_cases_leave_out_each_members_own_cases_even_when_they_fill_the_shared_list()
    {
        var app = factory.With("Digests:MaxCasesPerSection", "2");
        var data = new BrowseData(app.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var tags = await data.TaxonomyAsync();
        var prolific = await data.MemberAsync("Autrice Prolifique", now.AddDays(-30));
        var reader = await data.MemberAsync("Lecteur Partagé", now.AddDays(-30));
        var other = await data.MemberAsync("Autre Autrice", now.AddDays(-30));
        // The prolific author's five cases are the most resonant: they fill the shared list (2 + slack of 3).
        for (var i = 0; i < 5; i++)
            await data.CaseAsync(prolific, $"Cas prolifique {i}", now.AddDays(-2).AddMinutes(i), ["apparent-alignment"], resonances: 10 + i);
        await data.CaseAsync(other, "Cas discret un", now.AddDays(-2), ["apparent-alignment"], resonances: 1);
        await data.CaseAsync(other, "Cas discret deux", now.AddDays(-2), ["apparent-alignment"], resonances: 0);

        using var scope = app.Services.CreateScope();
        var composer = scope.ServiceProvider.GetRequiredService<DigestComposer>();
        var shared = new DigestSharedSections();
        var followed = new[] { tags["apparent-alignment"] };
        DigestRecipient Recipient(string id) => new(id, $"{id}@example.test", id, "fr", followed);

        var forReader = await composer.ComposeAsync(Recipient(reader), now.AddDays(-7), now, default, shared);
        var forProlific = await composer.ComposeAsync(Recipient(prolific), now.AddDays(-7), now, default, shared);

        string[] Titles(DigestContent content) => content.Sections.Single(s => s.Items.Any(i => i.Title.StartsWith("Cas "))).Items.Select(i => i.Title).ToArray();
        Assert.Equal(["Cas prolifique 4", "Cas prolifique 3"], Titles(forReader));
        Assert.Equal(["Cas discret un", "Cas discret deux"], Titles(forProlific));
    }

    [Fact]
    public async Task A_case_whose_author_deleted_their_account_is_signed_former_member_in_the_digest()
    {
        var data = new BrowseData(factory.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var tags = await data.TaxonomyAsync();
        var gone = await data.MemberAsync("Autrice Partie", now.AddDays(-30));
        var reader = await data.MemberAsync("Lecteur Fidèle", now.AddDays(-30));
        var id = await data.CaseAsync(gone, "Cas resté orphelin", now.AddDays(-1), ["invisible-trade-offs"]);
        await ModerationData.QueryAsync(factory.Services, db => db.Set<Case>().Where(c => c.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.AuthorId, (string?)null)));   // what account deletion leaves

        using var scope = factory.Services.CreateScope();
        var content = await scope.ServiceProvider.GetRequiredService<DigestComposer>().ComposeAsync(
            new DigestRecipient(reader, "lecteur@example.test", "Lecteur", "fr", [tags["invisible-trade-offs"]]), now.AddDays(-7), now, default, new DigestSharedSections());

        var item = content.Sections.SelectMany(s => s.Items).Single(i => i.Title == "Cas resté orphelin");
        Assert.StartsWith("par Ancien membre ·", item.Meta);
    }
}
