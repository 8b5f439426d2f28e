using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>What a digest says: counts by each language's plural rule, and shared sections built once for all who share them.</summary>
public sealed class DigestTextTests(DigestTextTests.Factory factory) : IClassFixture<DigestTextTests.Factory>
{
    public sealed class Factory : CommunityAppFactory
    {
        public Factory() => With("Caching:Enabled", "true");
    }

    [Fact]
    public async Task A_case_nobody_resonated_with_reads_0_resonance_in_French_and_0_resonances_in_English()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await factory.Seed(A.Member().Named("Autrice Calme").JoinedAt(now.AddDays(-30)));
        await factory.Seed(A.Case().By(author).Titled("Cas sans écho").PublishedAt(now.AddHours(-3)).Tagged("centralisation"));
        await factory.Seed(A.Case().By(author).Titled("Cas avec un écho").PublishedAt(now.AddHours(-2)).Tagged("centralisation").With(c => c.SetResonanceCount(1)));
        await factory.Seed(A.Case().By(author).Titled("Cas avec deux échos").PublishedAt(now.AddHours(-1)).Tagged("centralisation").With(c => c.SetResonanceCount(2)));

        async Task<Dictionary<string, string>> MetaAsync(string culture)
        {
            var content = await factory.InScopeAsync(sp => sp.GetRequiredService<DigestComposer>().ComposeAsync(
                new DigestRecipient("lecteur-" + culture, "lecteur@example.test", "Lecteur", culture, []), now.AddDays(-1), now, default));
            return content.Sections.SelectMany(s => s.Items).ToDictionary(i => i.Title, i => i.Meta);
        }

        var fr = await MetaAsync("fr");
        Assert.Equal("par Autrice Calme · 0 résonance", fr["Cas sans écho"]);
        Assert.Equal("par Autrice Calme · 1 résonance", fr["Cas avec un écho"]);
        Assert.Equal("par Autrice Calme · 2 résonances", fr["Cas avec deux échos"]);
        var en = await MetaAsync("en");
        Assert.Equal("by Autrice Calme · 0 resonances", en["Cas sans écho"]);
        Assert.Equal("by Autrice Calme · 1 resonance", en["Cas avec un écho"]);
    }

    [Fact]
    public async Task Readers_of_the_same_tags_and_language_share_one_section_and_the_author_of_a_listed_case_gets_one_without_it()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime.AddDays(30);   // a window of its own, away from the other test's cases
        var author = await factory.Seed(A.Member().Named("Autrice Partagée").JoinedAt(now.AddDays(-30)));
        await factory.Seed(A.Case().By(author).Titled("Cas partagé").PublishedAt(now.AddHours(-2)).Tagged("decentralisation"));
        await factory.Seed(A.Case().By(A.Member().Named("Autre Plume")).Titled("Autre cas partagé").PublishedAt(now.AddHours(-1)).Tagged("decentralisation"));
        var shared = new DigestSharedSections();

        async Task<DigestSection> NewCasesAsync(string memberId, string culture) =>
            (await factory.InScopeAsync(sp => sp.GetRequiredService<DigestComposer>().ComposeAsync(
                new DigestRecipient(memberId, memberId + "@example.test", memberId, culture, []), now.AddDays(-1), now, default, shared)))
            .Sections.Single(s => s.Items.Any(i => i.Title == "Autre cas partagé"));

        var first = await NewCasesAsync("lectrice-a", "fr");
        Assert.Same(first, await NewCasesAsync("lectrice-b", "fr"));
        var english = await NewCasesAsync("reader-c", "en");
        Assert.NotSame(first, english);
        Assert.Equal("New cases", english.Heading);
        var forAuthor = await NewCasesAsync(author.Id, "fr");
        Assert.NotSame(first, forAuthor);
        Assert.DoesNotContain(forAuthor.Items, i => i.Title == "Cas partagé");
        Assert.Contains(first.Items, i => i.Title == "Cas partagé");
    }
}
