using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Tests.Accounts;

/// <summary>Names that a reader would confuse fold to one: reserved names and pseudonyms are compared that way.</summary>
public sealed class NameFoldingTests
{
    [Theory]
    [InlineData("Modération", "moderation")]
    [InlineData("  Élise   Dumontier ", "ELISE DUMONTIER")]
    [InlineData("Zoë Ångström", "zoe angstrom")]
    [InlineData("E\u0301lise", "Élise")]                 // decomposed and precomposed accents
    public void Case_accents_and_spacing_do_not_make_another_name(string a, string b) =>
        Assert.True(NameFolding.SameName(a, b));

    [Theory]
    [InlineData("Élise", "Elisa")]
    [InlineData("Coach du Nord", "Coach du Sud")]
    public void Different_letters_stay_different(string a, string b) =>
        Assert.False(NameFolding.SameName(a, b));

    [Theory]
    [InlineData("Modération")]
    [InlineData("MODERATION")]
    [InlineData("modérateur")]
    [InlineData("Moderator")]
    [InlineData("administrateur")]
    [InlineData("Administrator")]
    [InlineData("ancien  membre")]
    [InlineData("Former Member")]
    [InlineData("Auteur sous pseudonyme")]
    [InlineData("équipe")]
    public void Staff_titles_and_the_site_s_own_labels_are_reserved_whatever_their_accents(string name) =>
        Assert.True(Member.IsReservedDisplayName(name));

    [Theory]
    [InlineData("Modo Marc")]
    [InlineData("Coach du Nord")]
    [InlineData("Camille")]
    public void Ordinary_names_are_not_reserved(string name) =>
        Assert.False(Member.IsReservedDisplayName(name));
}
