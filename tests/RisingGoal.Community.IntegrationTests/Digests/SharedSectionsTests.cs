using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Taxonomy;
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
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var prolific = (await app.Seed(A.Member().Named("Autrice Prolifique").JoinedAt(now.AddDays(-30)))).Id;
        var reader = (await app.Seed(A.Member().Named("Lecteur Partagé").JoinedAt(now.AddDays(-30)))).Id;
        var other = (await app.Seed(A.Member().Named("Autre Autrice").JoinedAt(now.AddDays(-30)))).Id;
        // The prolific author's five cases are the most resonant: they fill the shared list (2 + slack of 3).
        for (var i = 0; i < 5; i++)
        {
            var resonances = 10 + i;
            await app.Seed(A.Case().By(prolific).Titled($"Cas prolifique {i}").PublishedAt(now.AddDays(-2).AddMinutes(i)).Tagged("apparent-alignment")
                .With(c => c.SetResonanceCount(resonances)));
        }
        await app.Seed(A.Case().By(other).Titled("Cas discret un").PublishedAt(now.AddDays(-2)).Tagged("apparent-alignment").With(c => c.SetResonanceCount(1)));
        await app.Seed(A.Case().By(other).Titled("Cas discret deux").PublishedAt(now.AddDays(-2)).Tagged("apparent-alignment"));
        var tags = await TagIdsAsync();

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
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var gone = await factory.Seed(A.Member().Named("Autrice Partie").JoinedAt(now.AddDays(-30)));
        var reader = (await factory.Seed(A.Member().Named("Lecteur Fidèle").JoinedAt(now.AddDays(-30)))).Id;
        var id = (await factory.Seed(A.Case().By(gone).Titled("Cas resté orphelin").PublishedAt(now.AddDays(-1)).Tagged("invisible-trade-offs"))).Id;
        var tags = await TagIdsAsync();
        await factory.Query(db => db.Set<Case>().Where(c => c.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.AuthorId, (string?)null)));   // what account deletion leaves

        using var scope = factory.Services.CreateScope();
        var content = await scope.ServiceProvider.GetRequiredService<DigestComposer>().ComposeAsync(
            new DigestRecipient(reader, "lecteur@example.test", "Lecteur", "fr", [tags["invisible-trade-offs"]]), now.AddDays(-7), now, default, new DigestSharedSections());

        var item = content.Sections.SelectMany(s => s.Items).Single(i => i.Title == "Cas resté orphelin");
        Assert.StartsWith("par Ancien membre ·", item.Meta);
    }

    /// <summary>The taxonomy imported at start-up, slug → id.</summary>
    private Task<Dictionary<string, int>> TagIdsAsync() => factory.Query(db => db.Set<Tag>().ToDictionaryAsync(t => t.Slug, t => t.Id));
}
