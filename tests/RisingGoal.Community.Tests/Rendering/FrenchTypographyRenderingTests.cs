using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Tests.Rendering;

/// <summary>The typography pass of <see cref="MarkdownRenderer"/>: what it fixes in text, and what it must never touch.</summary>
public sealed class FrenchTypographyRenderingTests
{
    private const string Nbsp = "\u00A0";
    private const string Narrow = "\u202F";
    private readonly MarkdownRenderer _renderer = new();

    // The sanitiser writes U+00A0 as an entity; the text is what matters.
    private string Html(string markdown) => _renderer.Render(markdown).Html.Replace("&nbsp;", Nbsp).Trim();

    [Theory]
    [InlineData("Le constat : rien ne bouge.", "<p>Le constat" + Nbsp + ": rien ne bouge.</p>")]
    [InlineData("Pourquoi ? Parce que ; voilà !", "<p>Pourquoi" + Narrow + "? Parce que" + Narrow + "; voilà" + Narrow + "!</p>")]
    [InlineData("Il a dit « aligné » en réunion.", "<p>Il a dit «" + Nbsp + "aligné" + Nbsp + "» en réunion.</p>")]
    [InlineData("L'équipe n'a pas d'hiver.", "<p>L’équipe n’a pas d’hiver.</p>")]
    [InlineData("**Attention** : les *OKR* ?", "<p><strong>Attention</strong>" + Nbsp + ": les <em>OKR</em>" + Narrow + "?</p>")]
    [InlineData("# Quel pilotage ?", "<h2>Quel pilotage" + Narrow + "?</h2>")]
    public void Spaces_and_apostrophes_in_text_follow_french_typography(string markdown, string expected) =>
        Assert.Equal(expected, Html(markdown));

    [Theory]
    [InlineData("The goal: ship it; now? yes!")]
    [InlineData("Ratio 3:2, at 10:30.")]
    public void Text_without_a_space_before_punctuation_is_left_as_written(string markdown) =>
        Assert.Equal("<p>" + markdown + "</p>", Html(markdown));

    [Fact]
    public void Plain_text_with_search_marks_gets_the_same_spacing_and_keeps_its_marks()
    {
        const char start = '\u0002', end = '\u0003';
        var snippet = $"…personne ne {start}tranche{end} ? Le constat : l{end}'équipe « {start}aligne{end} » seule ; voilà !";
        Assert.Equal($"…personne ne {start}tranche{end}{Narrow}? Le constat{Nbsp}: l{end}’équipe «{Nbsp}{start}aligne{end}{Nbsp}» seule{Narrow}; voilà{Narrow}!",
            FrenchTypography.Text(snippet));
        Assert.Equal("The goal: ship it; now? yes!", FrenchTypography.Text("The goal: ship it; now? yes!"));
    }

    [Fact]
    public void Code_spans_are_never_touched() =>
        Assert.Equal("<p>Lancez <code>a ? b : c</code> puis <code>echo 'l'a'</code>" + Narrow + "!</p>",
            Html("Lancez `a ? b : c` puis `echo 'l'a'` !"));

    [Fact]
    public void Code_blocks_are_never_touched()
    {
        Assert.Contains("x = a ? b : c; // l'id !", Html("```\nx = a ? b : c; // l'id !\n```"));
        Assert.Contains("y = a ? b : c ;", Html("Texte :\n\n    y = a ? b : c ;"));
    }

    [Fact]
    public void Autolinks_and_link_destinations_are_never_touched()
    {
        var html = Html("Voir https://exemple.fr/l'a?b=1 et [le guide](https://exemple.fr/x?y=1 \"Titre : l'aide\") !");
        Assert.True(html.Contains(">https://exemple.fr/l'a?b=1</a>") && html.Contains("Titre : l'aide") && !html.Contains('’'), html);
        Assert.EndsWith("le guide</a>" + Narrow + "!</p>", html);
    }

    [Fact]
    public void Bracketed_autolinks_and_image_alt_text_are_never_touched()
    {
        Assert.Contains(">https://exemple.fr/?q=l'a</a>", Html("<https://exemple.fr/?q=l'a>"));
        Assert.Contains(">l'image : vue</a>", Html("![l'image : vue](https://exemple.fr/i.png)"));
    }

    [Fact]
    public void The_renderer_version_moved_with_the_pass() => Assert.True(MarkdownRenderer.Version >= 4);
}
