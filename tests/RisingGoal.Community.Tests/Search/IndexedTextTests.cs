using RisingGoal.Community.Features.Search;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Tests.Search;

/// <summary>The index's text comes from the stored HTML: what a reader sees, word for word, without parsing Markdown again.</summary>
public sealed class IndexedTextTests
{
    [Fact]
    public void Inline_tags_keep_a_word_whole_blocks_and_cells_separate_and_entities_are_decoded()
    {
        var text = IndexedText.FromHtml(
            "<h2>Titre</h2>\n<p>Un mot <strong>gr</strong>as &amp; un <a href=\"https://example.org/?a=1&amp;b=2\" rel=\"nofollow\">lien</a>.</p>\n" +
            "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n<table><tr><td>T1</td><td>vert</td></tr></table><p>fin<br>ligne</p>");

        Assert.Equal("Titre\nUn mot gras & un lien.\nun\ndeux\nT1\nvert\nfin\nligne", text);
    }

    [Fact]
    public void Attribute_values_never_reach_the_text_even_with_a_closing_bracket_inside()
    {
        Assert.Equal("avant\napres", IndexedText.FromHtml("<p>avant<img src=\"/x.png\" alt=\"a > secret\"></p><p>apres</p>"));
    }

    [Fact]
    public void French_no_break_spaces_become_spaces_and_search_markers_are_removed()
    {
        Assert.Equal("Pourquoi ? Voici : rien \u2019 x y", IndexedText.FromHtml("<p>Pourquoi\u202F? Voici&nbsp;: rien \u2019 x\u0002y</p>"));
    }

    [Fact]
    public void Every_word_of_the_Markdown_plain_text_is_in_the_text_of_its_HTML()
    {
        var renderer = new MarkdownRenderer();
        const string markdown = "## Partie 1\n\nLes **arbitrages** budgétaires, l'équipe *produit* et `le code`.\n\n- un\n- deux\n\n| A | B |\n|---|---|\n| x | y |\n";
        static HashSet<string> Words(string s) => s.Split((char[])[' ', '\n', '\u00A0', '\u202F', ',', '.', '|', '-', '\'', '\u2019'],
            StringSplitOptions.RemoveEmptyEntries).ToHashSet();

        Assert.Subset(Words(IndexedText.FromHtml(renderer.Render(markdown).Html)), Words(renderer.ToPlainText(markdown)));
    }
}
