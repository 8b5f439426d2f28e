using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A digest's subject is shown with its address on the administrators' outbox page, and its content goes through the
/// outbox: the digest of a member who wrote under a pseudonym must read exactly as another reader's of the same tags
/// (their pseudonymous case listed among the new cases, its discussion only if they follow it), never "2 new cases"
/// where everyone else got 3.
/// </summary>
public sealed class DigestOfAPseudonymousAuthorTests
{
    [Fact]
    public async Task The_digest_of_a_pseudonymous_author_reads_as_any_other_readers_of_the_same_tags()
    {
        await using var app = new DigestAppFactory();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Bertrand Secret").JoinedAt(now.AddDays(-30)));
        var reader = await app.Seed(A.Member().Named("Lectrice Ordinaire").JoinedAt(now.AddDays(-30)));
        var pseudonymous = await app.Seed(A.Case().By(author).Titled("Chez Dupontel, un alignement de façade").UnderPseudonym("Plume Grise")
            .PublishedAt(now.AddHours(-5)).Tagged("centralisation"));
        await app.Seed(A.Reply().On(pseudonymous.Id).By(reader).Saying("Même chose chez nous.").At(now.AddHours(-4)));
        await app.Seed(A.Reply().On(pseudonymous.Id).By(author).Saying("Merci, je précise.").At(now.AddHours(-3)));

        async Task<DigestContent> DigestOfAsync(string memberId) => await app.InScopeAsync(sp => sp.GetRequiredService<DigestComposer>()
            .ComposeAsync(new DigestRecipient(memberId, "x@example.test", "Quelqu’un", "fr", []), now.AddDays(-1), now, default));

        var forAuthor = await DigestOfAsync(author.Id);
        var forReader = await DigestOfAsync(reader.Id);
        Assert.Equal(forReader.Subject, forAuthor.Subject);
        string[] Lines(DigestContent content) => content.Sections.SelectMany(s => s.Items.Select(i => $"{s.Heading}: {i.Title} ({i.Meta})")).ToArray();
        Assert.Equal(Lines(forReader), Lines(forAuthor));
        Assert.Contains("Nouveaux cas: Chez Dupontel, un alignement de façade (par Plume Grise · 0 résonance)", Lines(forAuthor));
    }
}
