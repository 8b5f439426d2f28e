using RisingGoal.Community.Features.Search;

namespace RisingGoal.Community.Tests.Search;

/// <summary>Snippets made in C# match words the way the index does: by prefix, with case and accents folded.</summary>
public sealed class SnippetsTests
{
    private static string Shown(string marked) => marked.Replace(Highlight.Start, '[').Replace(Highlight.End, ']');

    [Fact]
    public void Marks_words_by_prefix_with_accents_and_case_folded()
    {
        var marked = Snippets.All("Les Équipes arbitrent; l'équipe décide.", ["equipe"]);
        Assert.Equal("Les [Équipes] arbitrent; l'[équipe] décide.", Shown(marked));
    }

    [Fact]
    public void Terms_with_accents_match_words_without_them()
    {
        Assert.Equal("[execution] rapide", Shown(Snippets.All("execution rapide", ["exécution"])));
    }

    [Fact]
    public void A_word_that_only_contains_the_term_is_not_marked()
    {
        Assert.Equal("désalignement", Shown(Snippets.All("désalignement", ["alignement"])));
    }

    [Fact]
    public void Picks_the_window_with_the_most_matches_and_marks_the_cuts()
    {
        var filler = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"mot{i}"));
        var text = $"{filler} arbitrage visible puis arbitrage caché {filler}";
        var snippet = Shown(Snippets.Best(text, ["arbitrage"], words: 6));
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Equal(2, snippet.Split("[arbitrage]").Length - 1);
    }

    [Fact]
    public void Without_a_match_the_snippet_is_the_beginning_of_the_text()
    {
        Assert.Equal("un deux trois…", Snippets.Best("un deux trois quatre cinq", ["absent"], words: 3));
    }

    [Fact]
    public void Short_text_is_shown_whole_without_ellipsis()
    {
        Assert.Equal("Une [tension] non traitée", Shown(Snippets.Best("Une tension non traitée", ["tension"])));
        Assert.Equal("", Snippets.Best("", ["tension"]));
        Assert.Equal("!!", Snippets.All("!!", ["tension"]));
    }

    [Theory]
    [InlineData("Équipes et TENSIONS", 2)]
    [InlineData("E\u0301quipe sans tension", 2)]          // a decomposed accent on the first letter
    [InlineData("Œuvre d’équipe", 1)]
    [InlineData("Désalignement des équipes", 1)]          // "tension" nowhere, "equipe" once
    [InlineData("", 0)]
    public void Matched_terms_count_each_term_that_starts_a_word_once(string text, int expected) =>
        Assert.Equal(expected, Snippets.MatchedTerms(text, ["équipe", "tension", "absent"]));
}
