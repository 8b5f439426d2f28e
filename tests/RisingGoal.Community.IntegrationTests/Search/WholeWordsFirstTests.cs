using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>
/// On SQLite a word is looked up as a whole word (and its plural) before as a prefix: when whole words alone fill the
/// candidate window, the prefix matches are not read, because merging every word that starts with a common word cost
/// about 200 ms of CPU per search at a million entries. A rare word or a word typed in part still finds its prefixes.
/// </summary>
public sealed class WholeWordsFirstTests
{
    [SqliteOnlyFact]
    public async Task Whole_words_that_fill_the_window_are_the_candidates_even_when_a_newer_entry_only_starts_with_the_word()
    {
        await using var app = new CommunityAppFactory();
        var author = await app.Seed(A.Member());
        for (var i = 0; i < 3; i++)
            await app.Seed(A.Case().By(author).Titled($"Le comité zéphyrin numéro {i}"));
        await app.Seed(A.Case().By(author).Titled("Les zéphyrinades du dernier trimestre"));   // newest entry

        var results = await app.SearchIndexAsync("zéphyrins", signedIn: false, maxCandidates: 2);

        Assert.True(results.Capped);
        Assert.Equal(2, results.Total);
        Assert.All(results.Hits, h => Assert.StartsWith("Le comité zéphyrin", h.Title));
    }

    [Fact]
    public async Task A_window_that_whole_words_do_not_fill_takes_the_prefix_matches_too()
    {
        await using var app = new CommunityAppFactory();
        var author = await app.Seed(A.Member());
        await app.Seed(A.Case().By(author).Titled("Le comité zéphyrin du lundi"));
        await app.Seed(A.Case().By(author).Titled("Les zéphyrinades du dernier trimestre"));

        var whole = await app.SearchIndexAsync("zéphyrin", signedIn: false, maxCandidates: 5);
        var part = await app.SearchIndexAsync("zéphy", signedIn: false, maxCandidates: 5);

        Assert.Equal(2, whole.Total);
        Assert.False(whole.Capped);
        Assert.Equal(2, part.Total);
    }
}
