using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Tests.Cases;

public sealed class CaseSectionsTests
{
    private const string Stored = "## Contexte\n\nune équipe produit.\n\n## Ce qui a dérivé\n\nles arbitrages.\n\n- un point\n- un autre\n\n## Ce que nous avons appris\n\nêtre synchronisé ne suffit pas.";

    [Fact]
    public void A_stored_body_splits_into_its_sections_and_joins_back_byte_for_byte()
    {
        var sections = CaseSections.Split(Stored);

        Assert.Equal("une équipe produit.", sections.Context);
        Assert.Equal("les arbitrages.\n\n- un point\n- un autre", sections.Drifted);
        Assert.Null(sections.Healthy);
        Assert.Equal("fr", sections.Language);
        Assert.Equal(Stored, sections.Join());
    }

    [Fact]
    public void Sections_join_under_the_headings_of_their_language_and_split_back_to_the_same_fields()
    {
        var typed = new CaseSections { Language = "en", Context = "A team.", Healthy = "Cycles held.", Tried = "A review.\n\n### Detail\n\nmore", Learned = "Sync is not alignment." };

        var joined = typed.Join();
        var back = CaseSections.Split(joined);

        Assert.StartsWith("## Context\n\nA team.\n\n## What looked healthy\n\nCycles held.", joined);
        foreach (var key in CaseSections.Keys) Assert.Equal(typed[key], back[key]);
        Assert.Equal(joined, back.Join());
    }

    [Fact]
    public void Text_outside_the_known_headings_is_kept_first_and_an_unknown_or_repeated_heading_stays_text()
    {
        var stored = "Une introduction libre.\n\n## Contexte\n\nune équipe.\n\n## Annexe\n\ndes chiffres.\n\n## Contexte\n\nencore.\n\n## What we tried\n\na review.";

        var sections = CaseSections.Split(stored);

        Assert.Equal("Une introduction libre.", sections.Other);
        Assert.Equal("une équipe.\n\n## Annexe\n\ndes chiffres.\n\n## Contexte\n\nencore.", sections.Context);
        Assert.Equal("a review.", sections.Tried);
        var joined = sections.Join();
        foreach (var piece in new[] { "Une introduction libre.", "## Annexe", "des chiffres.", "encore.", "a review." })
            Assert.Contains(piece, joined);
        Assert.Equal(joined, CaseSections.Split(joined).Join());
    }

    [Theory]
    [InlineData("A body without any heading, typed as one text, with its own\r\nline endings.  ")]
    [InlineData("")]
    public void A_body_without_sections_is_kept_as_it_was_typed(string body)
    {
        var sections = CaseSections.Split(body);
        Assert.Equal(body, sections.Join());
    }

    [Fact]
    public void The_case_input_binds_the_whole_body_or_the_sections_alike()
    {
        var input = new CaseInput { Body = Stored };
        Assert.Equal("une équipe produit.", input.Sections.Context);
        // Section by section (the composer's form): the body is joined from them with the headings.
        var typed = new CaseInput();
        typed.Sections.Context = "une équipe produit.";
        typed.Sections.Healthy = "les revues tenaient.";
        typed.Sections.Drifted = "les arbitrages.";
        Assert.Contains("## Ce qui semblait sain\n\nles revues tenaient.\n\n## Ce qui a dérivé", typed.Body);
    }
}
